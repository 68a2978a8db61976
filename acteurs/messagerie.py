"""« Écrire à cette organisation »: a visitor's message is checked against the rate limits,
stored, then relayed by a background task to the organisation's private contact address, with
the visitor in Reply-To; its personal data is erased after the retention period.

The task receives the message's id only: the queue of tasks holds no personal data.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from ecosysteme.courriels import courriel, envoyer_une_fois, planifier, relancer_oublies
from ecosysteme.formulaires import verifier_limites

from .models import Message


def ecrire(*, organisation, nom, courriel, objet, texte):
    """Store a visitor's message and relay it, once stored, in the background.

    Raises LimiteAtteinte, storing nothing, when the sender or the organisation has had
    enough messages lately.
    """
    with transaction.atomic():
        verifier_limites(
            (
                lambda duree: Message.objects.since(duree).from_sender(courriel).count(),
                settings.MESSAGES_LIMITES_EXPEDITEUR,
                _(
                    "Vous avez déjà envoyé plusieurs messages par l'annuaire {periode} : pour "
                    "éviter les abus, réessayez plus tard."
                ),
            ),
            (
                lambda duree: (
                    Message.objects.since(duree).filter(organisation=organisation).count()
                ),
                settings.MESSAGES_LIMITES_ORGANISATION,
                _(
                    "Cette organisation a reçu beaucoup de messages par l'annuaire {periode} : "
                    "pour éviter les abus, réessayez plus tard."
                ),
            ),
        )
        message = Message.objects.create(
            organisation=organisation,
            nom=nom,
            courriel=courriel,
            objet=objet,
            texte=texte,
            consented_at=timezone.now(),
        )
        planifier(relayer_message, message.pk)
    return message


def courriel_du_message(message_id):
    message = Message.objects.select_related("organisation").get(pk=message_id)
    organisation = message.organisation
    if not organisation.courriel_contact:
        return None
    corps = (
        _("%(nom)s vous écrit par l'annuaire Écosystème, depuis la fiche de %(organisation)s.")
        % {"nom": message.nom, "organisation": organisation.nom}
        + "\n"
        + _("Pour lui répondre, répondez à ce courriel : votre réponse ira à %(adresse)s.")
        % {"adresse": message.courriel}
        + "\n\n"
        + _("Objet : %(objet)s") % {"objet": message.objet}
        + "\n\n"
        + f"{message.texte}\n"
        + "\n-- \n"
        + _(
            "Votre adresse n'a pas été communiquée à l'expéditeur : il ne la connaîtra que si "
            "vous lui répondez."
        )
        + "\n"
        + _(
            "Vous recevez ce message parce que votre organisation accepte, dans l'annuaire, les "
            "messages de ses visiteurs ; pour ne plus en recevoir, écrivez à l'équipe de "
            "l'annuaire."
        )
        + "\n"
    )
    return courriel(
        objet=message.objet,
        corps=corps,
        destinataire=organisation.courriel_contact,
        repondre_a=message.courriel,
    )


@task()
def relayer_message(message_id, tentative=1):
    """Attempt number `tentative` to relay a message; sends it at most once."""
    return envoyer_une_fois(
        Message.objects.filter(purged_at__isnull=True),
        message_id,
        tentative=tentative,
        tache=relayer_message,
        courriel_de=courriel_du_message,
    )


def relancer_messages_oublies():
    """Enqueue again the messages whose task was lost (relancer_oublies); returns how many."""
    a_envoyer = Message.objects.filter(purged_at__isnull=True)
    return relancer_oublies(a_envoyer, relayer_message, depuis="created_at")


def purger_messages(*, jours=None):
    """Erase the personal data of the messages written more than `jours` days ago (by default
    MESSAGES_CONSERVATION_JOURS); who they were to, when, and their status stay. Returns how
    many were erased."""
    if jours is None:
        jours = settings.MESSAGES_CONSERVATION_JOURS
    return Message.objects.to_purge(jours).update(
        nom="", courriel="", objet="", texte="", erreur="", purged_at=timezone.now()
    )
