"""« Écrire à cette organisation »: the form, what it refuses, the delivery by the worker
(retried, never twice), and the retention of the messages' personal data."""

import html
import re
import signal
import smtplib
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail, signing
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from acteurs.forms import SEL_JETON
from acteurs.messagerie import relayer_message
from acteurs.models import Message, Organisation
from ecosysteme.enums import StatutEnvoi
from ecosysteme.roles import ADMINISTRATEUR, EDITEUR
from tests.acteurs.test_coordonnees import PARTOUT, coordonnees, dijon, sorties  # noqa: F401
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PRIVEE = "relais-prive@exemple.org"
FORMULAIRE = "/acteurs/pole/ecrire/"
CONFIRMATION = "/acteurs/pole/ecrire/envoye/"
VALIDE = {
    "nom": "Camille Martin",
    "courriel": "camille@exemple.net",
    "objet": "Une question sur vos formations",
    "texte": "Bonjour,\nproposez-vous des formations à la gestion coopérative ?\nMerci.",
    "consentement": "on",
}


@pytest.fixture(autouse=True)
def _sans_delai_minimum(settings):
    # A test client answers in milliseconds: the minimum fill time has its own tests.
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 0


@pytest.fixture
def pole(db):
    return OrganisationFactory(
        nom="Pôle ESS", slug="pole", courriel_contact=PRIVEE, is_contactable=True
    )


@pytest.fixture
def en_base(settings, transactional_db):
    """Tasks enqueued in the database, as in production, for the worker to run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def lu(reponse):
    """The page's text as a person reads it (apostrophes unescaped)."""
    return html.unescape(reponse.content.decode())


def jeton_affiche(client, adresse=FORMULAIRE):
    page = client.get(adresse).content.decode()
    return re.search(r'name="jeton" value="([^"]+)"', page).group(1)


def envoyer(client, adresse=FORMULAIRE, **champs):
    donnees = {**VALIDE, "jeton": jeton_affiche(client, adresse), **champs}
    return client.post(adresse, {cle: v for cle, v in donnees.items() if v is not None})


def lancer_le_worker():
    """`manage.py db_worker --batch`: runs every task that is due, then stops."""
    signaux = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    avant = {signal_: signal.getsignal(signal_) for signal_ in signaux}
    try:
        call_command(
            "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
        )
    finally:
        for signal_, traitant in avant.items():  # the worker sets its own: give pytest's back
            signal.signal(signal_, traitant)


class ServeurEnPanne(locmem.EmailBackend):
    """A mail server that refuses the next `pannes` mails, then accepts them."""

    pannes = 0

    def send_messages(self, messages):
        if ServeurEnPanne.pannes:
            ServeurEnPanne.pannes -= 1
            raise smtplib.SMTPServerDisconnected("Connexion perdue")
        return super().send_messages(messages)


@pytest.fixture
def serveur_en_panne(settings):
    settings.EMAIL_BACKEND = "tests.acteurs.test_messages.ServeurEnPanne"
    yield ServeurEnPanne
    ServeurEnPanne.pannes = 0


# The form


def test_the_profile_links_to_the_form_which_never_shows_the_address(client, pole):
    profil = client.get("/acteurs/pole/")
    assertContains(
        profil, f'<a class="bouton" href="{FORMULAIRE}">Écrire à cette organisation</a>', html=True
    )

    page = client.get(FORMULAIRE)

    assertContains(page, "<h1>Écrire à Pôle ESS</h1>", html=True)
    for champ in ("nom", "courriel", "objet", "texte", "consentement"):
        assertContains(page, f'id="id_{champ}"')
    assertContains(page, 'aria-describedby="id_courriel_helptext"')
    assertContains(page, 'aria-describedby="id_consentement_helptext"')
    assertContains(page, "transmettre à cette organisation. Ils sont effacés au bout de 183 jours.")
    assertNotContains(page, "relais-prive")


@pytest.mark.parametrize(
    "organisation",
    [
        {"is_contactable": False},
        {"is_published": False},
        {"is_contactable": True, "courriel_contact": ""},  # written by another path than clean()
    ],
    ids=["refuse-les-messages", "brouillon", "sans-adresse"],
)
def test_only_a_published_organisation_that_accepts_messages_has_the_form(client, organisation):
    OrganisationFactory(
        slug="pole", **{"courriel_contact": PRIVEE, "is_contactable": True, **organisation}
    )

    for adresse in (FORMULAIRE, CONFIRMATION):
        assertContains(client.get(adresse), "Page introuvable", status_code=404)
        assert client.post(adresse, VALIDE).status_code == 404
    if organisation.get("is_published", True):
        assertNotContains(client.get("/acteurs/pole/"), "Écrire à cette organisation")
    assert not Message.objects.exists()


