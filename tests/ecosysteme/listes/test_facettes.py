"""The machinery shared by the listings, piece by piece; what it does on a page is tested in
test_liste.py, and each listing's own filters, cards and titles with its app."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from acteurs.models import Organisation
from ecosysteme.listes.facettes import Pagination, enumeration, titre_listing
from tests.factories import OrganisationFactory


@pytest.mark.parametrize(
    ("arguments", "titre"),
    [
        ({}, "Acteurs"),
        (
            {"sujet": ["SCIC"], "lieux": ["en Nouvelle-Aquitaine"], "page": 2},
            "SCIC en Nouvelle-Aquitaine – page 2",
        ),
        (
            {
                "sujet": ["SCOP", "SCIC"],
                "lieux": ["en Gironde"],
                "precisions": [("thème", ["Culture"])],
            },
            "SCOP ou SCIC en Gironde, thème Culture",
        ),
        ({"q": "coopérative"}, "Acteurs – «\u00a0coopérative\u00a0»"),
        ({"lieux": ["en Gironde", "à Dijon"]}, "Acteurs en Gironde ou à Dijon"),
        (
            {
                "sujet": ["association"],
                "precisions": [("type", ["CAE", "PTCE"]), ("thème", ["Culture"])],
            },
            "Association, type CAE ou PTCE, thème Culture",
        ),
        ({"q": "énergie", "page": 3}, "Acteurs – «\u00a0énergie\u00a0» – page 3"),
        ({"page": 1}, "Acteurs"),
    ],
)
def test_titre_listing(arguments, titre):
    assert titre_listing("Acteurs", **arguments) == titre


def test_enumeration():
    assert enumeration(["a"]) == "« a »"
    assert enumeration(["a", "b"]) == "« a » et « b »"
    assert enumeration(["a", "b", "c"]) == "« a », « b » et « c »"


# Pagination


@pytest.fixture
def homonymes(db):
    """47 organisations under five names: the order rests on the primary key as much as on them."""
    for indice in range(47):
        OrganisationFactory(nom=f"Coopérative {'ABCDE'[indice * 7 % 5]}")
    return Organisation.objects.order_by("nom", "pk")


@pytest.mark.parametrize("ordre", [["nom", "pk"], ["-updated_at", "nom", "pk"]])
def test_pages_read_from_the_end_are_the_pages_read_from_the_start(homonymes, ordre):
    resultats = homonymes.order_by(*ordre)
    pagination = Pagination(resultats, 10)

    pages = [list(pagination.page(numero)) for numero in pagination.page_range]

    assert [len(page) for page in pages] == [10, 10, 10, 10, 7]
    assert [o for page in pages for o in page] == list(resultats)


def test_the_last_page_skips_no_row(homonymes):
    pagination = Pagination(homonymes, 10, nombre=47)  # told its count: no COUNT query

    with CaptureQueriesContext(connection) as requetes:
        page = list(pagination.page(5))

    assert [o.nom for o in page] == [o.nom for o in homonymes[40:]]
    (requete,) = requetes.captured_queries
    assert "OFFSET" not in requete["sql"] and "DESC" in requete["sql"]


def test_a_page_before_the_middle_is_read_forwards(homonymes):
    pagination = Pagination(homonymes, 10)

    with CaptureQueriesContext(connection) as requetes:
        list(pagination.page(2))

    assert "DESC" not in requetes.captured_queries[-1]["sql"]
