"""Proposing a correction, in a real browser: a visitor, with the keyboard only and without
JavaScript, proposes a new description (a first try refused, then corrected), confirms it by
the link of the mail, an editor accepts it in the administration, and the public page shows
it. Each public state is captured in var/captures/, on a desktop and on a phone, and checked
by axe-core (read again with JavaScript on), as are the forms « Ajouter une organisation » and
« Ajouter un dispositif »."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from playwright.sync_api import expect

from ecosysteme.contributions.propositions import lien_de_confirmation
from ecosysteme.enums import EtatProposition
from ecosysteme.models import Proposition
from ecosysteme.roles import EDITEUR

from .conftest import BUREAU, CAPTURES, MOBILE
from .test_edition import MOT_DE_PASSE
from .test_messages import taper, violations
from .test_parcours import tabuler_jusqu_a

NOUVELLE = "Un réseau d'accompagnement à l'innovation sociale, en Bourgogne."


@pytest.fixture
def lent(site, settings):
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 1


def verifier(page, etat, ecran):
    largeurs = page.evaluate(
        "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert largeurs[0] <= largeurs[1]
    CAPTURES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=CAPTURES / f"proposition-{etat}-{ecran}.png", full_page=True)


def envoyer(page):
    tabuler_jusqu_a(page, page.get_by_role("button", name="Envoyer la proposition"))
    page.keyboard.press("Enter")
    page.wait_for_load_state()


def accepter_dans_l_administration(page, proposition):
    User.objects.create_user("editrice", password=MOT_DE_PASSE, is_staff=True).groups.add(
        Group.objects.get(name=EDITEUR)
    )
    page.goto("/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill("editrice")
    page.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/admin/")
    page.goto("/admin/ecosysteme/proposition/")
    page.get_by_role("link", name=re.compile("Modification de")).click()
    expect(page.locator("table.comparaison")).to_contain_text(NOUVELLE)
    expect(page.get_by_label("Description")).to_be_checked()
    page.get_by_role("button", name="Accepter les champs cochés").click()
    expect(page.locator("body")).to_contain_text("Proposition acceptée.")


@pytest.mark.parametrize(
    ("ecran", "viewport", "fiche"),
    [("bureau", BUREAU, "/acteurs/grais/"), ("mobile", MOBILE, "/accompagnement/puls-actions/")],
    ids=["bureau", "mobile"],
)
def test_a_visitor_proposes_a_correction_an_editor_accepts_it_the_page_shows_it(
    ouvrir, lent, ecran, viewport, fiche
):
    page = ouvrir(viewport=viewport, javascript=False)
    page.goto(fiche)
    tabuler_jusqu_a(page, page.get_by_role("link", name="Proposer une modification"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(f"{fiche}proposer/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Proposer une modification de cette fiche"
    )
    verifier(page, "formulaire", ecran)

    # A first try: the description rewritten, the address given, the box forgotten.
    tabuler_jusqu_a(page, page.locator("#id_fiche-description"))
    page.keyboard.press("Control+A")
    page.keyboard.type(NOUVELLE, delay=10)
    taper(page, "courriel", "camille@exemple.net")
    envoyer(page)

    expect(page).to_have_title(re.compile(r"^Erreur – Proposer une modification"))
    resume = page.get_by_role("alert")
    expect(resume).to_contain_text("Votre proposition n'a pas été envoyée")
    expect(page.locator("#id_fiche-description")).to_have_value(NOUVELLE)
    assert not Proposition.objects.exists()
    verifier(page, "erreurs", ecran)

    tabuler_jusqu_a(page, resume.get_by_role("link", name=re.compile("Votre accord")))
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_consentement"
    page.keyboard.press("Space")
    envoyer(page)

    page.wait_for_url(re.compile("/propositions/envoyee/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Plus qu'une étape : confirmez votre adresse"
    )
    verifier(page, "envoyee", ecran)

    # The link of the mail, confirmed with the keyboard.
    [courriel] = mail.outbox
    lien = urlsplit(re.search(r"https?://\S+/propositions/confirmer/\S+/", courriel.body)[0]).path
    page.goto(lien)
    verifier(page, "confirmer", ecran)
    tabuler_jusqu_a(page, page.get_by_role("button", name="Confirmer et transmettre"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre proposition est transmise"
    )
    verifier(page, "confirmee", ecran)
    proposition = Proposition.objects.get()
    assert proposition.etat == EtatProposition.NOUVELLE

    accepter_dans_l_administration(ouvrir(), proposition)
    page.goto(fiche)
    expect(page.locator("main")).to_contain_text(NOUVELLE)

    # axe-core on each state, read again with JavaScript on.
    lecteur = ouvrir(viewport=viewport)
    lecteur.goto(f"{fiche}proposer/")
    assert violations(lecteur) == [], "formulaire"
    lecteur.get_by_role("button", name="Envoyer la proposition").click()
    expect(lecteur).to_have_title(re.compile(r"^Erreur – Proposer une modification"))
    assert violations(lecteur) == [], "erreurs"
    for adresse in ["/propositions/envoyee/", lien]:  # the link, now used: its refusal
        lecteur.goto(adresse)
        assert violations(lecteur) == [], adresse
    for ajouter in ["/propositions/nouvelle-organisation/", "/propositions/nouveau-dispositif/"]:
        lecteur.goto(ajouter)
        assert violations(lecteur) == [], ajouter
        lecteur.get_by_role("button", name="Envoyer la proposition").click()
        expect(lecteur).to_have_title(re.compile(r"^Erreur – Ajouter"))
        assert violations(lecteur) == [], f"{ajouter} erreurs"
    # The confirmation page before it is used, and once used.
    autre = Proposition.objects.create(
        type_fiche=proposition.type_fiche,
        fiche_id=proposition.fiche_id,
        valeurs={"description": "Autre."},
        courriel="alix@exemple.net",
    )
    lecteur.goto(urlsplit(lien_de_confirmation(autre)).path)
    assert violations(lecteur) == [], "confirmer"
    lecteur.get_by_role("button", name="Confirmer et transmettre").click()
    expect(lecteur.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre proposition est transmise"
    )
    assert violations(lecteur) == [], "confirmée"
