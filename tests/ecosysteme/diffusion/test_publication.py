"""Each entity's declaration of what it publishes (ecosysteme.publication) is what every
machine-readable output writes: the API, its OpenAPI description, the downloads, the open data
set. One more field in the declaration is one more field everywhere."""

import csv
import io
import json
from dataclasses import replace

import pytest

from acteurs.publication import ORGANISATION
from ecosysteme.diffusion import api, donnees_ouvertes, exports, openapi
from ecosysteme.publication import API, DONNEES_OUVERTES, TELECHARGEMENTS, Champ, Sorte
from tests.factories import (
    OrganisationFactory,
    SourceFactory,
    TerritoireFactory,
    ThematiqueFactory,
    TypeActiviteFactory,
)

pytestmark = pytest.mark.django_db


def a_plat(publication, sortie):
    """The names an output gives, the fields of a group gathered under the group's name."""
    noms = []
    for champ in publication.pour(sortie):
        nom = champ.groupe or champ.nom
        if nom not in noms:
            noms.append(nom)
    return noms


@pytest.fixture
def complete():
    """An organisation with every published fact filled in."""
    organisation = OrganisationFactory(
        slug="complete",
        sigle="CPL",
        annee_creation=2001,
        annee_fin=2020,
        site_web="https://complete.example.org",
        siren="123456789",
        description="Tout y est.",
        siege=TerritoireFactory(slug="dijon", nom="Dijon"),
    )
    organisation.types.add(TypeActiviteFactory(nom="CAE"))
    organisation.territoires_action.add(TerritoireFactory(slug="cote-d-or", nom="Côte-d'Or"))
    organisation.thematiques.add(ThematiqueFactory(nom="Culture"))
    organisation.sources.add(SourceFactory(slug="rapport"))
    return organisation


def test_the_api_and_its_description_give_the_declared_fields_in_order(client, complete):
    entree = client.get("/api/organisations/complete/").json()
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]["Organisation"]

    attendus = ["url", "slug", *a_plat(ORGANISATION, API)]
    assert list(entree) == attendus
    assert list(schema["properties"]) == attendus
    assert list(entree["identifiants"]) == ["siren", "siret", "rna", "bce"]
    for champ in ORGANISATION.pour(API):
        propriete = schema["properties"][champ.groupe or champ.nom]
        if champ.groupe:
            propriete = propriete["properties"][champ.nom]
        assert (propriete["title"], propriete["description"]) == (
            champ.libelle,
            champ.description + ".",
        )


def test_the_downloads_give_the_declared_fields_in_order(client, complete):
    reponse = client.get("/acteurs/export.csv")
    texte = b"".join(reponse.streaming_content).decode()
    ligne = next(csv.DictReader(io.StringIO(texte)))
    reponse = client.get("/acteurs/export.json")
    entree = json.loads(b"".join(reponse.streaming_content))[0]

    attendus = ["url", *(champ.nom for champ in ORGANISATION.pour(TELECHARGEMENTS))]
    assert list(ligne) == attendus
    assert list(entree) == attendus
    assert (ligne["types"], ligne["siege"], ligne["siren"]) == ("CAE", "Dijon", "123456789")


def test_the_open_data_set_gives_the_declared_fields_in_order(tmp_path, complete):
    donnees_ouvertes.exporter(tmp_path / "jeu")
    with open(tmp_path / "jeu" / "organisations.csv", encoding="utf-8", newline="") as fichier:
        ligne = next(csv.DictReader(fichier))
    paquet = json.loads((tmp_path / "jeu" / "datapackage.json").read_text(encoding="utf-8"))
    champs = paquet["resources"][0]["schema"]["fields"]

    declares = ORGANISATION.pour(DONNEES_OUVERTES)
    attendus = ["slug", "url", *(champ.nom for champ in declares)]
    assert list(ligne) == attendus
    assert [champ["name"] for champ in champs] == attendus
    assert [champ.get("title") for champ in champs[2:]] == [champ.libelle for champ in declares]
    assert (ligne["siege"], ligne["sources"], ligne["annee_fin"]) == ("dijon", "rapport", "2020")


# A field of the model that no output publishes today.
NOUVEAU = Champ(
    "cree_le",
    "Entrée dans l'annuaire",
    "Date d'entrée de la fiche dans l'annuaire",
    Sorte.DATE_HEURE,
    attribut="created_at",
)


def test_one_more_declared_field_is_one_more_field_in_every_output(rf, complete):
    """Each output reads the declaration it is given, and no list of its own."""
    plus = replace(ORGANISATION, champs=[*ORGANISATION.champs, NOUVEAU])
    ecrit = complete.created_at.isoformat()

    assert api.publier(rf.get("/"), complete, plus)["cree_le"] == ecrit
    propriete = openapi.schema_publie(plus)["properties"]["cree_le"]
    assert propriete["format"] == "date-time"
    assert propriete["title"] == "Entrée dans l'annuaire"
    titre, valeur = exports.colonnes(plus)[-1]
    assert (titre, valeur(complete)) == ("cree_le", ecrit)
    colonne = donnees_ouvertes.colonnes_publiees(plus)[-1]
    assert (colonne.nom, colonne.type, colonne.titre) == ("cree_le", "datetime", NOUVEAU.libelle)
    assert colonne.valeur(complete, "") == donnees_ouvertes.instant(complete.created_at)
