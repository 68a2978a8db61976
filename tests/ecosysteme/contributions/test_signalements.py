"""« Signaler une erreur »: the form on every kind of profile, what it refuses, the rate
limits, the moderation queue in the admin, the outcome told once by the worker, and the
retention of the reporters' addresses."""

import html
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains, assertRedirects

from ecosysteme.contributions import signalements
from ecosysteme.enums import EtatSignalement, MotifSignalement, StatutEnvoi
from ecosysteme.models import Signalement
from ecosysteme.roles import EDITEUR
from tests.acteurs.test_messages import lancer_le_worker
from tests.factories import DispositifFactory, OrganisationFactory, PersonneFactory

pytestmark = pytest.mark.django_db

VALIDE = {
    "motif": MotifSignalement.N_EXISTE_PLUS,
    "commentaire": "Cette coopérative a fermé en 2023 : son site l'annonce.",
    "courriel": "",
}
AVEC_ADRESSE = {**VALIDE, "courriel": "camille@exemple.net", "consentement": "on"}


@pytest.fixture(autouse=True)
def _sans_delai_minimum(settings):
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 0


@pytest.fixture
def pole(db):
    return OrganisationFactory(nom="Pôle ESS", slug="pole")


@pytest.fixture
def en_base(settings, transactional_db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def editeur(db):
    utilisateur = User.objects.create_user("editrice", is_staff=True)
    utilisateur.groups.add(Group.objects.get(name=EDITEUR))
    return utilisateur


def lu(reponse):
    return html.unescape(reponse.content.decode())


def formulaire(fiche):
    return f"{fiche.get_absolute_url()}signaler/"


def envoyer(client, fiche, **champs):
    adresse = formulaire(fiche)
    page = client.get(adresse).content.decode()
    jeton = re.search(r'name="jeton" value="([^"]+)"', page).group(1)
    donnees = {**VALIDE, "jeton": jeton, **champs}
    return client.post(adresse, {cle: v for cle, v in donnees.items() if v is not None})


def signalement(fiche, **champs):
    donnees = {**VALIDE, **champs}
    donnees.pop("consentement", None)
    return signalements.signaler(fiche=fiche, **donnees)


# The form, on every kind of profile


@pytest.mark.parametrize(
    "fabrique", [OrganisationFactory, PersonneFactory, DispositifFactory], ids=str
)
def test_each_kind_of_profile_links_to_its_form_and_stores_the_report(client, fabrique):
    fiche = fabrique()

    profil = client.get(fiche.get_absolute_url())
    assertContains(profil, f'<a href="{formulaire(fiche)}">Signaler une erreur</a>', html=True)
    reponse = envoyer(client, fiche)

    assertRedirects(reponse, f"{formulaire(fiche)}envoye/")
    assert "Merci, votre signalement est enregistré" in lu(client.get(reponse.url))
    stocke = Signalement.objects.get()
    assert stocke.fiche == fiche
    assert (stocke.motif, stocke.etat) == (MotifSignalement.N_EXISTE_PLUS, "nouveau")
    assert (stocke.courriel, stocke.consented_at) == ("", None)


def test_the_form_says_what_it_asks_and_shows_no_stored_report(client, pole):
    signalement(pole, commentaire="Un commentaire déjà envoyé")

    reponse = client.get(formulaire(pole))

    texte = lu(reponse)
    for motif in MotifSignalement.labels:
        assert str(motif) in texte
    assert "Votre adresse électronique (facultatif)" in texte
    assert "Un commentaire déjà envoyé" not in texte
    assertContains(reponse, '<meta name="robots" content="noindex">', html=True)


@pytest.mark.parametrize("sorte", ["acteurs", "personnes", "accompagnement"])
def test_a_draft_or_unknown_profile_has_no_form(client, sorte):
    fabrique = {
        "acteurs": OrganisationFactory,
        "personnes": PersonneFactory,
        "accompagnement": DispositifFactory,
    }[sorte]
    brouillon = fabrique(is_published=False)

    for adresse in [formulaire(brouillon), f"/{sorte}/inconnu/signaler/"]:
        assert client.get(adresse).status_code == 404
        assert client.post(adresse, VALIDE).status_code == 404
        assert client.get(f"{adresse}envoye/").status_code == 404
    assert not Signalement.objects.exists()


def test_an_address_with_consent_is_kept_to_tell_the_outcome(client, pole):
    assertRedirects(envoyer(client, pole, **AVEC_ADRESSE), f"{formulaire(pole)}envoye/")

    stocke = Signalement.objects.get()
    assert stocke.courriel == "camille@exemple.net"
    assert stocke.consented_at is not None


@pytest.mark.parametrize(
    "champs, erreur",
    [
        ({"motif": None}, "Choisissez ce qui ne va pas."),
        ({"motif": "inconnu"}, "Sélectionnez un choix valide."),
        ({"commentaire": ""}, "Écrivez ce qui est faux sur cette fiche."),
        ({"commentaire": "x" * 2001}, "au plus 2000 caractères"),
        (
            {"commentaire": "http://a.fr http://b.fr www.c.fr"},
            "Votre commentaire contient trop de liens : 2 au plus.",
        ),
        ({"courriel": "camille@"}, "Saisissez une adresse de courriel valide."),
        (
            {"courriel": "camille@exemple.net"},
            "Cochez cette case pour être informé de la suite, ou retirez votre adresse.",
        ),
        ({"site_web": "http://robot.example"}, "le champ réservé à la détection des robots"),
        ({"jeton": "falsifie"}, "Ce formulaire n'a pas pu être vérifié"),
    ],
)
def test_refused_inputs_store_nothing_and_say_why_next_to_the_field(client, pole, champs, erreur):
    reponse = envoyer(client, pole, **champs)

    assert reponse.status_code == 200
    assert erreur in lu(reponse)
    assert "Votre signalement n'a pas été envoyé" in lu(reponse)
    assert not Signalement.objects.exists()


def test_a_token_shown_for_another_profile_is_refused(client, pole):
    autre = OrganisationFactory()
    jeton = re.search(
        r'name="jeton" value="([^"]+)"', client.get(formulaire(autre)).content.decode()
    ).group(1)

    reponse = client.post(formulaire(pole), {**VALIDE, "jeton": jeton})

    assert "Ce formulaire n'a pas pu être vérifié" in lu(reponse)
    assert not Signalement.objects.exists()


def test_a_form_sent_too_fast_is_refused(client, pole, settings):
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 60

    reponse = envoyer(client, pole)

    assert "Votre signalement a été envoyé trop vite" in lu(reponse)
    assert not Signalement.objects.exists()


# Rate limits


def test_one_address_may_send_a_few_reports_an_hour(client, settings):
    settings.SIGNALEMENTS_LIMITES_EXPEDITEUR = {"heure": 2, "jour": 10}
    fiches = OrganisationFactory.create_batch(3)
    for fiche in fiches[:2]:
        assert envoyer(client, fiche, **AVEC_ADRESSE).status_code == 302

    reponse = envoyer(client, fiches[2], **{**AVEC_ADRESSE, "courriel": "CAMILLE@exemple.net"})

    assert reponse.status_code == 429
    assert "Vous avez déjà envoyé plusieurs signalements dans l'heure" in lu(reponse)
    assert Signalement.objects.count() == 2


def test_one_profile_may_receive_a_few_reports_a_day(client, pole, settings):
    settings.SIGNALEMENTS_LIMITES_FICHE = {"heure": 10, "jour": 2}
    for _ in range(2):
        signalement(pole)
    Signalement.objects.update(created_at=timezone.now() - timedelta(hours=2))

    reponse = envoyer(client, pole)

    assert reponse.status_code == 429
    assert "Cette fiche a déjà été signalée plusieurs fois dans la journée" in lu(reponse)
    assert Signalement.objects.count() == 2
    # Another profile is not affected.
    assert envoyer(client, OrganisationFactory()).status_code == 302


# The moderation queue


def admin(client, utilisateur):
    client.force_login(utilisateur)
    return client


def test_an_editor_sees_the_queue_filtered_by_state_and_kind(client, pole, editeur):
    signalement(pole, commentaire="Sur l'organisation")
    personne = PersonneFactory(prenom="Alix", nom="Durand")
    signalement(personne, commentaire="Sur la personne", motif=MotifSignalement.DOUBLON)

    liste = admin(client, editeur).get("/admin/ecosysteme/signalement/")
    par_sorte = client.get("/admin/ecosysteme/signalement/?sorte=personne")
    par_etat = client.get("/admin/ecosysteme/signalement/?etat=traite")

    assert liste.status_code == 200
    texte = lu(liste)
    assert "Pôle ESS" in texte and "Alix Durand" in texte
    assertContains(liste, '<a href="/acteurs/pole/">page publique</a>', html=True)
    assertContains(
        liste,
        f'<a href="/admin/acteurs/organisation/{pole.pk}/change/">administration</a>',
        html=True,
    )
    assert "Alix Durand" in lu(par_sorte) and "Pôle ESS" not in lu(par_sorte)
    assert "0 signalement" in lu(par_etat)


def test_an_editor_processes_a_report_with_an_answer_told_once_by_the_worker(
    client, en_base, editeur
):
    pole = OrganisationFactory(nom="Pôle ESS", slug="pole")
    signale = signalement(pole, courriel="camille@exemple.net")
    adresse = f"/admin/ecosysteme/signalement/{signale.pk}/change/"

    page = admin(client, editeur).get(adresse)
    assertContains(page, '<input type="submit" value="Marquer comme traité" name="_traiter"', 1)
    assertContains(page, 'value="Rejeter" name="_rejeter"')
    assert "Enregistrer" not in lu(page)
    reponse = client.post(adresse, {"reponse": "La fiche est corrigée.", "_traiter": "1"})

    assertRedirects(reponse, "/admin/ecosysteme/signalement/")
    signale.refresh_from_db()
    assert (signale.etat, signale.reponse) == (EtatSignalement.TRAITE, "La fiche est corrigée.")
    assert signale.processed_by == editeur and signale.processed_at is not None
    assert mail.outbox == [] and DBTaskResult.objects.count() == 1

    lancer_le_worker()
    # Sent again by hand, or the form posted twice: the report is no longer new.
    client.post(adresse, {"reponse": "Autre chose", "_rejeter": "1"})
    lancer_le_worker()

    [courriel] = mail.outbox
    assert courriel.to == ["camille@exemple.net"]
    assert courriel.subject == "[Écosystème] Votre signalement"
    assert "a traité votre signalement" in courriel.body
    assert "La fiche est corrigée." in courriel.body
    assert "/acteurs/pole/" in courriel.body
    signale.refresh_from_db()
    assert (signale.etat, signale.statut) == (EtatSignalement.TRAITE, StatutEnvoi.ENVOYE)
    # Once concluded, the answer is read, no more written, and no button is left.
    page = client.get(adresse)
    assert "_traiter" not in page.content.decode()


def test_the_list_actions_reject_without_an_answer_and_nothing_is_sent_without_address(
    client, pole, editeur, django_capture_on_commit_callbacks
):
    sans_adresse = signalement(pole)
    avec_adresse = signalement(pole, courriel="alix@exemple.net")

    with django_capture_on_commit_callbacks(execute=True):
        admin(client, editeur).post(
            "/admin/ecosysteme/signalement/",
            {"action": "rejeter", "_selected_action": [sans_adresse.pk, avec_adresse.pk]},
        )

    assert set(Signalement.objects.values_list("etat", flat=True)) == {EtatSignalement.REJETE}
    # The immediate backend of the tests: sent at once, to the one who left an address.
    [courriel] = mail.outbox
    assert courriel.to == ["alix@exemple.net"]
    assert "n'a pas donné suite à votre signalement" in courriel.body


def test_an_editor_cannot_add_nor_delete_a_report(client, pole, editeur):
    signale = signalement(pole)
    admin(client, editeur)

    assert client.get("/admin/ecosysteme/signalement/add/").status_code == 403
    assert client.get(f"/admin/ecosysteme/signalement/{signale.pk}/delete/").status_code == 403


def test_a_lost_outcome_is_enqueued_again_and_sent_once(pole, en_base, capsys):
    signale = signalement(pole, courriel="camille@exemple.net")
    Signalement.objects.filter(pk=signale.pk).update(
        etat=EtatSignalement.TRAITE, processed_at=timezone.now() - timedelta(hours=13)
    )
    recent = signalement(pole, courriel="alix@exemple.net")
    Signalement.objects.filter(pk=recent.pk).update(
        etat=EtatSignalement.TRAITE, processed_at=timezone.now() - timedelta(hours=1)
    )
    nouveau = signalement(pole, courriel="noa@exemple.net")
    Signalement.objects.filter(pk=nouveau.pk).update(created_at=timezone.now() - timedelta(days=2))

    call_command("relancer_messages")
    lancer_le_worker()
    call_command("relancer_messages")
    lancer_le_worker()

    sortie = capsys.readouterr().out
    assert "Messages remis dans la file d'envoi : 0." in sortie
    assert "Réponses aux signalements remises dans la file d'envoi : 1." in sortie
    assert [courriel.to for courriel in mail.outbox] == [["camille@exemple.net"]]


# Retention


def test_the_purge_erases_only_the_addresses_of_reports_processed_long_ago(pole, capsys, settings):
    settings.SIGNALEMENTS_CONSERVATION_JOURS = 30
    ancien = signalement(pole, courriel="ancien@exemple.net")
    recent = signalement(pole, courriel="recent@exemple.net")
    jamais_traite = signalement(pole, courriel="attente@exemple.net")
    Signalement.objects.filter(pk__in=[ancien.pk, jamais_traite.pk]).update(
        created_at=timezone.now() - timedelta(days=90)
    )
    Signalement.objects.filter(pk=ancien.pk).update(
        etat=EtatSignalement.TRAITE, processed_at=timezone.now() - timedelta(days=31)
    )
    Signalement.objects.filter(pk=recent.pk).update(
        etat=EtatSignalement.REJETE, processed_at=timezone.now() - timedelta(days=29)
    )

    call_command("purger_messages")

    sortie = capsys.readouterr().out
    assert "Messages de plus de 183 jours effacés : 0." in sortie
    assert "Besoins de plus de 183 jours effacés : 0." in sortie
    assert "Adresses des signalements traités il y a plus de 30 jours effacées : 1." in sortie
    adresses = dict(Signalement.objects.values_list("pk", "courriel"))
    assert adresses == {
        ancien.pk: "",
        recent.pk: "recent@exemple.net",
        jamais_traite.pk: "attente@exemple.net",
    }
    ancien.refresh_from_db()
    assert ancien.purged_at is not None
    assert ancien.commentaire == VALIDE["commentaire"]
    assert ancien.etat == EtatSignalement.TRAITE


def test_the_database_refuses_an_address_without_consent(pole):
    with pytest.raises(IntegrityError):
        Signalement.objects.create(
            fiche=pole, motif="autre", commentaire="x", courriel="a@exemple.net"
        )


def test_the_reporters_address_is_in_no_public_page_api_or_download(client, pole):
    from tests.pages_publiques import pages_publiques

    signalement(pole, courriel="secret-signaleur@exemple.net", commentaire="Commentaire privé")
    Signalement.objects.update(etat=EtatSignalement.TRAITE, processed_at=timezone.now())

    pages = pages_publiques(client)
    pages["/api/organisations/pole/"] = client.get("/api/organisations/pole/").content.decode()

    assert "/acteurs/pole/signaler/" in pages
    for adresse, texte in pages.items():
        assert "secret-signaleur" not in html.unescape(texte), adresse
        assert "Commentaire privé" not in html.unescape(texte), adresse
