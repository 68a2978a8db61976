"""Names are listed in the order a French reader expects, on SQLite as on PostgreSQL: case and
accents do not count (ecosysteme.alphabetique)."""

import csv
import io

import pytest

from accompagnement.models import Dispositif
from acteurs.enums import TypeRelation
from acteurs.liens import groupes_de_liens, liens_du_groupe
from acteurs.models import ENTRANTE, Organisation, Personne, TypeActivite
from ecosysteme.alphabetique import cle_alphabetique
from ecosysteme.models import Source, Territoire, Thematique
from tests.factories import (
    DispositifFactory,
    OrganisationFactory,
    PersonneFactory,
    RelationFactory,
    SourceFactory,
    TerritoireFactory,
    ThematiqueFactory,
    TypeActiviteFactory,
)
from tests.listes import resultats

pytestmark = pytest.mark.django_db

# In the order a reader expects them; bytes would put ALDESS first and Énergie last.
NOMS = ["Active 71", "ALDESS", "cœur de ville", "Énergie Partagée", "Ville de Saint-Denis"]


@pytest.fixture
def organisations():
    for indice, nom in enumerate(reversed(NOMS)):
        OrganisationFactory(nom=nom, description="Une coopérative.", siren=f"{indice:09d}")


def test_python_sorts_names_as_the_databases_do():
    assert sorted(reversed(NOMS), key=cle_alphabetique) == NOMS
    # Two names that differ only by their case or accents stay two names, in a stable order.
    assert cle_alphabetique("Eau") != cle_alphabetique("EAU")


def test_organisations_are_in_alphabetical_order(organisations):
    assert list(Organisation.objects.values_list("nom", flat=True)) == NOMS


def test_a_name_is_still_found_by_its_exact_spelling_only(organisations):
    assert Organisation.objects.filter(nom="aldess").count() == 0
    assert Organisation.objects.filter(nom="ALDESS").count() == 1


def test_the_listing_is_in_alphabetical_order(client, organisations):
    assert resultats(client.get("/acteurs/")) == NOMS


def test_results_of_equal_pertinence_are_in_alphabetical_order(client, organisations):
    response = client.get("/acteurs/", {"q": "coopérative"})

    assert response.context["filtres"].tri == "pertinence"
    assert resultats(response) == NOMS


def test_the_download_is_in_alphabetical_order(client, organisations):
    response = client.get("/acteurs/export.csv")

    contenu = b"".join(response.streaming_content).decode()
    assert [ligne["nom"] for ligne in csv.DictReader(io.StringIO(contenu))] == NOMS


def test_an_organisations_links_are_in_alphabetical_order(organisations):
    reseau = OrganisationFactory(nom="Réseau")
    for membre in Organisation.objects.exclude(pk=reseau.pk):
        RelationFactory(source=membre, cible=reseau, type=TypeRelation.MEMBRE)

    (groupe,) = groupes_de_liens(reseau)
    assert [autre.nom for autre, _ in groupe.liens] == NOMS
    tous = liens_du_groupe(reseau, TypeRelation.MEMBRE, ENTRANTE)
    assert [relation.source.nom for relation in tous] == NOMS


def test_people_are_sorted_by_the_name_a_reader_sees(client):
    PersonneFactory(prenom="", nom="", designation="La coordinatrice de COOPCITY")
    PersonneFactory(prenom="Émile", nom="Zola")
    PersonneFactory(prenom="Audrey", nom="badet")
    PersonneFactory(prenom="Patrice", nom="Paichereau")
    PersonneFactory(prenom="Jean", nom="Écoutin")
    attendus = [
        "Audrey badet",
        "Jean Écoutin",
        "La coordinatrice de COOPCITY",
        "Patrice Paichereau",
        "Émile Zola",
    ]

    assert [str(p) for p in Personne.objects.all()] == attendus
    response = client.get("/personnes/")
    assert [str(p) for p in response.context["page"]] == attendus


@pytest.mark.parametrize(
    ("modele", "fabrique", "champ"),
    [
        (Territoire, TerritoireFactory, "nom"),
        (Thematique, ThematiqueFactory, "nom"),
        (TypeActivite, TypeActiviteFactory, "nom"),
        (Dispositif, DispositifFactory, "nom"),
        (Source, SourceFactory, "titre"),
    ],
)
def test_every_list_of_names_is_in_alphabetical_order(modele, fabrique, champ):
    for nom in reversed(NOMS):
        fabrique(**{champ: nom})

    assert [n for n in modele.objects.values_list(champ, flat=True) if n in NOMS] == NOMS
