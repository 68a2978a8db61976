"""Each entity's declaration of what it publishes (ecosysteme.publication) is what every
machine-readable output writes: the API, its OpenAPI description, the downloads, the open data
set. One more field in the declaration is one more field everywhere."""

import csv
import io
import json
from dataclasses import replace
from datetime import date

import pytest

from accompagnement.publication import DISPOSITIF
from acteurs.publication import ORGANISATION
from ecosysteme.diffusion import api, donnees_ouvertes, exports, openapi
from ecosysteme.enums import PrecisionDate
from ecosysteme.publication import API, DONNEES_OUVERTES, TELECHARGEMENTS, Champ, Sorte
from tests.factories import (
    DispositifFactory,
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


@pytest.fixture
def dispositif(complete):
    """A programme with every published fact filled in, and a carrier still in draft."""
    dispositif = DispositifFactory(
        slug="complet",
        public="Porteurs de projet",
        etapes="Accueil\nSuivi",
        site_web="https://complet.example.org",
        description="Tout y est.",
        debut=date(2009, 10, 1),
        debut_precision=PrecisionDate.MOIS,
    )
    dispositif.porteurs.add(complete, OrganisationFactory(slug="brouillon", is_published=False))
    dispositif.territoires.add(complete.siege)
    dispositif.thematiques.add(*complete.thematiques.all())
    dispositif.sources.add(*complete.sources.all())
    return dispositif


# Each entity: its declaration, its API list, its download, its table of the open data set.
ENTITES = {
    "organisation": (ORGANISATION, "organisations", "/acteurs/export", "organisations"),
    "dispositif": (DISPOSITIF, "dispositifs", "/accompagnement/export", "dispositifs"),
}
MODELES = {"organisation": "Organisation", "dispositif": "Dispositif"}


@pytest.mark.parametrize("entite", ENTITES)
def test_the_api_and_its_description_give_the_declared_fields_in_order(client, dispositif, entite):
    publication, liste, _telechargement, _table = ENTITES[entite]
    slug = {"organisation": "complete", "dispositif": "complet"}[entite]
    entree = client.get(f"/api/{liste}/{slug}/").json()
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    schema = schemas[MODELES[entite]]

    attendus = ["url", "slug", *a_plat(publication, API)]
    assert list(entree) == attendus
    assert list(schema["properties"]) == attendus
    for champ in publication.pour(API):
        propriete = schema["properties"][champ.groupe or champ.nom]
        if champ.groupe:
            propriete = propriete["properties"][champ.nom]
        assert (propriete["title"], propriete["description"]) == (
            champ.libelle,
            champ.description + ".",
        )


def test_the_api_writes_each_kind_of_value(client, dispositif):
    organisation = client.get("/api/organisations/complete/").json()
    programme = client.get("/api/dispositifs/complet/").json()

    assert list(organisation["identifiants"]) == ["siren", "siret", "rna", "bce"]
    assert organisation["siege"] == {"slug": "dijon", "nom": "Dijon", "niveau": "commune"}
    assert [type_["nom"] for type_ in organisation["types"]] == ["CAE"]
    # A carrier still in draft is named nowhere public.
    assert [porteur["slug"] for porteur in programme["porteurs"]] == ["complete"]
    assert programme["type"] == {"code": "incubation", "libelle": "incubation"}
    assert programme["periode"] == "depuis octobre 2009"


@pytest.mark.parametrize("entite", ENTITES)
def test_the_downloads_give_the_declared_fields_in_order(client, dispositif, entite):
    publication, _liste, telechargement, _table = ENTITES[entite]
    # The complete organisation has an end year: it has ceased its activity, and the downloads
    # leave it out, as the listing does, unless asked to bring it back.
    reponse = client.get(f"{telechargement}.csv", {"cessees": "oui"})
    texte = b"".join(reponse.streaming_content).decode()
    ligne = next(csv.DictReader(io.StringIO(texte)))
    reponse = client.get(f"{telechargement}.json", {"cessees": "oui"})
    entree = json.loads(b"".join(reponse.streaming_content))[0]

    attendus = ["url", *(champ.nom for champ in publication.pour(TELECHARGEMENTS))]
    assert list(ligne) == attendus
    assert list(entree) == attendus


def test_the_downloads_write_each_kind_of_value(client, dispositif):
    adresse = "/acteurs/export.csv?cessees=oui"  # it has ceased its activity (annee_fin)
    organisation = next(csv.DictReader(io.StringIO(telecharger(client, adresse))))
    programme = next(csv.DictReader(io.StringIO(telecharger(client, "/accompagnement/export.csv"))))

    assert (organisation["types"], organisation["siege"]) == ("CAE", "Dijon")
    assert (organisation["siren"], organisation["forme_juridique"]) == ("123456789", "SCOP")
    assert (programme["type"], programme["porteurs"]) == ("incubation", organisation["nom"])


def telecharger(client, adresse):
    return b"".join(client.get(adresse).streaming_content).decode()


@pytest.mark.parametrize("entite", ENTITES)
def test_the_open_data_set_gives_the_declared_fields_in_order(tmp_path, dispositif, entite):
    publication, _liste, _telechargement, table = ENTITES[entite]
    donnees_ouvertes.exporter(tmp_path / "jeu")
    with open(tmp_path / "jeu" / f"{table}.csv", encoding="utf-8", newline="") as fichier:
        ligne = next(csv.DictReader(fichier))
    paquet = json.loads((tmp_path / "jeu" / "datapackage.json").read_text(encoding="utf-8"))
    (ressource,) = [r for r in paquet["resources"] if r["name"] == table]
    champs = ressource["schema"]["fields"]

    declares = publication.pour(DONNEES_OUVERTES)
    attendus = ["slug", "url", *(champ.nom for champ in declares)]
    assert list(ligne) == attendus
    assert [champ["name"] for champ in champs] == attendus
    assert [champ.get("title") for champ in champs[2:]] == [champ.libelle for champ in declares]


def test_the_open_data_set_writes_each_kind_of_value(tmp_path, dispositif):
    donnees_ouvertes.exporter(tmp_path / "jeu")
    lignes = {}
    for table in ("organisations", "dispositifs"):
        with open(tmp_path / "jeu" / f"{table}.csv", encoding="utf-8", newline="") as fichier:
            lignes[table] = next(csv.DictReader(fichier))
    organisation, programme = lignes["organisations"], lignes["dispositifs"]

    assert (organisation["siege"], organisation["sources"]) == ("dijon", "rapport")
    assert (organisation["annee_fin"], organisation["forme_juridique"]) == ("2020", "scop")
    assert (programme["nature"], programme["porteurs"]) == ("incubation", "complete")
    assert (programme["debut"], programme["fin"]) == ("2009-10", "")


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
