"""« Vous représentez cette organisation ? »: the request, the confirmation of its address, its
approval (by the domain, by staff, by the profile's managers, with reminders) or refusal, the
sign-in by link, and the reports that reach the managers."""

import html
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.core import mail, signing
from django.core.management import call_command
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from acteurs import gestionnaires
from acteurs.enums import EtatGestionnaire, SorteAvis
from acteurs.models import Avis, Gestionnaire
from ecosysteme.contributions.signalements import signaler
from ecosysteme.enums import MotifSignalement, StatutEnvoi
from tests.acteurs.test_messages import ServeurEnPanne, lancer_le_worker
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

FORMULAIRE = "/acteurs/pole/representer/"
VALIDE = {
    "nom": "Camille Martin",
    "fonction": "Directrice",
    "courriel": "camille@pole-ess.org",
    "consentement": "on",
}


@pytest.fixture(autouse=True)
def _sans_delai_minimum(settings):
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 0


@pytest.fixture
def pole(db):
    return OrganisationFactory(nom="Pôle ESS", slug="pole", site_web="https://www.pole-ess.org/")


@pytest.fixture
def envoyer_les_courriels(django_capture_on_commit_callbacks):
    """Runs the tasks enqueued on commit (the immediate backend sends at once)."""

    def envoyer(fonction, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fonction(*args, **kwargs)

    return envoyer


def lu(reponse):
    return html.unescape(reponse.content.decode())


def jeton_affiche(client, adresse=FORMULAIRE):
    page = client.get(adresse).content.decode()
    return re.search(r'name="jeton" value="([^"]+)"', page).group(1)


def demander(client, envoyer_les_courriels, adresse=FORMULAIRE, **champs):
    donnees = {**VALIDE, "jeton": jeton_affiche(client, adresse), **champs}
    return envoyer_les_courriels(client.post, adresse, donnees)


def lien_du_courriel(courriel):
    """The path of the site's link in a mail."""
    adresse = re.search(r"http://127\.0\.0\.1:8000(/\S+)", courriel.body).group(1)
    return urlsplit(adresse).path


def confirmer(client, envoyer_les_courriels, lien):
    return envoyer_les_courriels(client.post, lien)


def gestionnaire_approuve(organisation, courriel="ancienne@pole-ess.org", nom="Ancienne"):
    user = User.objects.create_user(courriel, email=courriel)
    return Gestionnaire.objects.create(
        organisation=organisation,
        user=user,
        nom=nom,
        fonction="Présidente",
        courriel=courriel,
        etat=EtatGestionnaire.APPROUVE,
        consented_at=timezone.now(),
        confirmed_at=timezone.now(),
        approved_at=timezone.now(),
    )


# The domain


@pytest.mark.parametrize(
    ("courriel", "site", "reconnu"),
    [
        ("a@pole-ess.org", "https://www.pole-ess.org/", True),
        ("a@POLE-ESS.org", "http://pole-ess.org", True),
        ("a@lyon.pole-ess.org", "https://pole-ess.org/accueil", True),
        ("a@pole-ess.org", "https://lyon.pole-ess.org/", False),
        ("a@autre-pole-ess.org", "https://pole-ess.org/", False),
        ("a@pole-ess.org.exemple.net", "https://pole-ess.org/", False),
        ("a@gmail.com", "https://gmail.com/", False),
        ("a@free.fr", "http://monasso.free.fr/", False),
        ("a@wanadoo.fr", "", False),
        ("a@pole-ess.org", "https://[::1", False),
        ("a@localhost", "http://localhost/", False),
    ],
)
def test_the_domain_of_the_address_and_of_the_site(courriel, site, reconnu):
    assert gestionnaires.domaine_reconnu(courriel, site) is reconnu


# The request


def test_the_profile_links_to_the_form(client, pole):
    profil = client.get("/acteurs/pole/")
    assertContains(
        profil,
        f'<a href="{FORMULAIRE}">Vous représentez cette organisation ?</a>',
        html=True,
    )
    page = client.get(FORMULAIRE)
    assertContains(page, "<h1>Vous représentez Pôle ESS ?</h1>", html=True)
    for champ in ("nom", "fonction", "courriel", "consentement"):
        assertContains(page, f'id="id_{champ}"')
    assertContains(page, 'href="/donnees-personnelles/#gestionnaires"')


def test_a_draft_has_no_form(client):
    OrganisationFactory(slug="pole", is_published=False)
    assert client.get(FORMULAIRE).status_code == 404


def test_a_request_of_the_site_domain_is_approved_once_its_address_is_confirmed(
    client, pole, envoyer_les_courriels
):
    reponse = demander(client, envoyer_les_courriels)

    assertRedirects(reponse, "/acteurs/pole/representer/envoye/")
    demande = Gestionnaire.objects.get()
    assert demande.etat == EtatGestionnaire.A_CONFIRMER
    assert demande.user is None
    (courriel,) = mail.outbox
    assert courriel.to == ["camille@pole-ess.org"]
    lien = lien_du_courriel(courriel)
    assert lien.startswith("/gestion/confirmer/")

    # Opening the link changes nothing: a mail scanner follows links.
    page = client.get(lien)
    assertContains(page, "Confirmer mon adresse")
    demande.refresh_from_db()
    assert demande.etat == EtatGestionnaire.A_CONFIRMER

    page = confirmer(client, envoyer_les_courriels, lien)

    assertContains(page, "Vous gérez la fiche de Pôle ESS.")
    demande.refresh_from_db()
    assert demande.etat == EtatGestionnaire.APPROUVE
    assert demande.approved_by is None
    assert demande.user.email == "camille@pole-ess.org"
    assert not demande.user.is_staff
    assert not demande.user.has_usable_password()
    assert "Vous gérez la fiche de Pôle ESS" in mail.outbox[-1].subject


def test_a_request_from_a_webmail_waits_for_staff(client, pole, envoyer_les_courriels):
    demander(client, envoyer_les_courriels, courriel="camille@gmail.com")
    page = confirmer(client, envoyer_les_courriels, lien_du_courriel(mail.outbox[0]))

    assert "attend d'être approuvée" in lu(page)
    demande = Gestionnaire.objects.get()
    assert demande.etat == EtatGestionnaire.A_APPROUVER
    assert len(mail.outbox) == 1  # no managers to ask: the admin's queue has it


def test_staff_approve_in_the_admin(admin_client, pole, envoyer_les_courriels):
    demande = gestionnaires.revendiquer(
        organisation=pole, nom="Camille", fonction="Salariée", courriel="camille@gmail.com"
    )
    gestionnaires.confirmer(demande)
    adresse = f"/admin/acteurs/gestionnaire/{demande.pk}/change/"

    page = admin_client.get(adresse)
    assertContains(page, '<button type="submit" class="button">Approuver</button>', html=True)
    donnees = {"action": "approuver", "_selected_action": demande.pk}
    envoyer_les_courriels(admin_client.post, "/admin/acteurs/gestionnaire/", donnees)

    demande.refresh_from_db()
    assert demande.etat == EtatGestionnaire.APPROUVE
    assert demande.approved_by.is_superuser
    assert mail.outbox[-1].to == ["camille@gmail.com"]
    assertNotContains(admin_client.get(adresse), ">Approuver</button>")


def test_staff_refuse_in_the_admin(admin_client, pole, envoyer_les_courriels):
    demande = gestionnaires.revendiquer(
        organisation=pole, nom="Camille", fonction="Salariée", courriel="camille@gmail.com"
    )
    gestionnaires.confirmer(demande)
    donnees = {"action": "refuser", "_selected_action": demande.pk}
    envoyer_les_courriels(admin_client.post, "/admin/acteurs/gestionnaire/", donnees)

    demande.refresh_from_db()
    assert demande.etat == EtatGestionnaire.REFUSE
    assert "n'a pas été approuvée" in mail.outbox[-1].body
    assert not pole.__class__.objects.managed_by(demande.user).exists()


def test_a_profile_with_managers_asks_them_and_reminds_them(
    client, pole, envoyer_les_courriels, settings
):
    ancienne = gestionnaire_approuve(pole)
    demander(client, envoyer_les_courriels, courriel="nouveau@gmail.com")
    confirmer(client, envoyer_les_courriels, lien_du_courriel(mail.outbox[0]))

    demande = Gestionnaire.objects.get(courriel="nouveau@gmail.com")
    assert demande.etat == EtatGestionnaire.A_APPROUVER
    assert mail.outbox[-1].to == ["ancienne@pole-ess.org"]
    assert "Camille Martin (Directrice, nouveau@gmail.com)" in mail.outbox[-1].body

    # Not yet due: nothing.
    assert envoyer_les_courriels(gestionnaires.relancer_demandes) == 0
    Gestionnaire.objects.filter(pk=demande.pk).update(
        confirmed_at=timezone.now() - timedelta(days=8)
    )
    envoyer_les_courriels(call_command, "relancer_gestionnaires", verbosity=0)
    assert mail.outbox[-1].subject.startswith("[Écosystème] Rappel : une demande")
    assert Avis.objects.filter(sorte=SorteAvis.RELANCE, gestionnaire=ancienne).count() == 1
    # Once reminded, not again before the delay.
    assert envoyer_les_courriels(gestionnaires.relancer_demandes) == 0


def test_even_a_domain_address_waits_for_the_existing_managers(client, pole, envoyer_les_courriels):
    gestionnaire_approuve(pole)
    demander(client, envoyer_les_courriels)
    confirmer(client, envoyer_les_courriels, lien_du_courriel(mail.outbox[0]))

    assert Gestionnaire.objects.get(nom="Camille Martin").etat == EtatGestionnaire.A_APPROUVER


def test_asking_twice_keeps_the_first_request(pole, envoyer_les_courriels):
    for _ in range(2):
        demande = gestionnaires.revendiquer(
            organisation=pole, nom="Camille", fonction="Salariée", courriel="camille@gmail.com"
        )
        gestionnaires.confirmer(demande)

    assert Gestionnaire.objects.to_approve().count() == 1
    assert Gestionnaire.objects.filter(etat=EtatGestionnaire.REFUSE).count() == 1


def test_the_rate_limits_refuse_and_store_nothing(client, pole, envoyer_les_courriels, settings):
    settings.GESTIONNAIRES_LIMITES_DEMANDEUR = {"heure": 1}
    demander(client, envoyer_les_courriels)

    reponse = demander(client, envoyer_les_courriels)

    assert reponse.status_code == 429
    assert "plusieurs demandes dans l'heure" in lu(reponse)
    assert Gestionnaire.objects.count() == 1


def test_the_form_refuses_what_is_missing_in_french(client, pole, envoyer_les_courriels):
    reponse = demander(client, envoyer_les_courriels, nom="", courriel="pas-une-adresse")
    reponse = demander(
        client, envoyer_les_courriels, nom="", courriel="pas-une-adresse", consentement=""
    )

    texte = lu(reponse)
    assert "Votre demande n'a pas été envoyée" in texte
    assert "Indiquez votre nom." in texte
    assert "Indiquez une adresse électronique valide" in texte
    assert "Cochez cette case" in texte
    assert not Gestionnaire.objects.exists()


# The confirmation link


def test_a_forged_link_is_refused(client, pole):
    demande = gestionnaires.revendiquer(
        organisation=pole, nom="Camille", fonction="Salariée", courriel="camille@gmail.com"
    )
    faux = signing.dumps(demande.pk, salt="un autre sel")
    for lien in (f"/gestion/confirmer/{faux}/", "/gestion/confirmer/n-importe-quoi/"):
        reponse = client.post(lien)
        assert reponse.status_code == 410
        assertContains(reponse, "pas valable", status_code=410)
    demande.refresh_from_db()
    assert demande.etat == EtatGestionnaire.A_CONFIRMER


def test_a_link_of_another_kind_is_refused(client, pole):
    demande = gestionnaires.revendiquer(
        organisation=pole, nom="Camille", fonction="Salariée", courriel="camille@gmail.com"
    )
    autre = signing.dumps(demande.pk, salt="acteurs.besoin.interet")
    assert client.post(f"/gestion/confirmer/{autre}/").status_code == 410


def test_a_used_link_is_refused(client, pole, envoyer_les_courriels):
    demander(client, envoyer_les_courriels)
    lien = lien_du_courriel(mail.outbox[0])
    confirmer(client, envoyer_les_courriels, lien)

    reponse = confirmer(client, envoyer_les_courriels, lien)

    assert reponse.status_code == 410
    assert "ne sert qu'une fois" in lu(reponse)


def test_an_expired_link_is_refused(client, pole, envoyer_les_courriels, settings):
    demander(client, envoyer_les_courriels)
    lien = lien_du_courriel(mail.outbox[0])
    settings.GESTIONNAIRES_LIEN_VALIDITE_JOURS = -1

    reponse = confirmer(client, envoyer_les_courriels, lien)

    assertContains(reponse, "Ce lien a expiré", status_code=410)
    assert Gestionnaire.objects.get().etat == EtatGestionnaire.A_CONFIRMER


# The sign-in by link


def lien_de_connexion(client, envoyer_les_courriels, courriel="ancienne@pole-ess.org"):
    page = client.get("/gestion/connexion/").content.decode()
    jeton = re.search(r'name="jeton" value="([^"]+)"', page).group(1)
    reponse = envoyer_les_courriels(
        client.post, "/gestion/connexion/", {"courriel": courriel, "jeton": jeton}
    )
    assertRedirects(reponse, "/gestion/connexion/envoyee/")
    return reponse


def test_a_manager_signs_in_by_a_link_used_once(client, pole, envoyer_les_courriels):
    gestionnaire_approuve(pole)
    lien_de_connexion(client, envoyer_les_courriels)
    lien = lien_du_courriel(mail.outbox[-1])
    assert lien.startswith("/gestion/entrer/")

    assertContains(client.get(lien), "Entrer")  # a scanner's visit uses nothing up
    assertRedirects(client.post(lien), "/gestion/")
    assertContains(client.get("/gestion/"), '<a href="/gestion/pole/">Pôle ESS</a>', html=True)

    client.post("/gestion/deconnexion/")
    reponse = client.post(lien)
    assert reponse.status_code == 410
    assertRedirects(client.get("/gestion/"), "/gestion/connexion/")


def test_an_expired_or_forged_sign_in_link_is_refused(client, pole, settings):
    gestionnaire = gestionnaire_approuve(pole)
    jeton = gestionnaires.lien_de_connexion(gestionnaire.user).rsplit("/", 2)[1]
    for faux in (jeton[:-2] + "xx", "n-importe-quoi", jeton.upper()):
        assert client.post(f"/gestion/entrer/{faux}/").status_code == 410
    settings.SESAME_MAX_AGE = -1
    assert client.post(f"/gestion/entrer/{jeton}/").status_code == 410
    assert "_auth_user_id" not in client.session


def test_an_address_that_manages_nothing_receives_nothing_and_learns_nothing(
    client, pole, envoyer_les_courriels, admin_user
):
    gestionnaire_approuve(pole)
    for courriel in ("inconnu@exemple.org", admin_user.email or "admin@example.com"):
        lien_de_connexion(client, envoyer_les_courriels, courriel)
    assert mail.outbox == []


def test_a_staff_account_never_signs_in_by_a_link(client, pole, admin_user):
    Gestionnaire.objects.create(
        organisation=pole,
        user=admin_user,
        nom="Admin",
        fonction="Équipe",
        courriel="admin@example.com",
        etat=EtatGestionnaire.APPROUVE,
        consented_at=timezone.now(),
    )
    jeton = gestionnaires.lien_de_connexion(admin_user).rsplit("/", 2)[1]

    assert client.post(f"/gestion/entrer/{jeton}/").status_code == 410
    assert "_auth_user_id" not in client.session


def test_sign_in_links_are_limited(client, pole, envoyer_les_courriels, settings):
    settings.GESTIONNAIRES_LIMITES_CONNEXION = {"heure": 1}
    gestionnaire_approuve(pole)
    lien_de_connexion(client, envoyer_les_courriels)
    page = client.get("/gestion/connexion/").content.decode()
    jeton = re.search(r'name="jeton" value="([^"]+)"', page).group(1)

    reponse = client.post(
        "/gestion/connexion/", {"courriel": "ancienne@pole-ess.org", "jeton": jeton}
    )

    assertContains(reponse, "plusieurs liens de connexion", status_code=429)
    assert len(mail.outbox) == 1


# Reports reach the managers


def test_a_report_on_the_profile_reaches_its_managers(pole, envoyer_les_courriels):
    gestionnaire_approuve(pole)
    gestionnaire_approuve(pole, courriel="autre@pole-ess.org", nom="Autre")
    envoyer_les_courriels(
        signaler,
        fiche=pole,
        motif=MotifSignalement.ERRONEE,
        commentaire="Le téléphone a changé.",
    )

    assert sorted(courriel.to[0] for courriel in mail.outbox) == [
        "ancienne@pole-ess.org",
        "autre@pole-ess.org",
    ]
    assert "Le téléphone a changé." in mail.outbox[0].body
    assert Avis.objects.filter(statut=StatutEnvoi.ENVOYE).count() == 2


def test_a_report_on_another_profile_reaches_no_manager(pole, envoyer_les_courriels):
    gestionnaire_approuve(pole)
    autre = OrganisationFactory()
    envoyer_les_courriels(
        signaler, fiche=autre, motif=MotifSignalement.AUTRE, commentaire="Doublon ?"
    )
    assert mail.outbox == []


# Retention


def test_refused_and_unconfirmed_requests_are_deleted_after_the_retention(pole, settings):
    vieille = timezone.now() - timedelta(days=settings.MESSAGES_CONSERVATION_JOURS + 1)
    jamais = gestionnaires.revendiquer(
        organisation=pole, nom="A", fonction="B", courriel="a@gmail.com"
    )
    recente = gestionnaires.revendiquer(
        organisation=pole, nom="C", fonction="D", courriel="c@gmail.com"
    )
    Gestionnaire.objects.filter(pk=jamais.pk).update(created_at=vieille)

    call_command("purger_messages", verbosity=0)

    assert list(Gestionnaire.objects.all()) == [recente]


def test_an_account_named_after_the_address_is_reused(pole):
    existant = User.objects.create_user("camille@gmail.com")
    demande = gestionnaires.revendiquer(
        organisation=pole, nom="Camille", fonction="Salariée", courriel="Camille@gmail.com"
    )
    assert gestionnaires.confirmer(demande).user == existant


# Delivery by the worker, as in production


@pytest.fixture
def serveur_en_panne(settings):
    settings.EMAIL_BACKEND = "tests.acteurs.test_messages.ServeurEnPanne"
    yield ServeurEnPanne
    ServeurEnPanne.pannes = 0


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_each_mail_once_and_retries(serveur_en_panne, settings):
    # Tasks enqueued in the database, as in production, for the worker to run.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.COURRIELS_DELAIS_REESSAI_MINUTES = [0]
    pole = OrganisationFactory(slug="pole", site_web="https://pole-ess.org")
    serveur_en_panne.pannes = 1
    demande = gestionnaires.revendiquer(
        organisation=pole, nom="Camille", fonction="Salariée", courriel="camille@pole-ess.org"
    )

    lancer_le_worker()
    lancer_le_worker()
    lancer_le_worker()

    avis = Avis.objects.get(gestionnaire=demande)
    assert (avis.statut, avis.tentatives) == (StatutEnvoi.ENVOYE, 2)
    assert [courriel.to for courriel in mail.outbox] == [["camille@pole-ess.org"]]