def test_a_message_is_stored_then_the_visitor_is_redirected_to_a_confirmation(client, pole):
    reponse = envoyer(client)

    assertRedirects(reponse, CONFIRMATION)
    message = Message.objects.get()
    assert (message.organisation, message.nom, message.courriel) == (
        pole,
        "Camille Martin",
        "camille@exemple.net",
    )
    assert message.objet == VALIDE["objet"]
    assert message.texte == VALIDE["texte"]
    assert message.consented_at is not None
    confirmation = client.get(CONFIRMATION)
    assertContains(confirmation, "<h1>Votre message est enregistré</h1>", html=True)
    assert "L'annuaire le transmet à Pôle ESS" in lu(confirmation)
    assertContains(confirmation, "au bout de 183 jours")
    assertNotContains(confirmation, "relais-prive")


def test_no_mail_is_sent_inside_the_request(client, pole, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as rappels:
        envoyer(client)

    assert mail.outbox == []
    assert len(rappels) == 1  # the task, enqueued once the message is committed


# What the form refuses: a French message, the form as it was typed, nothing stored or sent


def trop_de_liens():
    return "Voyez https://a.example, http://b.example et www.c.example."


REFUS = {
    "pot-de-miel": (
        {"site_web": "https://promo.example"},
        "le champ réservé à la détection des robots a été rempli",
    ),
    "sans-consentement": (
        {"consentement": None},
        "Cochez cette case pour que votre message soit transmis.",
    ),
    "texte-trop-long": (
        {"texte": "a" * 5001},
        "Assurez-vous que cette valeur comporte au plus 5000 caractères",
    ),
    "nom-trop-long": (
        {"nom": "N" * 101},
        "Assurez-vous que cette valeur comporte au plus 100 caractères",
    ),
    "objet-trop-long": (
        {"objet": "O" * 151},
        "Assurez-vous que cette valeur comporte au plus 150 caractères",
    ),
    "trop-de-liens": (
        {"texte": trop_de_liens()},
        "Votre message contient trop de liens : 2 au plus.",
    ),
    "lien-dans-l-objet": (
        {"objet": "Voir https://x.example"},
        "L'objet ne peut pas contenir de lien.",
    ),
    "adresse-invalide": ({"courriel": "camille@"}, "Saisissez une adresse de courriel valide."),
    "nom-vide": ({"nom": "  "}, "Ce champ est obligatoire."),
    "caractere-invisible": (
        {"objet": "Facture\u202etxt.exe"},
        "Ce texte contient un caractère invisible interdit, qui change le sens d'écriture",
    ),
    "jeton-absent": ({"jeton": None}, "Ce formulaire n'a pas pu être vérifié"),
    "jeton-altere": ({"jeton": "abc:def"}, "Ce formulaire n'a pas pu être vérifié"),
    "jeton-d-une-autre": (
        {"jeton": signing.dumps(["autre", 0], salt=SEL_JETON)},
        "Ce formulaire n'a pas pu être vérifié",
    ),
}


@pytest.mark.parametrize("champs, attendu", REFUS.values(), ids=REFUS.keys())
def test_a_refused_message_says_why_keeps_what_was_typed_and_sends_nothing(
    client, pole, django_capture_on_commit_callbacks, champs, attendu
):
    with django_capture_on_commit_callbacks(execute=True):
        reponse = envoyer(client, **champs)

    assert reponse.status_code == 200
    assert attendu in lu(reponse)
    assert "Votre message n'a pas été envoyé" in lu(reponse)
    assertContains(reponse, "<title>Erreur – Écrire à Pôle ESS – Écosystème</title>", html=True)
    # Nothing typed is lost.
    for champ in ("nom", "courriel", "objet"):
        if champ not in champs:
            assertContains(reponse, f'value="{VALIDE[champ]}"')
    if "texte" not in champs:
        assertContains(reponse, "proposez-vous des formations à la gestion coopérative ?")
    assert not Message.objects.exists()
    assert mail.outbox == []


def test_a_field_error_is_next_to_the_field_and_linked_from_the_summary(client, pole):
    reponse = envoyer(client, courriel="camille@")

    assertContains(
        reponse,
        '<ul class="errorlist" id="id_courriel_error"><li>Saisissez une adresse de courriel valide.'
        "</li></ul>",
        html=True,
    )
    assertContains(reponse, 'aria-describedby="id_courriel_helptext id_courriel_error"')
    assertContains(reponse, 'aria-invalid="true"')
    assertContains(
        reponse,
        '<a href="#id_courriel">Votre adresse électronique : Saisissez une adresse de courriel '
        "valide.</a>",
        html=True,
    )
    refus = envoyer(client, consentement=None)
    assertContains(
        refus,
        '<a href="#id_consentement">Votre accord : Cochez cette case pour que votre message '
        "soit transmis.</a>",
        html=True,
    )


def test_a_form_sent_too_fast_is_refused_then_accepted_once_sent_again(client, pole, settings):
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 60
    jeton = jeton_affiche(client)

    reponse = client.post(FORMULAIRE, {**VALIDE, "jeton": jeton})

    assert "Votre message a été envoyé trop vite après l'ouverture du formulaire" in lu(reponse)
    assert not Message.objects.exists()
    # Shown again, the form keeps the time it was first shown: once the delay is past,
    # sending it again goes through.
    assertContains(reponse, f'name="jeton" value="{jeton}"')
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 0
    assertRedirects(client.post(FORMULAIRE, {**VALIDE, "jeton": jeton}), CONFIRMATION)


def test_a_form_shown_again_gets_a_new_timestamp_only_if_its_own_cannot_be_read(client, pole):
    refuse = envoyer(client, jeton="abc:def", courriel="camille@")
    nouveau = re.search(r'name="jeton" value="([^"]+)"', refuse.content.decode()).group(1)

    assert nouveau != "abc:def"
    assertRedirects(client.post(FORMULAIRE, {**VALIDE, "jeton": nouveau}), CONFIRMATION)


def test_a_form_shown_too_long_ago_has_expired(client, pole, settings):
    jeton = jeton_affiche(client)
    settings.MESSAGES_DELAI_MAXIMUM_SECONDES = -1

    reponse = client.post(FORMULAIRE, {**VALIDE, "jeton": jeton})

    assert "Ce formulaire a été ouvert il y a trop longtemps" in lu(reponse)
    assert not Message.objects.exists()


# Rate limits, counted on the stored messages


def messages_anciens(nombre, il_y_a, **champs):
    for _ in range(nombre):
        message = Message.objects.create(
            consented_at=timezone.now(),
            **{"nom": "X", "courriel": "x@exemple.net", "objet": "O", "texte": "T", **champs},
        )
        Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - il_y_a)


