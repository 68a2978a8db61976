"""The site in French at its addresses, in Dutch under /nl/ and in English under /en/."""

import html
import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecosysteme.contributions import signalements
from ecosysteme.enums import MotifSignalement
from ecosysteme.models import Signalement
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SELECTEUR = re.compile(r'<nav class="langues"[^>]*>(.*?)</nav>', re.S)
ALTERNATIVES = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


def liens_du_selecteur(texte):
    """[(language, address, current)] of the language switcher."""
    (selecteur,) = SELECTEUR.findall(texte)
    return [
        (langue, html.unescape(adresse), "aria-current" in attributs)
        for adresse, langue, attributs in re.findall(
            r'<a href="([^"]*)" hreflang="([^"]+)" lang="[^"]+"([^>]*)>', selecteur
        )
    ]


def test_french_stays_at_the_addresses_it_had(client):
    reponse = client.get("/acteurs/", HTTP_ACCEPT_LANGUAGE="nl")

    # An address without a prefix is French, whatever the browser asks for.
    assert reponse.status_code == 200
    assert '<html lang="fr">' in reponse.content.decode()
    assert "Navigation principale" in reponse.content.decode()


@pytest.mark.parametrize(
    "adresse, langue, accueil",
    [("/nl/", "nl", ">Start<"), ("/en/", "en", ">Home<"), ("/", "fr", ">Accueil<")],
)
def test_each_language_has_its_home_page(client, adresse, langue, accueil):
    reponse = client.get(adresse)

    assert reponse.status_code == 200
    texte = reponse.content.decode()
    assert f'<html lang="{langue}">' in texte
    assert accueil in texte


def test_the_switcher_keeps_the_page_and_its_parameters(client):
    OrganisationFactory(nom="Coopérative Exemple", slug="cooperative-exemple")

    OrganisationFactory.create_batch(25, nom="Coopérative")

    texte = client.get("/nl/acteurs/?q=coop&utm_source=lettre&page=2").content.decode()

    # The listing's own parameters, as its links write them: the unknown one is left out.
    assert liens_du_selecteur(texte) == [
        ("fr", "/acteurs/?q=coop&page=2", False),
        ("nl", "/nl/acteurs/?q=coop&page=2", True),
        ("en", "/en/acteurs/?q=coop&page=2", False),
    ]
    # Each language is named in itself, and said in its own language.
    assert '<a href="/en/acteurs/?q=coop&amp;page=2" hreflang="en" lang="en">English</a>' in texte
    # Other pages keep their query string as it came.
    recherche = client.get("/en/recherche/?q=coop&x=1").content.decode()
    assert liens_du_selecteur(recherche)[0] == ("fr", "/recherche/?q=coop&x=1", False)


def test_a_profile_names_its_address_in_every_language(client):
    organisation = OrganisationFactory(slug="cooperative-exemple")

    texte = client.get(f"/en{organisation.get_absolute_url()}").content.decode()

    assert ALTERNATIVES.findall(texte) == [
        ("fr", "http://testserver/acteurs/cooperative-exemple/"),
        ("x-default", "http://testserver/acteurs/cooperative-exemple/"),
        ("nl", "http://testserver/nl/acteurs/cooperative-exemple/"),
        ("en", "http://testserver/en/acteurs/cooperative-exemple/"),
    ]


def test_a_draft_is_not_found_in_any_language(client):
    brouillon = OrganisationFactory(slug="brouillon", is_published=False)

    for langue in ("", "/nl", "/en"):
        assert client.get(f"{langue}{brouillon.get_absolute_url()}").status_code == 404


def test_choosing_a_language_sets_no_cookie():
    client = Client()

    reponse = client.get("/nl/acteurs/")

    assert reponse.status_code == 200
    assert not reponse.cookies


def test_machine_addresses_have_no_language_prefix(client):
    assert client.get("/nl/api/").status_code == 404
    assert client.get("/api/").status_code == 200
    assert client.get("/nl/robots.txt").status_code == 404


def test_each_language_has_its_sitemap(client):
    OrganisationFactory(slug="publiee")
    OrganisationFactory(slug="brouillon", is_published=False)

    index = client.get("/nl/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-acteurs-nl.xml" in index
    assert "http://testserver/sitemap-acteurs.xml" not in index

    section = client.get("/sitemap-acteurs-en.xml").content.decode()
    assert re.findall(r"<loc>([^<]+)</loc>", section) == ["http://testserver/en/acteurs/publiee/"]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    # A WSGI server hands the query string over as latin-1 text.
    requete=st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=40),
    langue=st.sampled_from(["", "/nl", "/en"]),
)
def test_any_query_string_is_kept_escaped_by_the_switcher(client, requete, langue):
    reponse = client.get(f"{langue}/recherche/", QUERY_STRING=requete)

    assert reponse.status_code in (200, 400)
    if reponse.status_code == 200:
        (selecteur,) = SELECTEUR.findall(reponse.content.decode())
        hrefs = re.findall(r'<a href="([^"<>]*)" hreflang=', selecteur)
        suite = f"?{requete}" if requete else ""
        assert [html.unescape(h) for h in hrefs] == [
            f"{prefixe}/recherche/{suite}" for prefixe in ("", "/nl", "/en")
        ]


def test_the_entries_own_words_are_marked_as_french_on_other_pages(client):
    organisation = OrganisationFactory(
        nom="Coopérative Exemple", description="Une coopérative d'activité."
    )

    francais = client.get(organisation.get_absolute_url()).content.decode()
    anglais = client.get(f"/en{organisation.get_absolute_url()}").content.decode()

    # In French, the page's own language says it all; in English, the entry's words are French.
    assert 'lang="fr"' not in francais.split("<body>")[1].split('<nav class="langues"')[0]
    assert '<h1 lang="fr">Coopérative Exemple' in anglais
    assert '<div lang="fr"><p>Une coopérative d&#x27;activité.</p></div>' in anglais


def test_a_mail_goes_out_in_the_language_of_the_page_it_started_from(
    client, settings, django_capture_on_commit_callbacks
):
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 0
    OrganisationFactory(nom="Pôle ESS", slug="pole")
    editrice = User.objects.create_user("editrice", is_staff=True)
    page = client.get("/nl/acteurs/pole/signaler/").content.decode()
    jeton = re.search(r'name="jeton" value="([^"]+)"', page).group(1)

    client.post(
        "/nl/acteurs/pole/signaler/",
        {
            "jeton": jeton,
            "motif": MotifSignalement.N_EXISTE_PLUS,
            "commentaire": "Deze coöperatie is in 2023 gesloten.",
            "courriel": "an@voorbeeld.be",
            "consentement": "on",
        },
    )
    signale = Signalement.objects.get()
    assert signale.langue == "nl"
    # The editor answers from the French admin: the reporter still reads Dutch.
    with django_capture_on_commit_callbacks(execute=True):
        signalements.traiter(signale, reponse="De fiche is verbeterd.", par=editrice)

    [courriel] = mail.outbox
    with translation.override("nl"):
        objet = gettext("Votre signalement")
    assert objet != "Votre signalement"
    assert courriel.subject == f"[Écosystème] {objet}"
    assert "/nl/acteurs/pole/" in courriel.body


def test_a_mail_made_outside_a_page_is_in_french():
    pole = OrganisationFactory(nom="Pôle ESS", slug="pole")

    signale = signalements.signaler(
        fiche=pole, motif=MotifSignalement.N_EXISTE_PLUS, commentaire="Fermée.", courriel=""
    )

    assert signale.langue == "fr"
