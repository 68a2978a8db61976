"""« Intégrer à votre site »: the embeddable listings and maps (/integrer/…), which any site may
frame while every other page refuses, and the page giving their code (/integrer/?adresse=…)."""

import html
import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests import listes
from tests.ecosysteme.pages.test_carte import pays_et_departements, zone
from tests.ecosysteme.test_securite import directives
from tests.factories import (
    DispositifFactory,
    OrganisationFactory,
    PersonneFactory,
)
from tests.listes import resultats

pytestmark = pytest.mark.django_db

INTEGRATIONS = [
    "/integrer/acteurs/",
    "/integrer/personnes/",
    "/integrer/accompagnement/",
    "/integrer/carte/",
]


@pytest.fixture
def annuaire():
    return listes.annuaire(listes.territoires())


def code(response):
    """The code to copy, as a person reads it in the text area."""
    texte = re.search(r"<textarea[^>]*>([^<]*)</textarea>", response.content.decode()).group(1)
    return html.unescape(texte)


# Headers: the embeds may be framed by any site, nothing else


@pytest.mark.parametrize("adresse", INTEGRATIONS)
def test_an_embed_may_be_framed_by_any_site(client, adresse):
    response = client.get(adresse, secure=True)

    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    politique = directives(response)
    assert politique["frame-ancestors"] == ["*"]
    # The rest of the policy is every page's, nonce included.
    assert politique["default-src"] == ["'self'"]
    assert politique["object-src"] == ["'none'"]
    assert re.fullmatch(r"'nonce-[\w-]{20,}'", politique["script-src"][1])


@pytest.mark.parametrize(
    "adresse",
    ["/", "/acteurs/", "/personnes/", "/accompagnement/", "/integrer/", "/integrer/?adresse=/"],
)
def test_every_other_page_still_refuses_to_be_framed(client, adresse):
    response = client.get(adresse, secure=True)

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert directives(response)["frame-ancestors"] == ["'none'"]


# The embedded listings


@pytest.mark.parametrize(
    ("parametres", "attendus"),
    [
        ({}, ["Alpha", "Beta", "Delta", "Gamma"]),
        ({"forme_juridique": "scop"}, ["Alpha", "Delta"]),
        ({"forme_juridique": ["scop", "scic"], "territoire": "gironde"}, ["Alpha", "Beta"]),
        ({"type": "incubateur"}, ["Alpha", "Beta", "Delta", "Gamma"]),
    ],
)
def test_the_embedded_listing_applies_the_listings_filters(client, annuaire, parametres, attendus):
    response = client.get("/integrer/acteurs/", parametres)

    assert resultats(response) == attendus
    assert resultats(client.get("/acteurs/", parametres)) == attendus


def test_the_embedded_listing_has_no_header_nor_navigation_and_says_its_source(client, annuaire):
    response = client.get("/integrer/acteurs/", {"forme_juridique": "scop", "page": "1"})

    assertContains(response, '<h1 class="integration__titre">SCOP</h1>', html=True)
    assertContains(response, "2 organisations")
    assertNotContains(response, "Navigation principale")
    assertNotContains(response, "Données ouvertes et API")  # the site's footer
    assertNotContains(response, "<form")
    # Every link opens the directory in a new tab; the footer leads to the same listing.
    assertContains(response, '<base target="_blank">')
    assertContains(
        response,
        '<p>Source : <a href="/acteurs/?forme_juridique=scop" target="_blank" rel="noopener">'
        'Écosystème<span class="invisible"> (s\'ouvre dans un nouvel onglet)</span></a>, '
        "l'annuaire de l'économie sociale et solidaire</p>",
        html=True,
    )
    assertContains(response, '<meta name="robots" content="noindex">')


def test_the_embedded_listing_pages_inside_its_frame(client):
    for numero in range(25):
        OrganisationFactory(nom=f"Coop {numero:02}")

    response = client.get("/integrer/acteurs/")

    assertContains(
        response,
        '<a rel="next" target="_self" href="/integrer/acteurs/?page=2">Suivante</a>',
        html=True,
    )
    assert resultats(client.get("/integrer/acteurs/", {"page": "2"}))[0] == "Coop 20"


