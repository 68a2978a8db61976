"""A listing's filter column in a real browser: short after a narrow search, « Filtrer » at
hand for a keyboard, the folded options one Enter away; at 1280 and 360 px.
"""

import pytest

from .conftest import BUREAU, CAPTURES, MOBILE
from .test_pages import violations

# Five organisations in the seeded directory.
RECHERCHE_ETROITE = "/acteurs/?q=smart"


def ouvrir_les_filtres(page):
    """On a phone the filters are folded above the results: open them, as a person would."""
    resume = page.locator(".filtres__details > summary")
    if page.locator(".filtres__details").get_attribute("open") is None and resume.is_visible():
        resume.focus()
        page.keyboard.press("Enter")


def tabuler_jusqu_a(page, selecteur, maximum=40):
    """Press Tab until the element focused matches; how many presses it took."""
    for nombre in range(1, maximum + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selecteur!r})"):
            return nombre
    raise AssertionError(f"{selecteur} jamais atteint au clavier")


def capturer(page, chemin):
    """The whole page, as tall as it is: « Filtrer », sticky, then shows where it stands."""
    largeur, hauteur = page.viewport_size["width"], page.viewport_size["height"]
    page.set_viewport_size(
        {"width": largeur, "height": page.evaluate("document.documentElement.scrollHeight")}
    )
    page.screenshot(path=chemin)
    page.set_viewport_size({"width": largeur, "height": hauteur})


def dans_l_ecran(page, locator):
    boite, hauteur = locator.bounding_box(), page.viewport_size["height"]
    return boite["y"] >= 0 and boite["y"] + boite["height"] <= hauteur


@pytest.mark.parametrize(("ecran", "viewport"), [("bureau", BUREAU), ("mobile", MOBILE)])
def test_after_a_narrow_search_the_filters_are_short_and_filtrer_is_at_hand(
    ouvrir, ecran, viewport
):
    CAPTURES.mkdir(parents=True, exist_ok=True)
    page = ouvrir(viewport=viewport)
    page.goto(RECHERCHE_ETROITE)
    ouvrir_les_filtres(page)

    formulaire = page.locator("form.filtres")
    assert page.locator(".liste__nombre").inner_text() == "5 organisations"
    # The options that count, and no « (0) » until « Afficher les N autres » is opened.
    assert "(0)" not in formulaire.inner_text()
    # Before, 2,400 px of options on a desktop, 60 of them « (0) ».
    assert formulaire.bounding_box()["height"] < 1100, ecran
    assert page.locator("input[type=search]").count() == 1
    assert violations(page) == [], ecran
    capturer(page, CAPTURES / f"acteurs-recherche-etroite-{ecran}.png")

    # From the search field, a few Tabs reach « Filtrer », on screen when focused.
    page.locator("#filtre-q").focus()
    assert tabuler_jusqu_a(page, ".filtres__valider button") <= 20
    assert dans_l_ecran(page, page.locator(".filtres__valider button")), ecran

    # The folded options open with the keyboard, greyed (0) ones included.
    page.locator("#filtre-q").focus()
    tabuler_jusqu_a(page, ".filtres__autres > summary")
    page.keyboard.press("Enter")
    assert "(0)" in page.locator(".filtres__autres[open]").inner_text()
    assert violations(page) == [], ecran


def test_on_a_long_listing_filtrer_stays_on_screen(ouvrir):
    page = ouvrir(viewport=BUREAU)
    page.goto("/acteurs/")

    formulaire = page.locator("form.filtres")
    assert formulaire.bounding_box()["height"] > BUREAU["height"]  # longer than the screen
    assert dans_l_ecran(page, page.locator(".filtres__valider button"))
    page.mouse.wheel(0, 400)
    assert dans_l_ecran(page, page.locator(".filtres__valider button"))


def test_each_home_figure_leads_to_a_listing_of_as_many(ouvrir):
    page = ouvrir(viewport=MOBILE)
    page.goto("/")
    liens = page.locator(".chiffres-cles a")
    chiffres = [
        (liens.nth(i).get_attribute("href"), liens.nth(i).locator(".chiffres-cles__valeur"))
        for i in range(liens.count())
    ]
    attendus = [(adresse, int(valeur.inner_text())) for adresse, valeur in chiffres]
    assert len(attendus) == 5
    for adresse, nombre in attendus:
        page.goto(adresse)
        assert page.locator(".liste__nombre").inner_text().split()[0] == str(nombre), adresse
