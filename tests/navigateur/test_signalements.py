"""Reporting an error on a profile, in a real browser, with the keyboard only and without
JavaScript: a first try refused (error state), corrected, then the confirmation. Each state is
captured in var/captures/, on a desktop and on a phone, and checked by axe-core (a script: it
reads the same states again in a page with JavaScript on)."""

import re

import pytest
from playwright.sync_api import expect

from ecosysteme.enums import MotifSignalement
from ecosysteme.models import Signalement

from .conftest import BUREAU, CAPTURES, MOBILE
from .test_messages import taper, violations
from .test_parcours import tabuler_jusqu_a


@pytest.fixture
def lent(site, settings):
    # Typing takes longer than this; the default (3 s) would only make the test slower.
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 1


def verifier(page, etat, ecran):
    largeurs = page.evaluate(
        "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert largeurs[0] <= largeurs[1]
    CAPTURES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=CAPTURES / f"signalement-{etat}-{ecran}.png", full_page=True)


def envoyer(page):
    tabuler_jusqu_a(page, page.get_by_role("button", name="Envoyer le signalement"))
    page.keyboard.press("Enter")
    page.wait_for_load_state()


@pytest.mark.parametrize(
    ("ecran", "viewport", "fiche"),
    [("bureau", BUREAU, "/acteurs/grais/"), ("mobile", MOBILE, "/personnes/christophe-rochard/")],
    ids=["bureau", "mobile"],
)
def test_reporting_an_error_with_the_keyboard_only_without_javascript(
    ouvrir, lent, ecran, viewport, fiche
):
    page = ouvrir(viewport=viewport, javascript=False)
    page.goto(fiche)
    tabuler_jusqu_a(page, page.get_by_role("link", name="Signaler une erreur"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(f"{fiche}signaler/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaler une erreur sur cette fiche")
    verifier(page, "formulaire", ecran)

    # A first try: an address given, the box that keeps it forgotten.
    tabuler_jusqu_a(page, page.locator("#id_motif_0"))
    page.keyboard.press("ArrowDown")  # « information erronée »
    taper(page, "commentaire", "Cette fonction a pris fin en 2022.")
    taper(page, "courriel", "camille@exemple.net")
    envoyer(page)

    expect(page).to_have_title(re.compile(r"^Erreur – Signaler une erreur"))
    resume = page.get_by_role("alert")
    expect(resume).to_contain_text("Votre signalement n'a pas été envoyé")
    expect(resume).to_contain_text("Cochez cette case pour être informé de la suite")
    expect(page.locator("#id_commentaire")).to_have_value("Cette fonction a pris fin en 2022.")
    expect(page.locator("#id_motif_1")).to_be_checked()
    assert not Signalement.objects.exists()
    verifier(page, "erreurs", ecran)

    # The summary leads to the box, which is ticked.
    tabuler_jusqu_a(page, resume.get_by_role("link", name=re.compile("Votre accord")))
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_consentement"
    page.keyboard.press("Space")
    envoyer(page)

    page.wait_for_url(re.compile(f"{fiche}signaler/envoye/(#id_consentement)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre signalement est enregistré"
    )
    verifier(page, "confirmation", ecran)
    signalement = Signalement.objects.get()
    assert signalement.motif == MotifSignalement.ERRONEE
    assert signalement.courriel == "camille@exemple.net"
    assert signalement.fiche.get_absolute_url() == fiche

    # axe-core on each state, read again with JavaScript on.
    lecteur = ouvrir(viewport=viewport)
    lecteur.goto(fiche)
    assert violations(lecteur) == [], "fiche"
    lecteur.goto(f"{fiche}signaler/")
    assert violations(lecteur) == [], "formulaire"
    lecteur.get_by_role("button", name="Envoyer le signalement").click()
    expect(lecteur).to_have_title(re.compile(r"^Erreur – Signaler une erreur"))
    assert violations(lecteur) == [], "erreurs"
    lecteur.goto(f"{fiche}signaler/envoye/")
    assert violations(lecteur) == [], "confirmation"
