"""sitemap.xml: every public page, and none that is not."""

import re

import pytest

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
