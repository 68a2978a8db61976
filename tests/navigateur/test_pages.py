"""Every page type in a real browser: accessibility (axe-core), weight, narrow screens.

Each page type is also captured, on a desktop and on a phone, in var/captures/, for a person
to look at after a run.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import BUREAU, CAPTURES, MOBILE, du_site

PAGES = {
    "accueil": "/",
    "acteurs": "/acteurs/",
    "acteurs-filtres": "/acteurs/?forme_juridique=scic&territoire=france",
    "acteurs-sans-resultat": "/acteurs/?q=introuvable",
    "acteurs-cooperatives": "/acteurs/?famille=cooperative",
    "personnes": "/personnes/",
    "dispositifs": "/accompagnement/",
    "evenements": "/accompagnement/?famille=evenement",
    "organisation": "/acteurs/grais/",
    "liens": "/acteurs/grais/liens/membre/entrants/",
    "personne": "/personnes/michel-bouchaert/",
    "dispositif": "/accompagnement/incubateur-liess/",
    "evenement": "/accompagnement/conference-cooperation-territoriale-2021/",
    "territoire": "/territoires/nouvelle-aquitaine/",
    "thematique": "/thematiques/culture/",
    "recherche": "/recherche/?q=coop%C3%A9rative",
    "donnees-ouvertes": "/donnees-ouvertes/",
    "introuvable": "/acteurs/cette-fiche-n-existe-pas/",
}
LISTES = [
    "acteurs",
    "acteurs-filtres",
    "acteurs-sans-resultat",
    "acteurs-cooperatives",
    "personnes",
    "dispositifs",
    "evenements",
]
# Every rule of axe-core, the target size of WCAG 2.2 (24 px) included.
OPTIONS_AXE = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
axe = Axe()


def charger(page, adresse):
    """Open a page; return (status, [(url, bytes transferred)]) of what it loaded."""
    recues = []
    page.on("requestfinished", lambda requete: recues.append(requete))
    reponse = page.goto(adresse, wait_until="load")
    tailles = []
    for requete in recues:
        mesure = requete.sizes()
        tailles.append((requete.url, mesure["responseBodySize"] + mesure["responseHeadersSize"]))
    return reponse.status, tailles


def violations(page):
    resultats = axe.run(page, options=OPTIONS_AXE).response["violations"]
    return [
        f"{v['id']} ({v['impact']}) : {v['help']} – {[n['target'] for n in v['nodes'][:3]]}"
        for v in resultats
    ]


@pytest.mark.parametrize("nom", PAGES)
def test_page_type(ouvrir, site, nom):
    CAPTURES.mkdir(parents=True, exist_ok=True)
    for ecran, viewport in (("bureau", BUREAU), ("mobile", MOBILE)):
        page = ouvrir(viewport=viewport)
        statut, tailles = charger(page, PAGES[nom])

        assert statut == (404 if nom == "introuvable" else 200)
        assert violations(page) == [], ecran
        assert all(du_site(url, site) for url, _ in tailles), "requête vers un tiers"
        # No horizontal scrolling, on a phone as on a desktop.
        largeurs = page.evaluate(
            "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
        )
        assert largeurs[0] <= largeurs[1], ecran
        page.screenshot(path=CAPTURES / f"{nom}-{ecran}.png", full_page=True)
        if ecran == "bureau":
            requetes, octets = len(tailles), sum(taille for _, taille in tailles)
            (CAPTURES / f"{nom}.poids").write_text(f"{requetes} requêtes, {octets} octets\n")
            if nom in LISTES:
                assert requetes <= 10 and octets <= 100_000, (requetes, octets)
