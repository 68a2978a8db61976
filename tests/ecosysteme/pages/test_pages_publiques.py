"""What every public page of the seeded site must show, and never show."""

import html
import re

import pytest
from django.test import Client

from acteurs.models import Personne
from tests.pages_publiques import est_html, pages_publiques

pytestmark = pytest.mark.usefixtures("donnees_seed")


@pytest.fixture(scope="module")
def visiteur(_seed_de_la_session, django_db_blocker):
    """A visitor who has read every public page of the seeded site, once for the module."""
    client = Client()
    with django_db_blocker.unblock():
        client.pages = pages_publiques(client, recherches=["rochard", "christophe"])
    return client


def test_the_crawl_reaches_every_kind_of_public_page(visiteur):
    pages = visiteur.pages

    for adresse in [
        "/",
        "/acteurs/?page=2",
        "/acteurs/extracite/",
        "/personnes/christophe-rochard/",
        "/accompagnement/puls-actions/",
        "/territoires/bourgogne-franche-comte/",
        "/thematiques/culture/",
        "/personnes/export.json",
        "/sitemap-personnes.xml",
        "/nouveautes.atom",
        "/mentions-legales/",
    ]:
        assert adresse in pages
    for personne in Personne.objects.published():
        assert personne.get_absolute_url() in pages


def test_no_email_address_of_a_person_is_in_any_public_page(visiteur):
    adresses = list(Personne.objects.exclude(email="").values_list("email", flat=True))
    assert adresses, "the seeded data has e-mail addresses to look for"

    for adresse_page, texte in visiteur.pages.items():
        for courriel in adresses:
            assert courriel not in html.unescape(texte), adresse_page


def test_a_published_email_address_is_never_in_plain_text(client):
    Personne.objects.filter(slug="christophe-rochard").update(contact_is_published=True)
    courriel = "christophe.rochard@pqn-a.fr"

    pages = pages_publiques(client, recherches=["rochard"])

    # Shown on the profile, to a browser, which decodes the character references…
    assert courriel in html.unescape(pages["/personnes/christophe-rochard/"])
    # …and written in plain text nowhere, nor its first part.
    for adresse, texte in pages.items():
        assert "christophe.rochard" not in texte, adresse


def test_every_page_links_the_legal_pages_and_only_a_form_sets_a_cookie(visiteur, settings):
    pages = {a: t for a, t in visiteur.pages.items() if est_html(a, t)}
    pages["/introuvable/"] = visiteur.get("/introuvable/").content.decode()

    assert len(pages) > 100
    for adresse, texte in pages.items():
        # The embeds (/integrer/…) open them in a new tab, out of the other site's frame.
        assert re.search(r'<a href="/mentions-legales/"[^>]*>Mentions légales</a>', texte), adresse
        lien = r'<a href="/donnees-personnelles/"[^>]*>Données personnelles</a>'
        assert re.search(lien, texte), adresse
    # The one cookie, the forms' CSRF token, as the personal-data page says: only « Déposer un
    # besoin », the forms « Signaler une erreur », « Proposer une modification » and « Vous
    # représentez cette organisation ? » of the profiles, « Ajouter une organisation » or « un
    # dispositif », and the managers' sign-in set it.
    assert "/besoins/deposer/" in visiteur.cookies_deposes
    assert "/gestion/connexion/" in visiteur.cookies_deposes
    for adresse, cookies in visiteur.cookies_deposes.items():
        assert adresse in {
            "/besoins/deposer/",
            "/gestion/connexion/",
            "/propositions/nouvelle-organisation/",
            "/propositions/nouveau-dispositif/",
        } or adresse.endswith(("/signaler/", "/representer/", "/proposer/")), adresse
        assert cookies == [settings.CSRF_COOKIE_NAME], adresse
    cookies_dits = pages["/donnees-personnelles/"].split("cookie")[1]
    assert "« Déposer un besoin »" in cookies_dits
    assert "« Signaler une erreur »" in cookies_dits
    assert "« Proposer une modification »" in cookies_dits
    assert "« Ajouter une organisation »" in cookies_dits
    assert "« Vous représentez cette organisation ? »" in cookies_dits
    assert "lien de connexion" in cookies_dits
