"""The browser suite: Debian's Chromium, driven by Playwright, against the site started by
pytest-django's live server with the seeded directory.

Playwright cannot download a browser here: it is given the system's Chromium. Without one,
every test of this folder is skipped, and scripts/tester.sh says so.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from tests.conftest import FIXTURES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CAPTURES = Path(__file__).resolve().parents[2] / "var" / "captures"
BUREAU = {"width": 1280, "height": 800}
MOBILE = {"width": 360, "height": 740}


def pytest_collection_modifyitems(items):
    dossier = Path(__file__).parent
    for item in items:
        if dossier in Path(item.fspath).parents:
            item.add_marker(pytest.mark.navigateur)
            if CHROMIUM is None:
                item.add_marker(
                    pytest.mark.skip(reason="Chromium introuvable : apt-get install chromium")
                )


@pytest.fixture(scope="session")
def navigateur():
    # Playwright's synchronous API keeps an event loop in this thread, where Django would
    # then refuse database calls (the fixtures, the flush): they stay synchronous here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The site, served with the seeded directory; its address."""
    call_command("loaddata", *FIXTURES, verbosity=0)
    return live_server.url


@pytest.fixture
def ouvrir(navigateur, site):
    """ouvrir(viewport=…, javascript=…) → a new page of a new browser context."""
    contextes = []
    refus = []

    def ouvrir(viewport=BUREAU, javascript=True):
        contexte = navigateur.new_context(
            viewport=viewport, locale="fr-FR", java_script_enabled=javascript, base_url=site
        )
        contextes.append(contexte)
        page = contexte.new_page()
        # Anything the Content-Security-Policy blocks is a broken page: the browser says so
        # on its console, whatever the test was looking at.
        page.on(
            "console",
            lambda message: (
                refus.append(f"{page.url} : {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    yield ouvrir
    for contexte in contextes:
        contexte.close()
    assert not refus, "\n".join(refus)


def du_site(adresse, site):
    return urlsplit(adresse).netloc == urlsplit(site).netloc
