"""Filing a need (« Déposer un besoin »), in a real browser: with the keyboard only and without
JavaScript, a first try refused (error state), the organisations counted by the button, the
need corrected, then the confirmation; with JavaScript, the count follows the criteria as they
change; and the link « Intéressé » an organisation receives, confirmed with the keyboard, then
refused when used again. Each state is captured in var/captures/, on a desktop and on a phone,
and checked by axe-core."""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as reglages
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from acteurs import besoins
from acteurs.enums import EtatBesoin, NatureBesoin, TrancheBudget
from acteurs.models import Besoin, Interet, Organisation, Sollicitation
from ecosysteme.models import Territoire, Thematique

from .conftest import BUREAU, CAPTURES, MOBILE
from .test_pages import OPTIONS_AXE
from .test_parcours import tabuler_jusqu_a

axe = Axe()
ECRANS = pytest.mark.parametrize(
    ("ecran", "viewport"), [("bureau", BUREAU), ("mobile", MOBILE)], ids=["bureau", "mobile"]
)
# Two organisations of the seed that act in Côte-d'Or; only the second works on « Politique de
# la ville ». Their addresses for needs must never be shown.
OUVERTES = {
    "grais": "besoins@grais.example",
    "pole-economie-solidaire-dijon": "besoins@pole-dijon.example",
}
FORMULAIRE = "/besoins/deposer/"
DEUX = "2 organisations correspondent à ces critères et acceptent les besoins."
UNE = "1 organisation correspond à ces critères et accepte les besoins."
AUCUNE = re.compile(r"^Aucune organisation qui accepte les besoins")
COTE_D_OR = "Côte-d'Or (21)"
SANS_TERRITOIRE = re.compile(r"^Choisissez un territoire pour savoir combien")


@pytest.fixture
def ouvertes(site, settings):
    # Typing takes longer than this; the default (3 s) would only make the test slower.
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 1
    for slug, adresse in OUVERTES.items():
        assert Organisation.objects.filter(slug=slug).update(
            is_open_to_requests=True, courriel_contact=adresse
        )


def violations(page):
    resultats = axe.run(page, options=OPTIONS_AXE).response["violations"]
    return [f"{v['id']} : {[n['target'] for n in v['nodes'][:3]]}" for v in resultats]


def verifier(page, etat, ecran, *, prive=()):
    """No horizontal scrolling, no organisation's address for needs (nor what else is
    `prive`) on the page; a capture for a person to look at."""
    largeurs = page.evaluate(
        "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert largeurs[0] <= largeurs[1], f"{etat} : défilement horizontal {largeurs}"
    contenu = page.content()
    for secret in [*OUVERTES.values(), *prive]:
        assert secret not in contenu, f"{etat} : {secret}"
    CAPTURES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=CAPTURES / f"besoin-{etat}-{ecran}.png", full_page=True)


def taper(page, champ, texte):
    tabuler_jusqu_a(page, page.locator(f"#id_{champ}"))
    # As a person types (fast): sent back within a second, the form would be refused as
    # filled by a robot.
    page.keyboard.type(texte, delay=20)


def choisir(page, champ, libelle):
    """Pick an option of a list with the arrow keys, the list closed, as on a keyboard."""
    liste = page.locator(f"#id_{champ}")
    tabuler_jusqu_a(page, liste)
    for _ in range(60):
        if liste.evaluate("l => l.selectedOptions[0].text") == libelle:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{libelle} introuvable au clavier")


def taper_une_date(page, date):
    """A date field of the browser, typed part by part (Tab moves between its parts). Their
    order is the browser's language's, not the page's: day first in French, month first in
    English."""
    champ = page.locator("#id_echeance")
    tabuler_jusqu_a(page, champ)
    page.keyboard.type(f"{date:%d%m%Y}", delay=20)
    if champ.input_value() != f"{date:%Y-%m-%d}":
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        page.keyboard.type(f"{date:%m%d%Y}", delay=20)
    expect(champ).to_have_value(f"{date:%Y-%m-%d}")


