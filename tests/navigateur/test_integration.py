"""« Intégrer à votre site » in a real browser: the embed inside another site's frame, its
accessibility at both widths, and the rest of the site still refusing to be framed."""

import re
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

import pytest

from .conftest import BUREAU, CAPTURES, MOBILE
from .test_pages import charger, violations

INTEGRATIONS = {
    "integrer-acteurs": "/integrer/acteurs/?forme_juridique=scic&territoire=france",
    "integrer-personnes": "/integrer/personnes/",
    "integrer-accompagnement": "/integrer/accompagnement/",
    "integrer-carte": "/integrer/carte/",
    "integrer-carte-territoire": "/integrer/carte/?territoire=nouvelle-aquitaine",
    "integrer-code": "/integrer/?adresse=%2Facteurs%2F%3Fforme_juridique%3Dscic",
}


@pytest.fixture
def partenaire(site):
    """partenaire(adresse) → the address of another site's page that frames this path of the
    directory: a server of its own on this machine (Chromium lets no page that it did not
    receive from a local address frame a local one)."""
    pages = {}

    class Hote(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path not in pages:
                self.send_error(404)
                return
            corps = pages[self.path].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(corps)))
            self.end_headers()
            self.wfile.write(corps)

        def log_message(self, *args):
            pass

    serveur = ThreadingHTTPServer(("127.0.0.1", 0), Hote)
    Thread(target=serveur.serve_forever, daemon=True).start()

    def partenaire(adresse):
        chemin = f"/page-{len(pages)}"
        pages[chemin] = (
            '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Un réseau</title>'
            '<link rel="icon" href="data:,">'
            '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>'
            f'<h1>Notre réseau</h1><iframe src="{site}{adresse}" title="Annuaire" width="100%" '
            'height="720"></iframe></body></html>'
        )
        return f"http://127.0.0.1:{serveur.server_port}{chemin}"

    yield partenaire
    serveur.shutdown()
    serveur.server_close()


@pytest.mark.parametrize("nom", INTEGRATIONS)
def test_embed_page_type(ouvrir, nom):
    CAPTURES.mkdir(parents=True, exist_ok=True)
    for ecran, viewport in (("bureau", BUREAU), ("mobile", MOBILE)):
        page = ouvrir(viewport=viewport)
        statut, _tailles = charger(page, INTEGRATIONS[nom])

        assert statut == 200
        assert violations(page) == [], ecran
        largeurs = page.evaluate(
            "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
        )
        assert largeurs[0] <= largeurs[1], ecran
        page.screenshot(path=CAPTURES / f"{nom}-{ecran}.png", full_page=True)


@pytest.mark.parametrize(("ecran", "viewport"), [("bureau", BUREAU), ("mobile", MOBILE)])
def test_another_site_frames_a_filtered_listing(ouvrir, partenaire, ecran, viewport):
    page = ouvrir(viewport=viewport)
    hote = partenaire("/integrer/acteurs/?forme_juridique=scic")

    page.goto(hote, wait_until="load")

    cadre = page.frame_locator("iframe")
    assert cadre.locator("h1").inner_text() == "SCIC"
    assert cadre.locator(".carte").count() >= 1
    assert cadre.get_by_role("link", name=re.compile("^Écosystème")).is_visible()
    page.screenshot(path=CAPTURES / f"integrer-chez-un-partenaire-{ecran}.png", full_page=True)
    # A card opens the directory's profile in a new tab, never inside the partner's page.
    with page.context.expect_page() as nouvel_onglet:
        cadre.locator(".carte__titre a").first.click()
    assert re.search(r"/acteurs/[-\w]+/$", nouvel_onglet.value.url)
    assert page.url == hote


def test_an_area_of_an_embedded_map_shows_its_organisations_in_the_frame(ouvrir, partenaire):
    page = ouvrir()
    hote = partenaire("/integrer/carte/")
    page.goto(hote, wait_until="load")

    cadre = page.frame_locator("iframe")
    cadre.locator(".carto__dessin a").first.click()

    assert cadre.locator(".liste__nombre").inner_text().endswith(("organisation", "organisations"))
    assert page.url == hote


def test_the_rest_of_the_site_refuses_to_be_framed(navigateur, partenaire):
    # Its own context: the refusal is said on the console, which `ouvrir` counts as a failure.
    contexte = navigateur.new_context(viewport=BUREAU)
    try:
        page = contexte.new_page()
        hote = partenaire("/acteurs/?forme_juridique=scic")
        refus = []
        page.on("console", lambda message: refus.append(message.text))

        page.goto(hote, wait_until="load")
        page.wait_for_timeout(500)

        assert page.frame_locator("iframe").locator(".liste__nombre").count() == 0
        assert any("frame-ancestors 'none'" in texte for texte in refus), refus
    finally:
        contexte.close()


def test_the_code_to_copy_works_without_javascript(ouvrir, site):
    page = ouvrir(javascript=False)
    page.goto("/acteurs/?forme_juridique=scic", wait_until="load")

    page.get_by_role("link", name="Intégrer à votre site").click()

    code = page.get_by_label("Code à copier dans une page de votre site").input_value()
    assert code.startswith('<iframe src="http://127.0.0.1:8000/integrer/acteurs/?')
    assert "forme_juridique=scic" in code
    apercu = page.frame_locator("iframe.integration__apercu")
    assert apercu.locator("h1").inner_text() == "SCIC"
