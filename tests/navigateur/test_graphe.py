"""Partnership graphs in a real browser: names legible on a phone as on a desktop, never cut
by the edge of the drawing, no page wider than the screen, no accessibility violation.

Each graph is captured in var/captures/, on a desktop and on a phone.
"""

import pytest

from .conftest import BUREAU, CAPTURES, MOBILE
from .test_pages import charger, violations

GRAPHES = {
    # The most linked organisation of the seeded directory.
    "graphe-coopcity": "/acteurs/coopcity/",
    # A long name, shown by its acronym.
    "graphe-grais": "/acteurs/grais/",
    # Two relations between the same two organisations (COOPCITY and SAW-B).
    "graphe-saw-b": "/acteurs/saw-b/",
    "reseau-territoire": "/reseau/?territoire=belgique",
    "reseau-thematique": "/reseau/?thematique=entrepreneuriat",
}

# Each name of the drawing: its rendered font size and height, and whether its box lies
# within the drawing's box (a pixel of rounding aside).
MESURER = """() => {
  const dessin = document.querySelector('.graphe__dessin').getBoundingClientRect();
  return [...document.querySelectorAll('.graphe__noeud text')].map((texte) => {
    const boite = texte.getBoundingClientRect();
    return {
      nom: texte.textContent,
      taille: parseFloat(getComputedStyle(texte).fontSize) * dessin.width
        / document.querySelector('.graphe__dessin').viewBox.baseVal.width,
      hauteur: boite.height,
      dedans: boite.left >= dessin.left - 1 && boite.right <= dessin.right + 1
        && boite.top >= dessin.top - 1 && boite.bottom <= dessin.bottom + 1,
    };
  });
}"""
# The site's small text (labels, notes): 0.875 of the root size.
PETIT_TEXTE = "parseFloat(getComputedStyle(document.documentElement).fontSize) * 0.875"


@pytest.mark.parametrize("nom", GRAPHES)
def test_graph_names_are_legible_whole_and_within_the_screen(ouvrir, nom):
    CAPTURES.mkdir(parents=True, exist_ok=True)
    for ecran, viewport in (("bureau", BUREAU), ("mobile", MOBILE)):
        page = ouvrir(viewport=viewport)
        statut, _ = charger(page, GRAPHES[nom])
        assert statut == 200

        petit = page.evaluate(PETIT_TEXTE)
        noms = page.evaluate(MESURER)
        assert len(noms) >= 3
        for mesure in noms:
            assert mesure["taille"] >= petit, (ecran, mesure)
            assert mesure["hauteur"] >= petit, (ecran, mesure)
            assert mesure["dedans"], (ecran, mesure)
        assert not any(mesure["nom"].endswith("…") for mesure in noms)
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth"), ecran
        assert violations(page) == [], ecran
        page.screenshot(path=CAPTURES / f"{nom}-{ecran}.png", full_page=True)


def test_the_profile_lists_its_links_beside_the_graph_on_a_desktop(ouvrir):
    page = ouvrir(viewport=BUREAU)
    page.goto("/acteurs/coopcity/")

    liste = page.locator(".liens-et-graphe > div").bounding_box()
    dessin = page.locator(".graphe__dessin").bounding_box()

    # Side by side: the lists on the left, the picture on the right, from the same height.
    assert liste["x"] + liste["width"] <= dessin["x"]
    assert abs(dessin["y"] - liste["y"]) < 400


def test_the_network_is_in_the_main_navigation(ouvrir):
    page = ouvrir(viewport=MOBILE)
    page.goto("/")

    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Réseau"
    ).click()

    page.wait_for_url("**/reseau/")
    assert page.get_by_role("heading", level=1).inner_text() == "Le réseau"