def cocher(page, libelle):
    case = page.get_by_role("checkbox", name=libelle)
    tabuler_jusqu_a(page, case)
    page.keyboard.press("Space")
    expect(case).to_be_checked()


def envoyer(page, bouton):
    tabuler_jusqu_a(page, page.get_by_role("button", name=bouton))
    with page.expect_navigation():
        page.keyboard.press("Enter")


@ECRANS
def test_filing_a_need_with_the_keyboard_only_without_javascript(ouvrir, ouvertes, ecran, viewport):
    page = ouvrir(viewport=viewport, javascript=False)
    page.goto(FORMULAIRE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Déposer un besoin")
    expect(page.locator("#compte-destinataires")).to_have_text(SANS_TERRITOIRE)
    verifier(page, "formulaire", ecran)

    # A first try: a link in the title, a deadline already past, a mistyped address, no
    # territory, and the consent forgotten.
    nature = page.locator("#id_nature_0")
    tabuler_jusqu_a(page, nature)
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # a radio group: the arrows move the choice
    expect(page.get_by_role("radio", name="recherche de partenaire")).to_be_checked()
    taper(page, "titre", "Traiteur solidaire, voir www.exemple.fr")
    taper(page, "description", "Un repas pour 80 personnes,\nen juin, à Dijon.")
    choisir(page, "budget", "de 5 000 à 20 000 €")
    passee = timezone.localdate() - timedelta(days=3)
    taper_une_date(page, passee)
    taper(page, "nom", "Camille Martin")
    taper(page, "courriel", "camille@")
    envoyer(page, "Déposer le besoin")

    expect(page).to_have_title(re.compile(r"^Erreur – Déposer un besoin"))
    resume = page.get_by_role("alert")
    expect(resume).to_contain_text("Votre besoin n'a pas été déposé")
    for erreur in [
        "Votre besoin, en une ligne : Le titre ne peut pas contenir de lien.",
        "Échéance : L'échéance est déjà passée.",
        "Votre adresse électronique : Saisissez une adresse de courriel valide.",
        "Où : Choisissez le territoire du besoin.",
        "Votre accord : Cochez cette case pour que votre besoin soit transmis.",
    ]:
        expect(resume.get_by_role("link", name=erreur)).to_have_attribute(
            "href", re.compile(r"^#id_")
        )
    for champ in ["titre", "echeance", "courriel", "territoire"]:
        expect(page.locator(f"#id_{champ}")).to_have_attribute("aria-invalid", "true")
    # Nothing typed is lost.
    expect(page.locator("#id_description")).to_have_value(
        "Un repas pour 80 personnes,\nen juin, à Dijon."
    )
    expect(page.get_by_role("radio", name="recherche de partenaire")).to_be_checked()
    expect(page.locator("#id_budget")).to_have_value(TrancheBudget.DE_5000_A_20000)
    expect(page.locator("#compte-destinataires")).to_have_text(SANS_TERRITOIRE)
    assert not page.locator("#id_site_web").is_visible()
    assert not Besoin.objects.exists()
    verifier(page, "erreurs", ecran)

    # The summary leads to the title, which is corrected, then the deadline and the address.
    tabuler_jusqu_a(page, resume.get_by_role("link", name=re.compile("^Votre besoin, en une")))
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_titre"
    page.keyboard.press("Control+A")
    page.keyboard.type("Traiteur solidaire pour 80 personnes", delay=10)
    echeance = timezone.localdate() + timedelta(days=60)
    taper_une_date(page, echeance)
    tabuler_jusqu_a(page, page.locator("#id_courriel"))
    page.keyboard.press("End")
    page.keyboard.type("exemple.net")

    # A territory; the button counts who would receive the need.
    choisir(page, "territoire", COTE_D_OR)
    envoyer(page, "Compter les organisations")
    expect(page.locator("#compte-destinataires")).to_have_text(DEUX)
    # Counting is not sending: no error, and the form is as it was.
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page).to_have_title(re.compile(r"^Déposer un besoin"))
    expect(page.locator("#id_territoire")).to_have_value(
        str(Territoire.objects.get(slug="cote-d-or").pk)
    )
    expect(page.locator("#id_titre")).to_have_value("Traiteur solidaire pour 80 personnes")
    expect(page.locator("#id_echeance")).to_have_value(f"{echeance:%Y-%m-%d}")
    expect(page.locator("#id_courriel")).to_have_value("camille@exemple.net")
    expect(page.get_by_role("radio", name="recherche de partenaire")).to_be_checked()
    assert not Besoin.objects.exists()
    verifier(page, "compte", ecran)

    # A theme narrows it down to one.
    cocher(page, "Politique de la ville")
    envoyer(page, "Compter les organisations")
    expect(page.locator("#compte-destinataires")).to_have_text(UNE)
    expect(page.get_by_role("checkbox", name="Politique de la ville")).to_be_checked()

    # Then the box is ticked.
    cocher(page, re.compile("^J'accepte que l'annuaire enregistre mon besoin"))
    envoyer(page, "Déposer le besoin")

    # The browser keeps the fragment the summary's link gave across the redirect.
    page.wait_for_url(re.compile(r"/besoins/depose/(#[\w-]+)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre besoin est enregistré")
    verifier(page, "confirmation", ecran, prive=["camille@exemple.net"])
    besoin = Besoin.objects.get()
    assert besoin.etat == EtatBesoin.A_VALIDER
    assert (besoin.nature, besoin.titre, besoin.budget, besoin.echeance) == (
        NatureBesoin.PARTENAIRE,
        "Traiteur solidaire pour 80 personnes",
        TrancheBudget.DE_5000_A_20000,
        echeance,
    )
    assert besoin.description == "Un repas pour 80 personnes,\r\nen juin, à Dijon."
    assert besoin.territoire.slug == "cote-d-or"
    assert list(besoin.thematiques.values_list("slug", flat=True)) == ["politique-de-la-ville"]
    assert not besoin.types.exists()
    assert (besoin.nom, besoin.courriel) == ("Camille Martin", "camille@exemple.net")
    assert besoin.consented_at is not None
    # Staff validate it first: nothing has been sent.
    assert not Sollicitation.objects.exists()
    assert mail.outbox == []

    # axe-core on each state, read again with JavaScript on.
    lecteur = ouvrir(viewport=viewport)
    lecteur.goto(FORMULAIRE)
    assert violations(lecteur) == [], "formulaire"
    lecteur.locator("#id_titre").fill("Voir www.exemple.fr")
    lecteur.locator("#id_courriel").fill("camille@")
    lecteur.get_by_role("button", name="Déposer le besoin").click()
    expect(lecteur).to_have_title(re.compile(r"^Erreur – Déposer un besoin"))
    assert violations(lecteur) == [], "erreurs"
    lecteur.locator("#id_territoire").select_option(label=COTE_D_OR)
    lecteur.get_by_role("button", name="Compter les organisations").click()
    expect(lecteur).to_have_title(re.compile(r"^Déposer un besoin"))
    expect(lecteur.locator("#compte-destinataires")).to_have_text(DEUX)
    assert violations(lecteur) == [], "compte"
    lecteur.goto("/besoins/depose/")
    assert violations(lecteur) == [], "confirmation"


def test_the_count_follows_the_criteria_with_javascript(ouvrir, ouvertes):
    page = ouvrir()
    page.goto(FORMULAIRE)
    texte = page.locator("#compte-destinataires")
    expect(texte).to_have_text(SANS_TERRITOIRE)
    # Gone if the page were loaded again.
    page.evaluate("window.pasRecharge = true")

    with page.expect_response(re.compile(r"/besoins/deposer/compter/\?territoire=\d+$")):
        page.locator("#id_territoire").select_option(label=COTE_D_OR)
    expect(texte).to_have_text(DEUX)
    page.get_by_role("checkbox", name="Politique de la ville").check()
    expect(texte).to_have_text(UNE)
    page.get_by_role("checkbox", name="Politique de la ville").uncheck()
    expect(texte).to_have_text(DEUX)
    page.locator("#id_territoire").select_option(label="Yonne (89)")
    expect(texte).to_have_text(UNE)
    page.locator("#id_territoire").select_option(label="Gironde (33)")
    expect(texte).to_have_text(AUCUNE)
    page.locator("#id_territoire").select_option(label="Choisissez un territoire")
    expect(texte).to_have_text(SANS_TERRITOIRE)
    page.locator("#id_territoire").select_option(label=COTE_D_OR)
    expect(texte).to_have_text(DEUX)

    assert page.evaluate("window.pasRecharge") is True
    assert page.url.endswith(FORMULAIRE)
    assert violations(page) == [], "compte en direct"
    assert not Besoin.objects.exists()


@pytest.fixture
def lien(ouvertes):
    """A need validated by staff, sent to the one organisation it matches: the path of the
    link « Intéressé » in the mail it received, and the sollicitation."""
    equipe = get_user_model().objects.create_user("equipe", is_staff=True)
    besoin = besoins.deposer(
        criteres={
            "types": [],
            "thematiques": [Thematique.objects.get(slug="politique-de-la-ville")],
        },
        nature=NatureBesoin.DEVIS,
        titre="Traiteur <b>solidaire</b> pour 80 personnes",
        description="Un repas, en juin.\nÀ Dijon, <script>alert(1)</script>.",
        territoire=Territoire.objects.get(slug="cote-d-or"),
        budget=TrancheBudget.MOINS_5000,
        echeance=timezone.localdate() + timedelta(days=30),
        nom="Camille Martin",
        courriel="camille@exemple.net",
        organisation_demandeur="Les Amis du quartier",
    )
    assert besoins.valider(besoin, par=equipe) == 1
    sollicitation = Sollicitation.objects.get(besoin=besoin)
    assert sollicitation.organisation.slug == "pole-economie-solidaire-dijon"
    adresse = besoins.lien_interesse(sollicitation)
    [envoi] = mail.outbox
    assert envoi.to == ["besoins@pole-dijon.example"]
    assert adresse in envoi.body
    return adresse.removeprefix(reglages.ADRESSE_SITE.rstrip("/")), sollicitation


@ECRANS
def test_the_link_interesse_with_the_keyboard_only(ouvrir, lien, ecran, viewport):
    chemin, sollicitation = lien
    # What the requester gave is not for the organisations to see, before they answer.
    prive = ["camille@exemple.net", "Camille Martin", "Les Amis du quartier"]
    page = ouvrir(viewport=viewport)
    reponse = page.goto(chemin)
    assert reponse.status == 200
    expect(page).to_have_title(re.compile(r"^Êtes-vous intéressés \?"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Traiteur <b>solidaire</b> pour 80 personnes"
    )
    expect(page.get_by_text("Un besoin pour Pôle d'économie solidaire")).to_be_visible()
    expect(page.locator(".besoin__description")).to_contain_text("<script>alert(1)</script>")
    expect(page.locator(".besoin")).to_contain_text("moins de 5 000 €")
    expect(page.locator(".besoin")).to_contain_text("Côte-d'Or")
    # Following the link answers nothing: a mail scanner follows links too.
    assert not Interet.objects.exists()
    verifier(page, "lien", ecran, prive=prive)
    assert violations(page) == [], "lien"

    envoyer(page, "Nous sommes intéressés")
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre intérêt est transmis")
    verifier(page, "lien-confirme", ecran, prive=prive)
    assert violations(page) == [], "lien confirmé"
    interet = Interet.objects.get()
    assert interet.sollicitation == sollicitation
    # The requester is told, with the organisation's published details.
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["camille@exemple.net"]
    assert "Pôle d'économie solidaire" in mail.outbox[1].subject

    # Used again: refused, and nothing more is sent.
    reponse = page.goto(chemin)
    assert reponse.status == 410
    expect(page).to_have_title(re.compile(r"^Lien inutilisable"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ce lien ne peut pas servir")
    expect(page.get_by_text("ce lien ne sert qu'une fois")).to_be_visible()
    expect(page.locator("article").get_by_role("button")).to_have_count(0)
    verifier(page, "lien-refuse", ecran, prive=prive)
    assert violations(page) == [], "lien refusé"
    assert Interet.objects.count() == 1
    assert len(mail.outbox) == 2