LIMITES = {
    "expediteur-heure": (
        {"courriel": "CAMILLE@exemple.net"},
        timedelta(minutes=30),
        3,
        "Vous avez déjà envoyé plusieurs messages par l'annuaire dans l'heure",
    ),
    "expediteur-jour": (
        {"courriel": "camille@exemple.net"},
        timedelta(hours=5),
        10,
        "Vous avez déjà envoyé plusieurs messages par l'annuaire dans la journée",
    ),
    "organisation-heure": (
        {},
        timedelta(minutes=30),
        10,
        "Cette organisation a reçu beaucoup de messages par l'annuaire dans l'heure",
    ),
    "organisation-jour": (
        {},
        timedelta(hours=5),
        30,
        "Cette organisation a reçu beaucoup de messages par l'annuaire dans la journée",
    ),
}


@pytest.mark.parametrize("champs, il_y_a, limite, attendu", LIMITES.values(), ids=LIMITES.keys())
def test_rate_limits_refuse_in_french_and_store_nothing(
    client, pole, django_capture_on_commit_callbacks, champs, il_y_a, limite, attendu
):
    autre = OrganisationFactory()
    # Older messages, and those of the same sender to others, count as the limit says.
    destinataire = autre if champs else pole
    messages_anciens(limite - 1, il_y_a, organisation=destinataire, **champs)
    messages_anciens(5, timedelta(days=2), organisation=destinataire, **champs)
    assertRedirects(envoyer(client), CONFIRMATION)

    with django_capture_on_commit_callbacks(execute=True):
        reponse = envoyer(client)

    assert reponse.status_code == 429
    assert attendu in lu(reponse)
    assertContains(reponse, 'value="Camille Martin"', status_code=429)
    assert Message.objects.count() == limite + 5
    assert mail.outbox == []


# Delivery, by the worker


