"""The territories an organisation covers: kept in step with every write that moves it."""

import pytest
from django.core.management import call_command

from acteurs.models import Organisation, TerritoireCouvert
from ecosysteme.enums import NiveauTerritoire
from tests.factories import OrganisationFactory, TerritoireFactory

pytestmark = pytest.mark.django_db


def couverts(organisation):
    lignes = TerritoireCouvert.objects.filter(organisation=organisation)
    return set(lignes.values_list("territoire__nom", flat=True))


@pytest.fixture
def france():
    """France → Bretagne → Finistère → Brest, and Bourgogne-Franche-Comté → Dijon."""
    pays = TerritoireFactory(nom="France", niveau=NiveauTerritoire.PAYS)
    bretagne = TerritoireFactory(nom="Bretagne", niveau=NiveauTerritoire.REGION, parent=pays)
    finistere = TerritoireFactory(
        nom="Finistère", niveau=NiveauTerritoire.DEPARTEMENT, parent=bretagne
    )
    bfc = TerritoireFactory(
        nom="Bourgogne-Franche-Comté", niveau=NiveauTerritoire.REGION, parent=pays
    )
    return {
        "pays": pays,
        "bretagne": bretagne,
        "finistere": finistere,
        "brest": TerritoireFactory(nom="Brest", niveau=NiveauTerritoire.COMMUNE, parent=finistere),
        "bfc": bfc,
        "dijon": TerritoireFactory(nom="Dijon", niveau=NiveauTerritoire.COMMUNE, parent=bfc),
    }


def test_seat_and_every_territory_above_it(france):
    organisation = OrganisationFactory(siege=france["brest"])

    assert couverts(organisation) == {"Brest", "Finistère", "Bretagne", "France"}


def test_territories_of_action_and_above_them(france):
    organisation = OrganisationFactory(siege=france["brest"])
    organisation.territoires_action.add(france["dijon"])

    assert couverts(organisation) == {
        "Brest",
        "Finistère",
        "Bretagne",
        "Dijon",
        "Bourgogne-Franche-Comté",
        "France",
    }

    organisation.territoires_action.clear()
    assert couverts(organisation) == {"Brest", "Finistère", "Bretagne", "France"}


def test_moving_the_seat(france):
    organisation = OrganisationFactory(siege=france["brest"])
    organisation.siege = france["dijon"]
    organisation.save()

    assert couverts(organisation) == {"Dijon", "Bourgogne-Franche-Comté", "France"}


def test_a_territory_moved_under_another_parent(france):
    organisation = OrganisationFactory(siege=france["brest"])
    france["finistere"].parent = france["bfc"]
    france["finistere"].save()

    assert couverts(organisation) == {"Brest", "Finistère", "Bourgogne-Franche-Comté", "France"}


def test_no_seat_no_territory():
    organisation = OrganisationFactory(siege=None)

    assert couverts(organisation) == set()


def test_reindexing_rebuilds_rows_lost_or_wrong(france):
    organisation = OrganisationFactory(siege=france["brest"])
    TerritoireCouvert.objects.all().delete()
    TerritoireCouvert.objects.create(organisation=organisation, territoire=france["dijon"])

    call_command("reindexer", verbosity=0)

    assert couverts(organisation) == {"Brest", "Finistère", "Bretagne", "France"}


def test_the_listing_filter_finds_organisations_below_a_territory(france):
    a_brest = OrganisationFactory(siege=france["brest"])
    actif_en_bretagne = OrganisationFactory(siege=france["dijon"])
    actif_en_bretagne.territoires_action.add(france["finistere"])
    OrganisationFactory(siege=france["dijon"])

    en_bretagne = Organisation.objects.in_territoires_or_below([france["bretagne"]])

    assert set(en_bretagne) == {a_brest, actif_en_bretagne}
    paires = set(Organisation.objects.filter(pk=a_brest.pk).paires_territoires())
    assert paires == {
        (t.pk, a_brest.pk)
        for t in [france["brest"], france["finistere"], france["bretagne"], france["pays"]]
    }
