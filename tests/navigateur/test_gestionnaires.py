"""Managing a profile, in a real browser, with the keyboard only and without JavaScript: a person
claims an organisation's profile, confirms their address by the mailed link, signs in by the
mailed link, changes the preferences (a first try refused, then saved), then edits the public
profile (the edit waits for the editors). Each state is
captured in var/captures/, on a desktop and on a phone, and checked by axe-core (read again,
signed in with the same session, in a page with JavaScript on)."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from acteurs.enums import EtatGestionnaire
from acteurs.models import Gestionnaire, Organisation
from ecosysteme.models import Proposition

from .conftest import BUREAU, CAPTURES, MOBILE
from .test_messages import taper, violations
from .test_parcours import tabuler_jusqu_a


@pytest.fixture
def grais(site, settings):
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 1
    Organisation.objects.filter(slug="grais").update(site_web="https://www.grais.example/")


def verifier(page, etat, ecran, etats):
    largeurs = page.evaluate(
        "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert largeurs[0] <= largeurs[1], etat
    CAPTURES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=CAPTURES / f"gestionnaire-{etat}-{ecran}.png", full_page=True)
    etats.append((etat, page.url))


def lien_du_dernier_courriel():
    return urlsplit(re.search(r"https?://\S+", mail.outbox[-1].body).group(0)).path


def appuyer(page, nom):
    tabuler_jusqu_a(page, page.get_by_role("button", name=nom))
    page.keyboard.press("Enter")
    page.wait_for_load_state()


@pytest.mark.parametrize(
    ("ecran", "viewport"), [("bureau", BUREAU), ("mobile", MOBILE)], ids=["bureau", "mobile"]
)
def test_claiming_signing_in_and_changing_the_preferences_with_the_keyboard_only(
    ouvrir, grais, ecran, viewport
):
    etats = []
    page = ouvrir(viewport=viewport, javascript=False)
    page.goto("/acteurs/grais/")
    tabuler_jusqu_a(page, page.get_by_role("link", name="Vous représentez cette organisation ?"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/acteurs/grais/representer/$"))
    verifier(page, "demande", ecran, etats)

    taper(page, "nom", "Camille Martin")
    taper(page, "fonction", "Directrice")
    taper(page, "courriel", "camille@grais.example")
    tabuler_jusqu_a(page, page.locator("#id_consentement"))
    page.keyboard.press("Space")
    appuyer(page, "Envoyer la demande")
    page.wait_for_url(re.compile(r"/acteurs/grais/representer/envoye/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmez votre adresse")
    verifier(page, "demande-envoyee", ecran, etats)

    # The mailed link: it asks to confirm, then confirms.
    page.goto(lien_du_dernier_courriel())
    verifier(page, "confirmer", ecran, etats)
    appuyer(page, "Confirmer mon adresse")
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre adresse est confirmée")
    assert Gestionnaire.objects.get().etat == EtatGestionnaire.APPROUVE
    verifier(page, "confirmee", ecran, etats)

    # Signing in: the address, then the mailed link.
    tabuler_jusqu_a(page, page.get_by_role("link", name="Recevoir un lien de connexion"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/gestion/connexion/$"))
    verifier(page, "connexion", ecran, etats)
    taper(page, "courriel", "camille@grais.example")
    # One field is typed faster than the minimum fill time: a person reads before sending.
    page.wait_for_timeout(1000)
    appuyer(page, "Recevoir un lien de connexion")
    page.wait_for_url(re.compile(r"/gestion/connexion/envoyee/$"))
    verifier(page, "connexion-envoyee", ecran, etats)
    page.goto(lien_du_dernier_courriel())
    verifier(page, "entrer", ecran, etats)
    appuyer(page, "Entrer")
    page.wait_for_url(re.compile(r"/gestion/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Espace gestionnaire")
    verifier(page, "espace", ecran, etats)

    # The preferences: accepting messages without an address is refused, then corrected.
    tabuler_jusqu_a(page, page.get_by_role("link", name=re.compile("^Groupement")))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/gestion/grais/$"))
    verifier(page, "organisation", ecran, etats)
    tabuler_jusqu_a(page, page.locator("#id_is_contactable"))
    page.keyboard.press("Space")
    appuyer(page, "Enregistrer")
    resume = page.get_by_role("alert")
    expect(resume).to_contain_text("Vos changements n'ont pas été enregistrés")
    expect(resume).to_contain_text("indiquez l'adresse où les relayer")
    verifier(page, "organisation-erreurs", ecran, etats)
    tabuler_jusqu_a(page, resume.get_by_role("link"))
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_courriel_contact"
    page.keyboard.type("relais@grais.example")
    appuyer(page, "Enregistrer")
    expect(page.get_by_role("status")).to_have_text("Vos changements sont enregistrés.")
    verifier(page, "organisation-enregistree", ecran, etats)
    grais = Organisation.objects.get(slug="grais")
    assert grais.is_joignable
    assert grais.history.latest().history_user.email == "camille@grais.example"

    # The public profile: a first edit waits for the editors' review. (The page is read
    # again: the address still ends with the field the summary pointed to.)
    page.goto("/gestion/grais/")
    tabuler_jusqu_a(page, page.get_by_role("link", name="Modifier la fiche"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/gestion/grais/fiche/$"))
    verifier(page, "fiche", ecran, etats)
    taper(page, "fiche-sigle", "GRAIS-ESS")
    appuyer(page, "Envoyer à la relecture")
    expect(page.get_by_role("status")).to_contain_text(
        "votre modification attend la relecture de l'équipe"
    )
    expect(page.get_by_text("Sigle : GRAIS-ESS")).to_be_visible()
    verifier(page, "fiche-envoyee", ecran, etats)
    proposition = Proposition.objects.get()
    assert proposition.gestionnaire.courriel == "camille@grais.example"
    assert Organisation.objects.get(slug="grais").sigle != "GRAIS-ESS"

    # axe-core on each state, read again with JavaScript on and the same session; the error
    # state is made again (a GET would not show it).
    lecteur = ouvrir(viewport=viewport)
    lecteur.context.add_cookies(page.context.cookies())
    for etat, adresse in etats:
        if etat in {"organisation-erreurs", "confirmee"}:
            continue
        lecteur.goto(adresse)
        assert violations(lecteur) == [], etat
    lecteur.goto("/gestion/grais/")
    lecteur.locator("#id_courriel_contact").fill("")
    lecteur.get_by_role("button", name="Enregistrer").click()
    expect(lecteur.get_by_role("alert")).to_be_visible()
    assert violations(lecteur) == [], "organisation-erreurs"