def test_an_embed_never_shows_a_draft(client, annuaire):
    OrganisationFactory(nom="Coop secrète", is_published=False)
    PersonneFactory(prenom="Camille", nom="Brouillon", is_published=False)
    PersonneFactory(prenom="Dominique", nom="Publiée")
    DispositifFactory(nom="Dispositif en préparation", is_published=False)
    DispositifFactory(nom="Dispositif ouvert")

    acteurs = client.get("/integrer/acteurs/", {"forme_juridique": "scop"})
    personnes = client.get("/integrer/personnes/")
    dispositifs = client.get("/integrer/accompagnement/")

    assert resultats(acteurs) == ["Alpha", "Delta"]  # not the draft « Brouillon », a SCOP
    assertNotContains(acteurs, "Coop secrète")
    assertContains(personnes, "Dominique Publiée")
    assertNotContains(personnes, "Camille")
    assertContains(dispositifs, "Dispositif ouvert")
    assertNotContains(dispositifs, "en préparation")


def test_an_empty_embedded_listing_says_so(client, annuaire):
    response = client.get("/integrer/acteurs/", {"q": "introuvable"})

    assertContains(
        response,
        '<p class="liste__vide">Aucun résultat ne correspond à ces critères.</p>',
        html=True,
    )


@pytest.mark.parametrize("nombre", [1, 30])
def test_the_embedded_listing_reads_what_the_listing_reads(
    client, django_assert_num_queries, annuaire, nombre
):
    OrganisationFactory.create_batch(nombre)
    client.get("/acteurs/")  # the listing's index, read once for both

    # The version of the data; the options of kinds, territories, themes; the page with the
    # seats; the kinds of its organisations: the listing's own queries.
    with django_assert_num_queries(6):
        response = client.get("/integrer/acteurs/", {"territoire": "gironde"})
    assert response.status_code == 200
    with django_assert_num_queries(6):
        client.get("/acteurs/", {"territoire": "gironde"})


# The embedded map


def test_the_embedded_map_leads_to_the_embedded_listing_of_each_area(client):
    t = pays_et_departements()
    OrganisationFactory(siege=t["bordeaux"])

    response = client.get("/integrer/carte/")

    assertContains(response, "France, par département")
    assertContains(response, "Belgique, par province")
    # An SVG link opens in its frame: it leads to the listing that may be framed there.
    assert 'href="/integrer/acteurs/?territoire=gironde"' in zone(response, "Gironde")
    assertNotContains(response, 'href="/acteurs/?territoire=')
    assertNotContains(response, "<base")
    assertContains(response, '<a href="/" target="_blank" rel="noopener">')


def test_the_embedded_map_of_a_territory_marks_it(client):
    t = pays_et_departements()
    OrganisationFactory(siege=t["bordeaux"])

    response = client.get("/integrer/carte/", {"territoire": "gironde"})

    assertContains(response, '<h1 class="integration__titre">Gironde sur la carte</h1>', html=True)
    assert "carto__zone--courante" in zone(response, "Gironde")
    assertNotContains(response, "Belgique, par province")
    assertContains(response, '<a href="/territoires/gironde/" target="_blank" rel="noopener">')


@pytest.mark.parametrize("territoire", ["atlantide", "gironde\x00", "<b>", "é" * 300])
def test_the_embedded_map_shows_both_maps_for_an_unknown_territory(client, territoire):
    pays_et_departements()

    response = client.get("/integrer/carte/", {"territoire": territoire})

    assertContains(response, "La carte des acteurs")
    assertContains(response, "Belgique, par province")


@pytest.mark.parametrize("nombre", [1, 10])
def test_the_embedded_map_query_count_does_not_grow(client, django_assert_num_queries, nombre):
    t = pays_et_departements()
    OrganisationFactory.create_batch(nombre, siege=t["bordeaux"])
    client.get("/")  # the listing's index and the maps' territories, read once

    # The territory with its parents; the version of the data.
    with django_assert_num_queries(2):
        response = client.get("/integrer/carte/", {"territoire": "gironde"})
    assert response.status_code == 200
    with django_assert_num_queries(1):
        client.get("/integrer/carte/")


