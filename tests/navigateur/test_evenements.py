"""Events apart from programmes, on a phone: their date and place read at a glance."""

import pytest

from .conftest import MOBILE


@pytest.mark.parametrize("largeur", [MOBILE["width"], 1280])
def test_an_event_shows_its_date_and_place_without_overflow(ouvrir, largeur):
    page = ouvrir(viewport={"width": largeur, "height": 740})
    page.goto("/accompagnement/?famille=evenement")

    titre = page.get_by_role("link", name="Rendez-vous Made in Scop", exact=True)
    carte = page.locator(".carte").filter(has=titre)
    lieu = carte.locator(".carte__lieu").first
    assert lieu.inner_text() == "Date non précisée · Café de l'Acclameur, Niort"
    boite = lieu.bounding_box()
    assert boite["x"] >= 0 and boite["x"] + boite["width"] <= largeur
    assert page.get_by_role("link", name="Puls'actions", exact=True).count() == 0

    titre.click()
    assert page.locator("h1").inner_text() == "Rendez-vous Made in Scop"
    faits = page.locator(".fiche__entete .faits")
    assert faits.locator("dd").all_inner_texts() == ["Non précisée", "Café de l'Acclameur, Niort"]


def test_the_seeded_conference_says_whom_to_contact(ouvrir):
    page = ouvrir(viewport=MOBILE)
    page.goto("/accompagnement/conference-cooperation-territoriale-2021/")

    assert page.locator(".fiche__entete .faits dd").first.inner_text() == "20 octobre 2021"
    contact = page.get_by_role("region", name="Contact")
    assert [ligne for ligne in contact.inner_text().splitlines() if ligne] == ["Contact", "PQN-A"]
