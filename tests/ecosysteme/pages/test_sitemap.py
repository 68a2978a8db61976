"""sitemap.xml: every public page, and none that is not."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ecosysteme.pages.sitemaps import SITEMAPS, FichesSitemap
from tests.factories import (
    DispositifFactory,
    OrganisationFactory,
    PersonneFactory,
    TerritoireFactory,
    ThematiqueFactory,
)

pytestmark = pytest.mark.django_db


def adresses(reponse):
    assert reponse.status_code == 200
    assert reponse["Content-Type"].startswith("application/xml")
    return re.findall(r"<loc>([^<]+)</loc>", reponse.content.decode())


def test_the_index_names_a_section_per_kind_of_page(client):
    sections = adresses(client.get("/sitemap.xml"))

    assert sections == [
        f"http://testserver/sitemap-{section}.xml"
        for section in (
            "pages",
            "acteurs",
            "personnes",
            "accompagnement",
            "territoires",
            "thematiques",
        )
    ]


def test_each_section_lists_the_published_pages_only(client):
    publiee = OrganisationFactory(slug="publiee")
    OrganisationFactory(slug="brouillon", is_published=False)
    personne = PersonneFactory(slug="camille-arnaud")
    PersonneFactory(slug="cachee", is_published=False)
    dispositif = DispositifFactory(slug="incubateur")
    territoire, thematique = TerritoireFactory(slug="gironde"), ThematiqueFactory(slug="culture")

    for section, fiche in (
        ("acteurs", publiee),
        ("personnes", personne),
        ("accompagnement", dispositif),
        ("territoires", territoire),
        ("thematiques", thematique),
    ):
        attendue = f"http://testserver{fiche.get_absolute_url()}"
        assert adresses(client.get(f"/sitemap-{section}.xml")) == [attendue], section
    assert adresses(client.get("/sitemap-pages.xml")) == [
        f"http://testserver{chemin}"
        for chemin in (
            "/",
            "/acteurs/",
            "/personnes/",
            "/accompagnement/",
            "/donnees-ouvertes/",
            "/mentions-legales/",
            "/donnees-personnelles/",
        )
    ]
    assert "<lastmod>" in client.get("/sitemap-acteurs.xml").content.decode()


@pytest.mark.parametrize(
    "adresse", ["/sitemap-inconnue.xml", "/sitemap-acteurs.xml?p=abc", "/sitemap-acteurs.xml?p=99"]
)
def test_unknown_sections_and_pages_are_404(client, adresse):
    OrganisationFactory()

    assert client.get(adresse).status_code == 404


def test_the_index_dates_each_section_without_reading_every_profile(client):
    OrganisationFactory.create_batch(3)
    derniere = OrganisationFactory()

    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get("/sitemap.xml")

    assert reponse.status_code == 200
    dates = re.findall(r"<lastmod>([^<]+)</lastmod>", reponse.content.decode())
    assert timezone.localtime(derniere.updated_at).isoformat() in dates
    # Organisations are counted and dated, never read one by one.
    lectures = [r["sql"] for r in requetes if '"acteurs_organisation"' in r["sql"]]
    assert len(lectures) == 2
    assert all(" COUNT(" in sql.upper() or " MAX(" in sql.upper() for sql in lectures)


def test_a_section_is_split_into_pages_of_ten_thousand_at_most(client, monkeypatch):
    assert SITEMAPS["acteurs"].limit == 10_000
    monkeypatch.setattr(FichesSitemap, "limit", 2)
    OrganisationFactory.create_batch(5)

    sections = adresses(client.get("/sitemap.xml"))

    assert "http://testserver/sitemap-acteurs.xml?p=3" in sections
    assert len(adresses(client.get("/sitemap-acteurs.xml?p=3"))) == 1
