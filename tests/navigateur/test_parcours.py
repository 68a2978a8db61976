"""A visitor's journey through the seeded directory, with a mouse, a keyboard only, and
without JavaScript: search, filter, a profile, a related organisation, a person, and back to
the results as they were."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import BUREAU, MOBILE

# The results of the journey's search once filtered: three organisations (SCICs are found by
# « coopérative », what their legal form means).
# The search leads to the listing with the organisations that ceased their activity, as it
# finds them (cessees=oui), wherever the filters put it.
LISTE_FILTREE = re.compile(
    r"/acteurs/\?q=coop%C3%A9rative(?=.*&forme_juridique=scic)(?=.*&territoire=france)"
    r"(?=.*&cessees=oui)(&[a-z_]+=[a-z]+){3}$"
)


def verifier_retour(page):
    """Back on the filtered results: the query and both filters are still there."""
    assert LISTE_FILTREE.search(page.url), page.url
    assert page.get_by_label("Rechercher parmi les acteurs").input_value() == "coopérative"
    assert page.locator("#forme_juridique-scic").is_checked()
    assert page.locator("#territoire-france").is_checked()
    assert page.get_by_role("status").inner_text() == "3 organisations"


def ouvrir_les_filtres(page):
    # On a wide screen the filters always show; on a narrow one they fold under « Filtres ».
    if page.viewport_size["width"] < 600:
        assert not page.locator("#forme_juridique-scic").is_visible()
        page.get_by_text("Filtres", exact=True).click()
    assert page.locator("#forme_juridique-scic").is_visible()


@pytest.mark.parametrize(
    ("viewport", "javascript"),
    [(BUREAU, True), (BUREAU, False), (MOBILE, True)],
    ids=["avec-js", "sans-js", "mobile"],
)
def test_journey_with_a_mouse(ouvrir, viewport, javascript):
    page = ouvrir(viewport=viewport, javascript=javascript)
    page.goto("/")

    page.get_by_role("searchbox").first.fill("coopérative")
    page.get_by_role("button", name="Rechercher").first.click()
    page.wait_for_url(re.compile(r"/recherche/\?q="))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Recherche")
    page.get_by_role("link", name=re.compile(r"^Voir les \d+ organisations$")).click()
    page.wait_for_url(re.compile(r"/acteurs/\?q="))

    ouvrir_les_filtres(page)
    page.locator("#forme_juridique-scic").check()
    page.locator("#territoire-france").check()
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(LISTE_FILTREE)
    verifier_retour(page)

    # Each click leads to another page: its heading is awaited before going on.
    for nom, titre in (
        ("Smart (France)", "Smart (France)"),
        ("SmartCoop", "SmartCoop"),
        ("La coordinatrice de COOPCITY", "La coordinatrice de COOPCITY"),
    ):
        page.get_by_role("link", name=nom).first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(titre)

    for _ in range(3):
        page.go_back()
    verifier_retour(page)


FOCUS_VISIBLE = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return false;
    const style = getComputedStyle(element);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
        || style.boxShadow !== "none";
}"""


def tabuler_jusqu_a(page, cible, maximum=300):
    """Press Tab until `cible` (a locator) has the focus, checking at each step that the focus
    is visible and that it moves (never trapped); but a date field keeps it for a few presses:
    Tab goes through its parts, then its calendar button."""
    element = cible.element_handle()
    precedent, sur_place = None, 0
    for _ in range(maximum):
        page.keyboard.press("Tab")
        courant = page.evaluate_handle("document.activeElement")
        assert page.evaluate(FOCUS_VISIBLE), page.evaluate("document.activeElement.outerHTML")
        if page.evaluate("([a, b]) => a === b", [courant, element]):
            return
        if page.evaluate("([a, b]) => a === b", [courant, precedent]):
            sur_place += 1
            assert courant.evaluate("e => e.type") == "date" and sur_place < 4, "focus piégé"
        else:
            sur_place = 0
        precedent = courant
    raise AssertionError(f"{cible} jamais atteint au clavier")


def test_journey_with_a_keyboard_only(ouvrir):
    page = ouvrir()
    page.goto("/")

    tabuler_jusqu_a(page, page.get_by_role("searchbox").first)
    page.keyboard.type("coopérative")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/recherche/"))
    tabuler_jusqu_a(
        page, page.get_by_role("link", name=re.compile(r"^Voir les \d+ organisations$"))
    )
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/acteurs/\?q="))

    tabuler_jusqu_a(page, page.locator("#forme_juridique-scic"))
    page.keyboard.press("Space")
    tabuler_jusqu_a(page, page.locator("#territoire-france"))
    page.keyboard.press("Space")
    tabuler_jusqu_a(page, page.get_by_role("button", name="Filtrer"))
    page.keyboard.press("Enter")
    page.wait_for_url(LISTE_FILTREE)
    verifier_retour(page)

    for nom, titre in (
        ("Smart (France)", "Smart (France)"),
        ("SmartCoop", "SmartCoop"),
        ("La coordinatrice de COOPCITY", "La coordinatrice de COOPCITY"),
    ):
        tabuler_jusqu_a(page, page.get_by_role("link", name=nom).first)
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_contain_text(titre)

    for _ in range(3):
        page.go_back()  # the browser's own « back », outside the page
    verifier_retour(page)


def test_a_skip_link_leads_to_the_content(ouvrir):
    page = ouvrir()
    page.goto("/acteurs/")

    page.keyboard.press("Tab")
    lien = page.evaluate_handle("document.activeElement")
    assert page.evaluate("e => e.getAttribute('href')", lien).startswith("#")
    assert page.evaluate(FOCUS_VISIBLE)
    page.keyboard.press("Enter")
    cible = page.evaluate("location.hash").lstrip("#")
    assert page.locator(f"#{cible}").count() == 1


def test_axe_reports_what_it_should(ouvrir):
    # The accessibility checks of tests/navigateur/test_pages.py would pass on a page that
    # axe could not read: a page with known faults must fail them.
    page = ouvrir()
    page.goto("/")
    page.set_content("<html><body><img src='x.png'><a href='#'></a></body></html>")

    regles = {v["id"] for v in Axe().run(page).response["violations"]}

    assert {"image-alt", "link-name", "html-has-lang"} <= regles
