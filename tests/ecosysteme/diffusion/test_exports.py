"""Listings as data: the same entries as the page, every page of them, as CSV and JSON."""

import csv
import html
import io
import json
from datetime import date

import pytest
from django.http import StreamingHttpResponse
from pytest_django.asserts import assertContains

from acteurs.enums import FormeJuridique
from tests.factories import (
    DispositifFactory,
    FonctionFactory,
    OrganisationFactory,
    PersonneFactory,
    TerritoireFactory,
    ThematiqueFactory,
    TypeActiviteFactory,
)

pytestmark = pytest.mark.django_db


def contenu(response):
    assert isinstance(response, StreamingHttpResponse)  # written as read, never all at once
    return b"".join(response.streaming_content).decode()


@pytest.fixture
def scop():
    culture = ThematiqueFactory(nom="Culture")
    for indice in range(25):
        organisation = OrganisationFactory(
            nom=f"Scop {indice:02d}", forme_juridique=FormeJuridique.SCOP, siren=""
        )
        organisation.thematiques.add(culture)
    OrganisationFactory(nom="Association", forme_juridique=FormeJuridique.ASSOCIATION)
    OrganisationFactory(nom="Brouillon", forme_juridique=FormeJuridique.SCOP, is_published=False)


def test_csv_has_every_page_of_the_filtered_listing(client, scop):
    response = client.get("/acteurs/export.csv", {"forme_juridique": "scop", "tri": "nom"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="acteurs.csv"'
    lignes = list(csv.DictReader(io.StringIO(contenu(response))))
    assert [ligne["nom"] for ligne in lignes] == [f"Scop {i:02d}" for i in range(25)]
    assert lignes[0]["forme_juridique"] == "SCOP"
    assert lignes[0]["thematiques"] == "Culture"
    assert lignes[0]["url"] == "http://testserver/acteurs/scop-00/" or lignes[0]["url"].startswith(
        "http://testserver/acteurs/"
    )


def test_json_is_the_same_entries_in_the_order_of_the_page(client, scop):
    response = client.get("/acteurs/export.json", {"q": "scop"})
    page = client.get("/acteurs/", {"q": "scop"})

    entrees = json.loads(contenu(response))
    assert len(entrees) == page.context["page"].paginator.count == 25
    premiers = [organisation.nom for organisation in page.context["page"]]
    assert [entree["nom"] for entree in entrees[: len(premiers)]] == premiers
    assert {"url", "nom", "forme_juridique", "types", "siege", "description"} <= set(entrees[0])


def test_an_empty_listing_is_an_empty_file(client, scop):
    assert json.loads(contenu(client.get("/acteurs/export.json", {"q": "introuvable"}))) == []
    lignes = contenu(client.get("/acteurs/export.csv", {"q": "introuvable"})).splitlines()
    assert lignes == [lignes[0]] and lignes[0].startswith('"url","nom",')


def test_unknown_values_are_dropped_as_on_the_page(client, scop):
    response = client.get("/acteurs/export.json", {"forme_juridique": ["scop", "inconnue"]})

    assert len(json.loads(contenu(response))) == 25


@pytest.mark.parametrize(
    "adresse", ["/acteurs/export.xml", "/acteurs/export.", "/lieux/export.csv"]
)
def test_unknown_downloads_are_404(client, adresse):
    assert client.get(adresse).status_code == 404


def test_people_are_exported_without_their_contact_details(client):
    personne = PersonneFactory(
        prenom="Camille", nom="Arnaud", email="camille@example.org", telephone="0102030405"
    )
    FonctionFactory(
        personne=personne, intitule="gérante", organisation=OrganisationFactory(nom="Coop")
    )

    texte = contenu(client.get("/personnes/export.csv"))

    assert "Camille Arnaud" in texte and "gérante – Coop" in texte
    assert "camille@example.org" not in texte and "0102030405" not in texte


def test_programmes_are_exported(client):
    dispositif = DispositifFactory(nom="Incubateur")
    dispositif.porteurs.add(OrganisationFactory(nom="Pôle"))
    # An organisation in draft is named nowhere public.
    dispositif.porteurs.add(OrganisationFactory(nom="Brouillon", is_published=False))
    dispositif.partenaires.add(OrganisationFactory(nom="Brouillon 2", is_published=False))

    (entree,) = json.loads(contenu(client.get("/accompagnement/export.json")))

    assert entree["nom"] == "Incubateur" and entree["porteurs"] == "Pôle"
    assert entree["partenaires"] == ""


def test_the_listing_offers_its_downloads_with_their_count(client, scop):
    response = client.get("/acteurs/", {"forme_juridique": "scop"})

    assertContains(
        response,
        '<p class="telechargements">Télécharger ces 25 organisations : '
        '<a href="/acteurs/export.csv?forme_juridique=scop" download>CSV</a> · '
        '<a href="/acteurs/export.json?forme_juridique=scop" download>JSON</a></p>',
        html=True,
    )


@pytest.mark.parametrize(
    ("adresse", "usine", "nombre", "texte"),
    [
        ("/acteurs/", OrganisationFactory, 1, "Télécharger cette organisation"),
        ("/acteurs/", OrganisationFactory, 3, "Télécharger ces 3 organisations"),
        ("/personnes/", PersonneFactory, 1, "Télécharger cette personne"),
        ("/accompagnement/", DispositifFactory, 1, "Télécharger ce dispositif d'accompagnement"),
        (
            "/accompagnement/",
            DispositifFactory,
            2,
            "Télécharger ces 2 dispositifs d'accompagnement",
        ),
    ],
)
def test_the_downloads_say_how_many_in_good_french(client, adresse, usine, nombre, texte):
    usine.create_batch(nombre)

    response = client.get(adresse)

    assert f'<p class="telechargements">{texte} : ' in html.unescape(response.content.decode())


def test_what_an_entry_has_several_of_is_listed_in_the_pages_order(client):
    organisation = OrganisationFactory(nom="Coop")
    organisation.thematiques.add(
        ThematiqueFactory(nom="Mobilité"), ThematiqueFactory(nom="Culture")
    )
    organisation.types.add(TypeActiviteFactory(nom="Réseau"))
    OrganisationFactory(nom="Seule")
    personne = PersonneFactory(prenom="Camille", nom="Arnaud")
    FonctionFactory(personne=personne, intitule="trésorière", debut=date(2015, 1, 1))
    FonctionFactory(personne=personne, intitule="présidente", debut=date(2021, 1, 1))
    FonctionFactory(
        personne=personne,
        intitule="gérante",
        organisation=OrganisationFactory(nom="Brouillon", is_published=False),
    )

    organisations = json.loads(contenu(client.get("/acteurs/export.json")))
    (personne,) = json.loads(contenu(client.get("/personnes/export.json")))

    colonnes = {o["nom"]: (o["thematiques"], o["types"]) for o in organisations}
    assert colonnes["Coop"] == ("Culture | Mobilité", "Réseau")
    assert colonnes["Seule"] == ("", "")
    # Latest first; a role in an organisation in draft is not public.
    assert personne["fonctions"].split(" | ")[0].startswith("présidente – ")
    assert personne["fonctions"].split(" | ")[1].startswith("trésorière – ")
    assert "gérante" not in personne["fonctions"]


@pytest.mark.parametrize("liste", ["acteurs", "personnes", "accompagnement"])
def test_a_download_reads_a_few_queries_however_many_rows(client, django_assert_num_queries, liste):
    def creer():
        organisation = OrganisationFactory()
        organisation.thematiques.add(ThematiqueFactory())
        organisation.types.add(TypeActiviteFactory())
        organisation.territoires_action.add(TerritoireFactory())
        FonctionFactory(organisation=organisation)
        dispositif = DispositifFactory()
        dispositif.porteurs.add(organisation)
        dispositif.partenaires.add(organisation)
        dispositif.territoires.add(TerritoireFactory())
        dispositif.thematiques.add(ThematiqueFactory())

    # The options of the listing's filters that come from a table, as on the page; the
    # version of the data; the entries; one query per column of several names. (The
    # listing's index is read again after each write: a first download reads it.)
    options, colonnes = {"acteurs": (3, 3), "personnes": (1, 1), "accompagnement": (3, 4)}[liste]
    for nombre in (1, 3):
        while len(contenu(client.get(f"/{liste}/export.csv")).splitlines()) < 1 + nombre:
            creer()
        with django_assert_num_queries(options + 2 + colonnes):
            lignes = contenu(client.get(f"/{liste}/export.csv")).splitlines()
        assert len(lignes) == 1 + nombre


# For each download, a text column that a spreadsheet would run as a formula (OWASP's
# characters: = + - @ tab and carriage return), stored as an editor might type it.
FORMULES = {
    "acteurs": (OrganisationFactory, "description", '=HYPERLINK("http://x.example","clic")'),
    "personnes": (PersonneFactory, "biographie", "@SUM(1+1)*cmd|' /C calc'!A0"),
    "accompagnement": (DispositifFactory, "public", "-2+3+cmd|' /C calc'!A0"),
}


@pytest.mark.parametrize("liste", FORMULES)
@pytest.mark.parametrize("debut", ["", "+", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(client, liste, debut):
    factory, champ, formule = FORMULES[liste]
    factory(**{champ: debut + formule})

    texte = contenu(client.get(f"/{liste}/export.csv"))

    (ligne,) = csv.DictReader(io.StringIO(texte))
    assert ligne[champ] == "'" + debut + formule
    # Quoted, as every cell: no separator inside a value can start a cell of its own.
    assert '"' + ligne[champ].replace('"', '""') + '"' in texte


def test_a_value_merely_containing_a_formula_sign_is_written_as_it_is(client):
    OrganisationFactory(nom="Coop = 1 + 1", description="Tél. +33 1 23 45 67 89 - @coop")

    (ligne,) = csv.DictReader(io.StringIO(contenu(client.get("/acteurs/export.csv"))))

    assert (ligne["nom"], ligne["description"]) == (
        "Coop = 1 + 1",
        "Tél. +33 1 23 45 67 89 - @coop",
    )