# « Intégrer à votre site »: the code to copy


def test_each_listing_links_to_its_code_with_its_filters(client, annuaire):
    # The filters as the listing understood them: not a parameter it set aside, nor the page.
    response = client.get("/acteurs/", {"forme_juridique": "scop", "utm_source": "x", "page": "1"})

    assertContains(
        response,
        '<p class="integrer"><a href="/integrer/?adresse=%2Facteurs%2F%3Fforme_juridique%3Dscop">'
        "Intégrer à votre site</a></p>",
        html=True,
    )
    for adresse in ["/personnes/", "/accompagnement/"]:
        assertContains(client.get(adresse), "Intégrer à votre site</a>")


def test_the_map_pages_link_to_their_code(client):
    pays_et_departements()

    assertContains(client.get("/"), 'href="/integrer/?adresse=%2F"')
    assertContains(
        client.get("/territoires/gironde/"),
        'href="/integrer/?adresse=%2Fterritoires%2Fgironde%2F"',
    )


def test_the_code_frames_the_listing_with_its_filters_and_a_preview(client, annuaire):
    response = client.get("/integrer/", {"adresse": "/acteurs/?forme_juridique=scop&page=2"})

    assert code(response) == (
        '<iframe src="http://127.0.0.1:8000/integrer/acteurs/?forme_juridique=scop" '
        'title="SCOP – Écosystème" width="100%" height="720" loading="lazy"></iframe>'
    )
    assertContains(response, '<textarea id="code-integration" class="integration__code"')
    assertContains(response, "readonly")
    assertContains(
        response,
        '<iframe class="integration__apercu" src="/integrer/acteurs/?forme_juridique=scop" '
        'title="SCOP – Écosystème" loading="lazy"></iframe>',
        html=True,
    )
    assertContains(
        response,
        'cette liste de l\'annuaire : « <a href="/acteurs/?forme_juridique=scop">SCOP</a> »',
    )


@pytest.mark.parametrize(
    ("adresse", "integree"),
    [
        ("/personnes/", "/integrer/personnes/"),
        ("/accompagnement/?q=emploi", "/integrer/accompagnement/?q=emploi"),
        ("/", "/integrer/carte/"),
        ("/territoires/gironde/", "/integrer/carte/?territoire=gironde"),
        # Only the path and query of an address are read: never another site.
        ("https://ailleurs.example/acteurs/?type=cae", "/integrer/acteurs/?type=cae"),
    ],
)
def test_the_code_of_each_kind_of_page(client, annuaire, adresse, integree):
    response = client.get("/integrer/", {"adresse": adresse})

    assert f'src="http://127.0.0.1:8000{integree}"' in code(response)
    if integree.startswith("/integrer/carte/"):
        assertContains(response, "chacune de ses zones y mène à la liste de ses organisations")


def test_a_hostile_search_stays_text_in_the_code(client, annuaire):
    response = client.get("/integrer/", {"adresse": '/acteurs/?q="></textarea><script>x</script>'})

    texte = code(response)
    assert texte.startswith('<iframe src="http://127.0.0.1:8000/integrer/acteurs/?q=%22%3E%3C')
    assert "&quot;&gt;&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;" in texte
    assertNotContains(response, "<script>x")


@pytest.mark.parametrize(
    "adresse",
    ["", "/mentions-legales/", "/acteurs/alpha/", "/territoires/atlantide/", "http://[", "\x00"],
)
def test_any_other_address_offers_a_choice(client, annuaire, adresse):
    response = client.get("/integrer/", {"adresse": adresse})

    assert response.status_code == 200
    assertNotContains(response, "<textarea")
    assertContains(
        response, '<a href="/integrer/?adresse=%2Facteurs%2F">Les acteurs</a>', html=True
    )
    assertContains(response, '<a href="/integrer/?adresse=%2F">La carte des acteurs</a>', html=True)
    if adresse:
        assertContains(response, "n'est pas une liste ni une carte de l'annuaire")
