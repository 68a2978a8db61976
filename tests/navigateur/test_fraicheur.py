"""A closed organisation's page and a verified profile, in a real browser, without JavaScript,
on a desktop and on a phone: the notices read well and axe-core finds nothing (a script: it
reads the same pages again with JavaScript on)."""

import datetime

import pytest
from playwright.sync_api import expect

from acteurs.models import Organisation, Personne
from ecosysteme.fraicheur import confirmer

from .conftest import BUREAU, CAPTURES, MOBILE
from .test_messages import violations
from .test_parcours import tabuler_jusqu_a


@pytest.fixture
def fiches(site):
    Organisation.objects.filter(slug="grais").update(date_cessation=datetime.date(2024, 3, 3))
    confirmer(Personne.objects.all()[:1], par=None)
    return Personne.objects.filter(verified_at__isnull=False).get()


def verifier(page, etat, ecran):
    largeurs = page.evaluate(
        "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert largeurs[0] <= largeurs[1]
    CAPTURES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=CAPTURES / f"fraicheur-{etat}-{ecran}.png", full_page=True)


@pytest.mark.parametrize(
    ("ecran", "viewport"), [("bureau", BUREAU), ("mobile", MOBILE)], ids=["bureau", "mobile"]
)
def test_a_closed_organisation_and_a_verified_profile(ouvrir, fiches, ecran, viewport):
    page = ouvrir(viewport=viewport, javascript=False)
    page.goto("/acteurs/grais/")
    expect(page.locator(".cessation")).to_contain_text(
        "Cette organisation a cessé son activité le 3 mars 2024."
    )
    expect(page.locator(".mise-a-jour")).to_contain_text("Informations pas encore vérifiées")
    verifier(page, "organisation-fermee", ecran)

    # Left out of the listing; brought back with the keyboard, through the filter.
    page.goto("/acteurs/")
    expect(page.locator(".carte__cessation")).to_have_count(0)
    tabuler_jusqu_a(page, page.locator("summary", has_text="Filtres"))
    page.keyboard.press("Enter")
    tabuler_jusqu_a(page, page.get_by_label("Inclure celles qui ont cessé leur activité"))
    page.keyboard.press("Space")
    tabuler_jusqu_a(page, page.get_by_role("button", name="Filtrer"))
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Acteurs, y compris celles qui ont cessé leur activité"
    )
    verifier(page, "liste-avec-fermees", ecran)

    page.goto(fiches.get_absolute_url())
    expect(page.locator(".mise-a-jour")).to_contain_text("Informations vérifiées le")
    verifier(page, "personne-verifiee", ecran)


@pytest.mark.parametrize("viewport", [BUREAU, MOBILE], ids=["bureau", "mobile"])
def test_axe_finds_nothing_on_these_pages(ouvrir, fiches, viewport):
    page = ouvrir(viewport=viewport)
    for adresse in ("/acteurs/grais/", "/acteurs/?cessees=oui", fiches.get_absolute_url()):
        page.goto(adresse)
        assert violations(page) == [], adresse
