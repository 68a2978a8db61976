"""The maps in a real browser, on the seeded directory: whole région outlines, counts legible
on a phone, Brussels named, nothing clipped nor wider than the screen.
"""

import pytest

from ecosysteme.pages.carte import fonds

from .conftest import BUREAU, CAPTURES, MOBILE
from .test_pages import violations

PAGES = {"carte-accueil": "/", "carte-territoire": "/territoires/gironde/"}

# Each label's size on screen (its font size in the drawing's units, times the drawing's
# scale), the site's small text (0.875rem), and whether it lies inside its drawing.
MESURES = """() => {
  const petit = 0.875 * parseFloat(getComputedStyle(document.documentElement).fontSize);
  return [...document.querySelectorAll(".carto__etiquette, .carto__renvoi")].map((texte) => {
    const svg = texte.ownerSVGElement;
    const cadre = svg.getBoundingClientRect();
    const boite = texte.getBoundingClientRect();
    return {
      texte: texte.textContent,
      taille: parseFloat(getComputedStyle(texte).fontSize) * svg.getScreenCTM().a,
      petit,
      dedans: boite.left >= cadre.left - 0.5 && boite.right <= cadre.right + 0.5
        && boite.top >= cadre.top - 0.5 && boite.bottom <= cadre.bottom + 0.5,
    };
  });
}"""


@pytest.mark.parametrize("nom", PAGES)
def test_map_counts_are_legible_and_whole_on_a_phone_and_a_desktop(ouvrir, nom):
    CAPTURES.mkdir(parents=True, exist_ok=True)
    for ecran, viewport in (("bureau", BUREAU), ("mobile", MOBILE)):
        page = ouvrir(viewport=viewport)
        page.goto(PAGES[nom])

        etiquettes = page.evaluate(MESURES)
        assert etiquettes, "aucun nombre sur la carte"
        for etiquette in etiquettes:
            assert etiquette["taille"] >= etiquette["petit"] - 0.01, (ecran, etiquette)
            assert etiquette["dedans"], (ecran, etiquette)
        largeurs = page.evaluate(
            "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
        )
        assert largeurs[0] <= largeurs[1], ecran
        assert violations(page) == [], ecran
        page.locator("section[aria-labelledby=sur-la-carte]").screenshot(
            path=CAPTURES / f"{nom}-{ecran}.png"
        )


def test_brussels_is_named_on_the_map_of_belgium(ouvrir):
    page = ouvrir(viewport=MOBILE)
    page.goto("/")

    renvoi = page.locator(".carto__dessin--belgique .carto__renvoi")
    assert renvoi.is_visible()
    assert renvoi.text_content().startswith("Bruxelles : ")


def test_a_region_is_one_area_over_all_its_departements(ouvrir):
    """The seeded directory places organisations in régions only: France is drawn by région,
    and Nouvelle-Aquitaine's area covers its 12 départements, not only the 4 it knows."""
    departements = {
        zone["code"]: zone for zone in fonds()["cartes"]["france"]["niveaux"]["departement"]
    }
    (region,) = [
        zone for zone in fonds()["cartes"]["france"]["niveaux"]["region"] if zone["code"] == "75"
    ]
    dedans = [(departements[c]["x"], departements[c]["y"]) for c in region["departements"]]
    dehors = [(departements[c]["x"], departements[c]["y"]) for c in ["31", "37", "2A", "75"]]
    page = ouvrir(viewport=MOBILE)
    page.goto("/")

    chemins = page.locator('.carto__dessin--france a[href$="territoire=nouvelle-aquitaine"] path')
    assert chemins.count() == 1
    couverts = chemins.evaluate(
        "(chemin, points) => points.map(([x, y]) => chemin.isPointInFill(new DOMPoint(x, y)))",
        dedans + dehors,
    )
    assert couverts == [True] * 12 + [False] * 4