def test_the_worker_relays_the_message_with_the_sender_in_reply_to(client, pole, en_base):
    assertRedirects(envoyer(client), CONFIRMATION)
    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1

    lancer_le_worker()

    [courriel] = mail.outbox
    assert courriel.to == [PRIVEE]
    assert courriel.reply_to == ["camille@exemple.net"]
    assert courriel.from_email == "Écosystème <ne-pas-repondre@localhost>"
    assert courriel.subject == "[Écosystème] Une question sur vos formations"
    assert "Camille Martin vous écrit par l'annuaire Écosystème" in courriel.body
    assert "depuis la fiche de Pôle ESS" in courriel.body
    assert VALIDE["texte"] in courriel.body
    message = Message.objects.get()
    assert (message.statut, message.tentatives) == (StatutEnvoi.ENVOYE, 1)
    assert message.sent_at is not None

    lancer_le_worker()
    assert len(mail.outbox) == 1


def test_a_failing_mail_server_leads_to_a_later_retry_and_a_single_delivery(
    client, pole, en_base, serveur_en_panne
):
    serveur_en_panne.pannes = 1
    envoyer(client)

    lancer_le_worker()

    message = Message.objects.get()
    assert mail.outbox == []
    assert (message.statut, message.tentatives) == (StatutEnvoi.A_ENVOYER, 1)
    assert "Connexion perdue" in message.erreur
    suivante = DBTaskResult.objects.get(status="READY")
    attente = suivante.run_after - timezone.now()
    assert timedelta(seconds=50) < attente <= timedelta(minutes=1)
    lancer_le_worker()  # not due yet: nothing happens
    assert mail.outbox == []

    DBTaskResult.objects.filter(pk=suivante.pk).update(run_after=timezone.now())
    lancer_le_worker()

    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert (message.statut, message.tentatives, message.erreur) == (StatutEnvoi.ENVOYE, 2, "")
    # The same attempt enqueued again, or any other one, sends nothing more.
    relayer_message.enqueue(message.pk, tentative=2)
    relayer_message.enqueue(message.pk, tentative=3)
    lancer_le_worker()
    assert len(mail.outbox) == 1


def test_a_message_the_server_always_refuses_fails_after_a_bounded_number_of_attempts(
    client, pole, en_base, serveur_en_panne, settings
):
    serveur_en_panne.pannes = 100
    settings.COURRIELS_DELAIS_REESSAI_MINUTES = [0, 0]
    envoyer(client)

    lancer_le_worker()

    message = Message.objects.get()
    assert (message.statut, message.tentatives) == (StatutEnvoi.ECHEC, 3)
    assert mail.outbox == []
    assert serveur_en_panne.pannes == 97


def test_a_message_whose_task_was_lost_is_enqueued_again_and_sent_once(pole, en_base, capsys):
    # 11 h 36 of retries, then an hour's margin: past that, a message still to send lost its
    # task, or waits for a worker that was stopped (enqueued twice, it is sent once).
    oublie = timedelta(hours=12, minutes=37)
    messages_anciens(1, oublie, organisation=pole, nom="Perdu")
    messages_anciens(1, oublie, organisation=pole, nom="En retard")
    relayer_message.enqueue(Message.objects.get(nom="En retard").pk)
    messages_anciens(1, oublie, organisation=pole, nom="À bout", tentatives=6)
    messages_anciens(1, timedelta(hours=11), organisation=pole, nom="Récent")
    messages_anciens(1, oublie, organisation=pole, nom="Envoyé", statut=StatutEnvoi.ENVOYE)

    call_command("relancer_messages")
    lancer_le_worker()

    assert "Messages remis dans la file d'envoi : 2." in capsys.readouterr().out
    assert sorted(courriel.body.split(" vous écrit")[0] for courriel in mail.outbox) == [
        "En retard",
        "Perdu",
    ]
    statuts = dict(Message.objects.values_list("nom", "statut"))
    assert statuts == {
        "Perdu": StatutEnvoi.ENVOYE,
        "En retard": StatutEnvoi.ENVOYE,
        "À bout": StatutEnvoi.ECHEC,
        "Récent": StatutEnvoi.A_ENVOYER,
        "Envoyé": StatutEnvoi.ENVOYE,
    }


def test_a_message_sent_already_or_erased_is_never_sent_again(pole):
    envoye = Message.objects.create(
        organisation=pole,
        nom="A",
        courriel="a@exemple.net",
        objet="O",
        texte="T",
        consented_at=timezone.now(),
        statut=StatutEnvoi.ENVOYE,
        tentatives=1,
    )
    efface = Message.objects.create(
        organisation=pole,
        nom="",
        courriel="",
        objet="",
        texte="",
        consented_at=timezone.now(),
        purged_at=timezone.now(),
    )

    assert relayer_message.call(envoye.pk, 1) == "déjà traité"
    assert relayer_message.call(envoye.pk, 2) == "déjà traité"
    assert relayer_message.call(efface.pk, 1) == "déjà traité"
    assert mail.outbox == []


