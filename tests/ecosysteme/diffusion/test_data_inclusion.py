"""The organisations as data·inclusion structures: every row valid against the schema's model."""

import json

import pytest
from data_inclusion.schema.v1 import Structure
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localdate

from acteurs.enums import FormeJuridique
from acteurs.models import Organisation
from ecosysteme.enums import NiveauTerritoire
from tests.factories import OrganisationFactory, TerritoireFactory

pytestmark = pytest.mark.django_db

ADRESSE = "/acteurs/export.data-inclusion.json"


def structures(client, **parametres):
    response = client.get(ADRESSE, parametres)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)  # written as read, never all at once
    assert response["Content-Type"] == "application/json"
    lignes = json.loads(b"".join(response.streaming_content))
    for ligne in lignes:
        # Strictly: the schema's warnings (a name ending with a full stop) count as errors.
        Structure.model_validate(ligne, context={"ignore_warnings": False})
    return {ligne["id"]: ligne for ligne in lignes}


@pytest.fixture
def territoires():
    france = TerritoireFactory(nom="France", niveau=NiveauTerritoire.PAYS, code="FR")
    region = TerritoireFactory(nom="Bourgogne", niveau=NiveauTerritoire.REGION, parent=france)
    cote_d_or = TerritoireFactory(
        nom="Côte-d'Or",
        slug="cote-d-or",
        niveau=NiveauTerritoire.DEPARTEMENT,
        code="21",
        parent=region,
    )
    belgique = TerritoireFactory(nom="Belgique", niveau=NiveauTerritoire.PAYS, code="BE")
    return {
        "dijon": TerritoireFactory(nom="Dijon", code="21231", parent=cote_d_or),
        "cote-d-or": cote_d_or,
        "schaerbeek": TerritoireFactory(nom="Schaerbeek", code="21015", parent=belgique),
        "sans-pays": TerritoireFactory(nom="Quelque part", code="99999"),
    }


@pytest.fixture
def varie(territoires):
    """Organisations that test each field: seats of every kind, texts too short or too long."""
    OrganisationFactory(
        nom="Pôle d'économie solidaire",
        slug="pole",
        siege=territoires["dijon"],
        siret="13003013300016",
        rna="W212000001",
        site_web="https://pole.example.org/",
        description="Accompagne les porteurs de projet de l'agglomération dijonnaise.",
        forme_juridique=FormeJuridique.ASSOCIATION,
    )
    OrganisationFactory(nom="Coop bruxelloise", slug="bxl", siege=territoires["schaerbeek"])
    OrganisationFactory(nom="Réseau départemental", slug="dep", siege=territoires["cote-d-or"])
    OrganisationFactory(nom="Sans pays", slug="sans-pays", siege=territoires["sans-pays"])
    OrganisationFactory(nom="Sans siège", slug="sans-siege")
    OrganisationFactory(nom="Bang.", slug="point", description="Bref")
    OrganisationFactory(nom="M" * 200, slug="long", description=("mot " * 3000).strip())
    OrganisationFactory(
        nom="Coop FTP", slug="ftp", site_web="ftp://ftp.example.org/", description="Ok"
    )
    OrganisationFactory(nom="AB", slug="court")
    OrganisationFactory(nom="Brouillon", slug="brouillon", is_published=False)


def test_every_field_is_mapped_faithfully(client, varie):
    lignes = structures(client)

    assert lignes["ecosysteme--pole"] == {
        "source": "ecosysteme",
        "id": "ecosysteme--pole",
        "nom": "Pôle d'économie solidaire",
        "date_maj": localdate(Organisation.objects.get(slug="pole").updated_at).isoformat(),
        "description": "Accompagne les porteurs de projet de l'agglomération dijonnaise.",
        "lien_source": "http://testserver/acteurs/pole/",
        "siret": "13003013300016",
        "commune": "Dijon",
        "code_insee": "21231",
        "site_web": "https://pole.example.org/",
        # Nothing in the directory says these: left empty rather than made up.
        "code_postal": None,
        "adresse": None,
        "complement_adresse": None,
        "longitude": None,
        "latitude": None,
        "telephone": None,
        "courriel": None,
        "horaires_accueil": None,
        "accessibilite_lieu": None,
        "reseaux_porteurs": None,
    }


def test_only_a_french_commune_gives_a_commune_and_an_insee_code(client, varie):
    lignes = structures(client)

    for slug in ("bxl", "dep", "sans-pays", "sans-siege"):
        assert lignes[f"ecosysteme--{slug}"]["commune"] is None
        assert lignes[f"ecosysteme--{slug}"]["code_insee"] is None


def test_values_the_schema_refuses_are_left_empty_or_shortened(client, varie):
    lignes = structures(client)

    assert lignes["ecosysteme--point"]["nom"] == "Bang"
    assert lignes["ecosysteme--point"]["description"] is None  # under five characters
    assert len(lignes["ecosysteme--long"]["nom"]) <= 150
    assert lignes["ecosysteme--long"]["description"].endswith("mot…")
    assert len(lignes["ecosysteme--long"]["description"]) <= 10_000
    assert lignes["ecosysteme--ftp"]["site_web"] is None
    assert "ecosysteme--court" not in lignes  # a name of two letters: the schema cannot take it


def test_unpublished_organisations_are_absent(client, varie):
    assert "ecosysteme--brouillon" not in structures(client)
    assert len(structures(client)) == Organisation.objects.published().count() - 1


def test_the_listing_filters_apply(client, varie):
    assert list(structures(client, forme_juridique="association")) == ["ecosysteme--pole"]
    assert list(structures(client, q="bruxelloise")) == ["ecosysteme--bxl"]
    assert set(structures(client, territoire="cote-d-or")) == {
        "ecosysteme--pole",
        "ecosysteme--dep",
    }
    assert structures(client, q="introuvable") == {}


def test_the_query_count_does_not_grow_with_the_organisations(client, territoires):
    def requetes(nombre):
        for _ in range(nombre):
            OrganisationFactory(siege=territoires["dijon"])
        with CaptureQueriesContext(connection) as capture:
            structures(client)
        return len(capture)

    # The listing's facets are read too (once, then kept in memory until the data change).
    assert requetes(1) == requetes(30)


def test_the_seeded_directory_is_valid(client, donnees_seed):
    lignes = structures(client)

    # Up, whose name has two letters, is the only one the schema cannot take.
    publiees = Organisation.objects.published().exclude(slug="up")
    assert set(lignes) == {
        f"ecosysteme--{slug}" for slug in publiees.values_list("slug", flat=True)
    }
    dijon = lignes["ecosysteme--pole-economie-solidaire-dijon"]
    assert (dijon["commune"], dijon["code_insee"]) == ("Dijon", "21231")
    assert lignes["ecosysteme--coopcity"]["commune"] is None  # seated in a Belgian région
