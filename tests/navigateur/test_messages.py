"""Writing to an organisation, in a real browser, with the keyboard only and without
JavaScript: a first try refused (error state), corrected, then the confirmation. Each state is
captured in var/captures/, on a desktop and on a phone, and checked by axe-core (a script: it
reads the same states again in a page with JavaScript on)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from acteurs.models import Message, Organisation

from .conftest import BUREAU, CAPTURES, MOBILE
from .test_pages import OPTIONS_AXE
from .test_parcours import tabuler_jusqu_a

axe = Axe()


@pytest.fixture
def grais(site, settings):
    # Typing takes longer than this; the default (3 s) would only make the test slower.
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 1
    Organisation.objects.filter(slug="grais").update(
        is_contactable=True, courriel_contact="relais@grais.example"
    )


def violations(page):
    resultats = axe.run(page, options=OPTIONS_AXE).response["violations"]
    return [f"{v['id']} : {[n['target'] for n in v['nodes'][:3]]}" for v in resultats]


def verifier(page, etat, ecran):
    """No horizontal scrolling, the private address nowhere; a capture for a person to look
    at."""
    largeurs = page.evaluate(
        "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert largeurs[0] <= largeurs[1]
    assert "relais@grais" not in page.content()
    CAPTURES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=CAPTURES / f"message-{etat}-{ecran}.png", full_page=True)


def taper(page, champ, texte):
    tabuler_jusqu_a(page, page.locator(f"#id_{champ}"))
    # As a person types (fast): sent back within a second, the form would be refused as
    # filled by a robot.
    page.keyboard.type(texte, delay=25)


@pytest.mark.parametrize(
    ("ecran", "viewport"), [("bureau", BUREAU), ("mobile", MOBILE)], ids=["bureau", "mobile"]
)
def test_writing_to_an_organisation_with_the_keyboard_only_without_javascript(
    ouvrir, grais, ecran, viewport
):
    page = ouvrir(viewport=viewport, javascript=False)
    page.goto("/acteurs/grais/")
    verifier(page, "fiche", ecran)
    tabuler_jusqu_a(page, page.get_by_role("link", name="Écrire à cette organisation"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/acteurs/grais/ecrire/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Écrire à Groupement")
    verifier(page, "formulaire", ecran)

    # A first try: a mistyped address, and the consent forgotten.
    taper(page, "nom", "Camille Martin")
    taper(page, "courriel", "camille@")
    taper(page, "objet", "Vos formations")
    taper(page, "texte", "Bonjour,\nproposez-vous des formations ?")
    tabuler_jusqu_a(page, page.get_by_role("button", name="Envoyer le message"))
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    expect(page).to_have_title(re.compile(r"^Erreur – Écrire à"))
    resume = page.get_by_role("alert")
    expect(resume).to_contain_text("Votre message n'a pas été envoyé")
    expect(resume).to_contain_text("Saisissez une adresse de courriel valide.")
    expect(resume).to_contain_text("Cochez cette case pour que votre message soit transmis.")
    expect(page.locator("#id_courriel")).to_have_attribute("aria-invalid", "true")
    # Nothing typed is lost.
    expect(page.locator("#id_nom")).to_have_value("Camille Martin")
    expect(page.locator("#id_texte")).to_have_value("Bonjour,\nproposez-vous des formations ?")
    assert not page.locator("#id_site_web").is_visible()
    verifier(page, "erreurs", ecran)

    # The summary leads to the field, which is corrected; then the box is ticked.
    tabuler_jusqu_a(page, resume.get_by_role("link", name=re.compile("Votre adresse")))
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_courriel"
    page.keyboard.press("End")
    page.keyboard.type("exemple.net")
    tabuler_jusqu_a(page, page.locator("#id_consentement"))
    page.keyboard.press("Space")
    tabuler_jusqu_a(page, page.get_by_role("button", name="Envoyer le message"))
    page.keyboard.press("Enter")

    # The browser keeps the fragment the summary's link gave across the redirect.
    page.wait_for_url(re.compile(r"/acteurs/grais/ecrire/envoye/(#id_courriel)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre message est enregistré")
    verifier(page, "confirmation", ecran)
    message = Message.objects.get()
    assert (message.nom, message.courriel) == ("Camille Martin", "camille@exemple.net")
    [courriel] = mail.outbox
    assert courriel.to == ["relais@grais.example"]
    assert courriel.reply_to == ["camille@exemple.net"]

    # axe-core on each state, read again with JavaScript on.
    lecteur = ouvrir(viewport=viewport)
    lecteur.goto("/acteurs/grais/")
    assert violations(lecteur) == [], "fiche"
    lecteur.goto("/acteurs/grais/ecrire/")
    assert violations(lecteur) == [], "formulaire"
    lecteur.locator("#id_nom").fill("Camille Martin")
    lecteur.locator("#id_courriel").fill("camille@")
    lecteur.get_by_role("button", name="Envoyer le message").click()
    expect(lecteur).to_have_title(re.compile(r"^Erreur – Écrire à"))
    assert violations(lecteur) == [], "erreurs"
    lecteur.goto("/acteurs/grais/ecrire/envoye/")
    assert violations(lecteur) == [], "confirmation"
