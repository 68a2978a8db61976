"""The administration in a real browser: an organisation's page fits a desktop window, and in
development Django's own error pages keep their style."""

from django.contrib.auth.models import User
from playwright.sync_api import expect

from acteurs.models import Organisation

from .conftest import BUREAU, CAPTURES

MOT_DE_PASSE = "un mot de passe d'administratrice"


def connecter(page):
    User.objects.create_superuser("administratrice", password=MOT_DE_PASSE)
    page.goto("/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill("administratrice")
    page.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/admin/")


def test_the_organisation_page_fits_a_desktop_window(ouvrir):
    page = ouvrir(viewport=BUREAU)
    connecter(page)
    # The seeded organisation with the most lines (roles, relations, figures, quotes).
    coopcity = Organisation.objects.get(slug="coopcity")

    page.goto(f"/admin/acteurs/organisation/{coopcity.pk}/change/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Modifier l'organisation")
    largeur = page.evaluate("document.scrollingElement.scrollWidth")
    assert largeur <= BUREAU["width"]
    # The tables of lines scroll inside their own box, their last column within reach.
    fonctions = page.locator("#fonctions-group .tabular")
    assert fonctions.evaluate("e => e.scrollWidth > e.clientWidth")
    fonctions.evaluate("e => e.scrollLeft = e.scrollWidth")
    colonne = page.locator("#fonctions-group th").last.bounding_box()
    assert 0 <= colonne["x"] and colonne["x"] + colonne["width"] <= BUREAU["width"]
    CAPTURES.mkdir(parents=True, exist_ok=True)
    fonctions.evaluate("e => e.scrollLeft = 0")
    page.screenshot(path=CAPTURES / "admin-organisation-bureau.png", full_page=True)


def test_in_development_django_s_404_page_keeps_its_style(ouvrir, settings):
    settings.DEBUG = True  # as under ecosysteme.settings.dev, README's first command
    page = ouvrir(viewport=BUREAU)

    reponse = page.goto("/cette-adresse-n-existe-pas/")

    assert reponse.status == 404
    # Django's debug page draws its summary on a yellow background, from its inline style;
    # the fixture `ouvrir` fails the test if the Content-Security-Policy refused it.
    fond = page.locator("#summary").evaluate("e => getComputedStyle(e).backgroundColor")
    assert fond == "rgb(255, 255, 204)"
