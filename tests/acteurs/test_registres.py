"""Bringing a registry's entries into the directory (acteurs.registres.commun.integrer)."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertRedirects
from stdnum import luhn

from acteurs.enums import FormeJuridique
from acteurs.models import Organisation
from acteurs.registres.commun import Bilan, FicheRegistre, integrer
from ecosysteme.contributions.propositions import accepter, comparaison
from ecosysteme.enums import EtatProposition, NatureSource, NiveauTerritoire
from ecosysteme.models import Proposition
from tests.factories import OrganisationFactory, SourceFactory, TerritoireFactory

pytestmark = pytest.mark.django_db


def siren(n):
    """A valid synthetic SIREN: eight digits and their Luhn check digit."""
    debut = f"{n:08d}"
    return debut + luhn.calc_check_digit(debut)


def fiche(n, **champs):
    return FicheRegistre(registre="sirene", ligne=n + 1, siren=siren(n), nom=f"Coop {n}", **champs)


@pytest.fixture
def source():
    return SourceFactory(titre="SIRENE, stock du 1er décembre", nature=NatureSource.REGISTRE)


def test_new_entries_are_created_published_or_as_drafts(source):
    bilan = integrer([fiche(1), fiche(2)], source=source, publier=True)
    assert bilan == Bilan(crees=2)
    organisation = Organisation.objects.get(siren=siren(1))
    assert organisation.is_published
    assert organisation.nom == "Coop 1"
    assert list(organisation.sources.all()) == [source]
    assert organisation.recherche_nom  # found by the search

    integrer([fiche(3)], source=source)
    brouillon = Organisation.objects.get(siren=siren(3))
    assert not brouillon.is_published
    assert brouillon.recherche_nom == ""


def test_the_commune_is_found_by_its_code(source):
    dijon = TerritoireFactory(nom="Dijon", code="21231", niveau=NiveauTerritoire.COMMUNE)
    integrer([fiche(1, code_commune="21231", code_postal="21000")], source=source, publier=True)
    organisation = Organisation.objects.get(siren=siren(1))
    assert organisation.commune == dijon
    assert organisation.siege == dijon
    assert list(Organisation.objects.in_territoires_or_below([dijon])) == [organisation]


def test_running_again_changes_nothing(source):
    fiches = [fiche(n, code_activite="88.99B", latitude=47.3, longitude=5.04) for n in range(5)]
    integrer(fiches, source=source, publier=True)
    assert integrer(fiches, source=source, publier=True) == Bilan(inchanges=5)
    assert Organisation.objects.count() == 5
    assert not Proposition.objects.exists()


def test_a_change_becomes_a_proposal_accepted_in_part(source, admin_user):
    organisation = OrganisationFactory(nom="La Coop", siren=siren(1), code_activite="")
    bilan = integrer([fiche(1, code_activite="88.99B", sigle="LC")], source=source)
    assert bilan == Bilan(propositions=1)
    organisation.refresh_from_db()
    assert organisation.code_activite == ""  # never applied silently
    proposition = Proposition.objects.get()
    assert proposition.etat == EtatProposition.NOUVELLE
    assert proposition.source == source
    assert proposition.valeurs == {"nom": "Coop 1", "sigle": "LC", "code_activite": "88.99B"}
    assert [ligne["champ"] for ligne in comparaison(proposition)] == [
        "nom",
        "sigle",
        "code_activite",
    ]
    accepter(proposition, champs=["code_activite"], par=admin_user)
    organisation.refresh_from_db()
    assert organisation.code_activite == "88.99B"
    assert organisation.nom == "La Coop"

    # Again: what was proposed is not proposed twice, accepted or refused.
    assert integrer([fiche(1, code_activite="88.99B", sigle="LC")], source=source) == Bilan(
        inchanges=1
    )
    assert Proposition.objects.count() == 1


def test_a_legal_form_proposed_is_not_proposed_again(source):
    OrganisationFactory(nom="Coop 1", siren=siren(1), forme_juridique=FormeJuridique.ASSOCIATION)
    # As the readers give it: a member of the choices, read back as a plain string.
    changement = fiche(1, forme_juridique=FormeJuridique.SCOP)
    assert integrer([changement], source=source) == Bilan(propositions=1)
    assert integrer([changement], source=source) == Bilan(inchanges=1)
    assert Proposition.objects.get().valeurs == {"forme_juridique": "scop"}


def test_a_closure_becomes_a_proposed_closure(source, admin_user):
    organisation = OrganisationFactory(nom="Coop 1", siren=siren(1))
    cessation = datetime.date(2024, 6, 30)
    bilan = integrer([fiche(1, date_cessation=cessation)], source=source)
    assert bilan == Bilan(fermetures=1)
    organisation.refresh_from_db()
    assert not organisation.is_closed
    proposition = Proposition.objects.get()
    assert proposition.valeurs == {"date_cessation": "2024-06-30"}
    accepter(proposition, champs=["date_cessation"], par=admin_user)
    organisation.refresh_from_db()
    assert organisation.date_cessation == cessation
    assert integrer([fiche(1, date_cessation=cessation)], source=source) == Bilan(inchanges=1)


def test_a_closure_is_proposed_once_whatever_date_the_next_files_give(source):
    OrganisationFactory(nom="Coop 1", siren=siren(1))
    for mois in (1, 2, 3):  # monthly files dated by their snapshot
        integrer([fiche(1, date_cessation=datetime.date(2025, mois, 1))], source=source)
    assert Proposition.objects.get().valeurs == {"date_cessation": "2025-01-01"}


def test_an_entry_twice_in_the_file_is_created_once(source):
    assert integrer([fiche(1), fiche(1)], source=source) == Bilan(crees=1, inchanges=1)


def test_an_editor_accepts_part_of_a_registry_proposal_in_the_admin(source, admin_client):
    organisation = OrganisationFactory(nom="La Coop", siren=siren(1))
    integrer([fiche(1, code_activite="88.99B", tranche_effectif="11")], source=source)
    proposition = Proposition.objects.get()
    adresse = f"/admin/ecosysteme/proposition/{proposition.pk}/change/"

    page = admin_client.get(adresse)
    assertContains(page, "Registre d&#x27;origine")
    assertContains(page, "SIRENE, stock du 1er décembre")
    assertContains(page, "<td>(vide)</td><td>(vide)</td><td>88.99B</td>", html=True)
    reponse = admin_client.post(adresse, {"champs": ["code_activite"], "_accepter": "1"})

    assertRedirects(reponse, "/admin/ecosysteme/proposition/")
    organisation.refresh_from_db()
    assert (organisation.code_activite, organisation.tranche_effectif) == ("88.99B", "")
    assert organisation.nom == "La Coop"
    assert organisation.history.first().history_change_reason == (
        "d'après SIRENE, stock du 1er décembre, accepté par admin"
    )
