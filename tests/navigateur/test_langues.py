"""Every page type in Dutch and in English, and the language switcher used with the keyboard."""

import pytest

from .conftest import BUREAU, CAPTURES, MOBILE
from .test_pages import PAGES, charger, violations
from .test_parcours import tabuler_jusqu_a


@pytest.mark.parametrize("langue", ["nl", "en"])
@pytest.mark.parametrize("nom", PAGES)
def test_page_type_in_each_language(ouvrir, nom, langue):
    CAPTURES.mkdir(parents=True, exist_ok=True)
    for ecran, viewport in (("bureau", BUREAU), ("mobile", MOBILE)):
        page = ouvrir(viewport=viewport)
        statut, _tailles = charger(page, f"/{langue}{PAGES[nom]}")

        assert statut == (404 if nom == "introuvable" else 200)
        assert page.evaluate("document.documentElement.lang") == langue
        assert violations(page) == [], ecran
        largeurs = page.evaluate(
            "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
        )
        assert largeurs[0] <= largeurs[1], ecran
        page.screenshot(path=CAPTURES / f"{nom}-{langue}-{ecran}.png", full_page=True)


@pytest.mark.parametrize("viewport", [BUREAU, MOBILE], ids=["bureau", "mobile"])
def test_the_switcher_with_the_keyboard_only(ouvrir, viewport):
    page = ouvrir(viewport=viewport)
    page.goto("/acteurs/?q=coop%C3%A9rative&forme_juridique=scic")

    selecteur = page.get_by_role("navigation", name="Langue du site")
    tabuler_jusqu_a(page, selecteur.get_by_role("link", name="Nederlands"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The same page, with the same search and filter, in Dutch.
    assert page.url.endswith("/nl/acteurs/?q=coop%C3%A9rative&forme_juridique=scic")
    assert page.evaluate("document.documentElement.lang") == "nl"
    selecteur = page.get_by_role("navigation", name="Taal van de site")
    courant = selecteur.get_by_role("link", name="Nederlands")
    assert courant.get_attribute("aria-current") == "true"

    tabuler_jusqu_a(page, selecteur.get_by_role("link", name="English"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/en/acteurs/?q=coop%C3%A9rative&forme_juridique=scic")

    tabuler_jusqu_a(page, page.get_by_role("link", name="Français"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/acteurs/?q=coop%C3%A9rative&forme_juridique=scic")
    assert "/en/" not in page.url and page.evaluate("document.documentElement.lang") == "fr"