# The private address, and the messages, stay private


def test_the_private_address_appears_in_no_public_output(client, dijon, tmp_path):  # noqa: F811
    coordonnees(dijon, **PARTOUT)
    envoyer(client)

    publics = [
        sorties(client, tmp_path),
        client.get(FORMULAIRE).content.decode(),
        client.get(CONFIRMATION).content.decode(),
    ]
    refus = envoyer(client, courriel="camille@").content.decode()

    assert Message.objects.count() == 1
    for texte in [*publics, refus]:
        assert "relais-prive" not in texte
    for texte in publics:
        assert "Une question sur vos formations" not in texte  # nor what visitors wrote


def test_staff_read_the_messages_and_cannot_change_them(client, pole):
    Message.objects.create(
        organisation=pole,
        nom="Camille Martin",
        courriel="camille@exemple.net",
        objet="Une question",
        texte="T",
        consented_at=timezone.now(),
    )
    message = Message.objects.get()
    editeur = User.objects.create_user("editeur", is_staff=True)
    editeur.groups.add(Group.objects.get(name=EDITEUR))
    client.force_login(editeur)

    liste = client.get("/admin/acteurs/message/")
    assertContains(liste, "Une question")
    for filtre in ("?statut__exact=a_envoyer", f"?organisation__id__exact={pole.pk}"):
        assertContains(client.get(f"/admin/acteurs/message/{filtre}"), "Une question")
    assertNotContains(client.get("/admin/acteurs/message/?statut__exact=envoye"), "Une question")
    fiche = client.get(f"/admin/acteurs/message/{message.pk}/change/")
    assertContains(fiche, "Camille Martin")
    assertNotContains(fiche, 'name="objet"')  # read only
    assert client.get("/admin/acteurs/message/add/").status_code == 403
    assert client.post(f"/admin/acteurs/message/{message.pk}/delete/").status_code == 403
    assert (
        Group.objects.get(name=ADMINISTRATEUR)
        .permissions.filter(codename="delete_message")
        .exists()
    )


# Retention


def test_retention_erases_the_personal_data_of_old_messages_only(pole, capsys):
    messages_anciens(1, timedelta(days=184), organisation=pole, nom="Ancien", statut="envoye")
    messages_anciens(1, timedelta(days=182), organisation=pole, nom="Récent")
    messages_anciens(1, timedelta(minutes=1), organisation=pole, nom="Du jour")

    call_command("purger_messages")

    assert "Messages de plus de 183 jours effacés : 1." in capsys.readouterr().out
    ancien = Message.objects.get(purged_at__isnull=False)
    assert (ancien.nom, ancien.courriel, ancien.objet, ancien.texte) == ("", "", "", "")
    assert (ancien.organisation, ancien.statut) == (pole, StatutEnvoi.ENVOYE)
    assert ancien.created_at < timezone.now() - timedelta(days=183)
    assert set(Message.objects.filter(purged_at__isnull=True).values_list("nom", flat=True)) == {
        "Récent",
        "Du jour",
    }
    assert Organisation.objects.filter(pk=pole.pk).exists()

    call_command("purger_messages", "--jours", "1")
    assert "Messages de plus de 1 jours effacés : 1." in capsys.readouterr().out
    assert Message.objects.filter(purged_at__isnull=True).get().nom == "Du jour"


def test_the_personal_data_page_says_what_is_kept_why_and_how_long(client, settings):
    settings.MESSAGES_CONSERVATION_JOURS = 90

    page = client.get("/donnees-personnelles/")

    assertContains(page, "Les messages écrits aux organisations")
    assert "effacés de l'annuaire 90 jours" in lu(page)
    assertContains(page, "repose sur votre consentement")


# Queries


@pytest.mark.parametrize("nombre", [0, 30])
def test_the_form_page_query_count_does_not_grow(
    client, pole, django_assert_num_queries, settings, nombre
):
    settings.MESSAGES_LIMITES_ORGANISATION = {"heure": 100, "jour": 100}
    messages_anciens(nombre, timedelta(minutes=5), organisation=pole)

    # The organisation; nothing else.
    with django_assert_num_queries(1):
        assert client.get(FORMULAIRE).status_code == 200
    jeton = jeton_affiche(client)
    # The organisation, then in a transaction (savepoint and release) the four counts of the
    # rate limits and the message.
    with django_assert_num_queries(8):
        reponse = client.post(FORMULAIRE, {**VALIDE, "jeton": jeton})
    assertRedirects(reponse, CONFIRMATION, fetch_redirect_response=False)
