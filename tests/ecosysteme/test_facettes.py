"""The machinery shared by the listings; the listings themselves are tested page by page."""

import pytest

from ecosysteme.facettes import enumeration, titre_listing


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
