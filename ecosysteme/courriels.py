"""Mail the site sends, and the background work that sends it.

Mail is never sent inside a request: what is to be sent is saved, then a task (django-tasks,
its database backend in production) is enqueued once that write is committed, and the worker
(`manage.py db_worker`) runs it. The framework has no retry of its own: a task whose mail the
server refused enqueues its next attempt itself, later, a bounded number of times
(COURRIELS_DELAIS_REESSAI_MINUTES). Each app keeps the state of what it sends (to send, sent,
failed) on its own rows, so that an attempt run twice sends nothing twice.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy

from .enums import StatutEnvoi

logger = logging.getLogger(__name__)

PREFIXE_OBJET = "[Écosystème]"


def courriel(*, objet, corps, destinataire, repondre_a=None):
    """A mail from the site (DEFAULT_FROM_EMAIL), its subject prefixed with the site's name.

    Whoever it comes from goes in Reply-To, never in From: a mail server would rightly take a
    message « from » someone else's domain for a forgery.
    """
    return EmailMessage(
        subject=f"{PREFIXE_OBJET} {objet}",
        body=corps,
        to=[destinataire],
        reply_to=[repondre_a] if repondre_a else None,
    )


def planifier(tache, *args, a_partir_de=None):
    """Enqueue the task once the current transaction commits, to run from `a_partir_de` (a
    datetime) if given and the backend can wait.

    The worker then never looks for a row that is not committed yet, and nothing is sent for
    a write that was rolled back.
    """
    if a_partir_de is not None and tache.get_backend().supports_defer:
        tache = tache.using(run_after=a_partir_de)
    transaction.on_commit(partial(tache.enqueue, *args), robust=True)


def reessayer(tache, *args, tentative):
    """Enqueue attempt number `tentative + 1` of the task, after the delay for it; False when
    every attempt has been made."""
    delais = settings.COURRIELS_DELAIS_REESSAI_MINUTES
    if tentative > len(delais):
        return False
    # A backend that runs tasks as soon as they are enqueued cannot wait: it tries again now.
    if tache.get_backend().supports_defer:
        attente = timedelta(minutes=delais[tentative - 1])
        tache = tache.using(run_after=timezone.now() + attente)
    tache.enqueue(*args, tentative=tentative + 1)
    return True


def envoyer_une_fois(a_envoyer, pk, *, tentative, tache, courriel_de):
    """Attempt number `tentative` to send the mail of one row (an Envoi): sent at most once.

    `a_envoyer` is the queryset of the rows whose mail may still go; `courriel_de(pk)` makes
    the mail, or None when there is nowhere to send it. The attempt is first claimed on the
    row (one UPDATE that succeeds only if its mail is still to send and no other run took this
    attempt): a task run twice, or a mail already sent, sends nothing more. A failure enqueues
    the next attempt, later (reessayer). Returns what happened, in French, for the task's log.
    """
    a_tenter = a_envoyer.filter(pk=pk, statut=StatutEnvoi.A_ENVOYER, tentatives=tentative - 1)
    if not a_tenter.update(tentatives=tentative):
        return "déjà traité"
    ligne = a_envoyer.model.objects.filter(pk=pk)
    # In the language of the page where the row was made, its links to that language's pages.
    with translation.override(ligne.values_list("langue", flat=True).first()):
        message = courriel_de(pk)
    if message is None:
        ligne.update(statut=StatutEnvoi.ECHEC, erreur=gettext("Aucune adresse où l'envoyer."))
        return "échec"
    try:
        message.send()
    except Exception as erreur:  # whatever the mail server or the network did: try again later
        logger.warning("%s %s, tentative %s : %r", a_envoyer.model.__name__, pk, tentative, erreur)
        ligne.update(erreur=repr(erreur)[:300])
        if not reessayer(tache, pk, tentative=tentative):
            ligne.update(statut=StatutEnvoi.ECHEC)
            return "échec"
        return "à réessayer"
    ligne.update(statut=StatutEnvoi.ENVOYE, sent_at=timezone.now(), erreur="")
    return "envoyé"


def relancer_oublies(a_envoyer, tache, *, depuis):
    """Enqueue again the mails still to send an hour after their last retry was due (counted
    from the date field `depuis`): their task was lost (the process stopped between the commit
    and the enqueue, a worker was killed in the middle of a send). Each attempt being claimed
    on the row, a task that was only late sends nothing twice. A mail that has used up its
    attempts is marked failed instead. Returns how many were enqueued again."""
    delais = settings.COURRIELS_DELAIS_REESSAI_MINUTES
    maximum = len(delais) + 1
    apres = timedelta(minutes=sum(delais) + 60)
    oublies = a_envoyer.filter(
        statut=StatutEnvoi.A_ENVOYER, **{f"{depuis}__lt": timezone.now() - apres}
    )
    oublies.filter(tentatives__gte=maximum).update(statut=StatutEnvoi.ECHEC)
    relances = list(oublies.filter(tentatives__lt=maximum).values_list("pk", "tentatives"))
    for pk, tentatives in relances:
        tache.enqueue(pk, tentative=tentatives + 1)
    return len(relances)


def adresse_absolue(chemin):
    """A link for a mail or another site: the site's address (ADRESSE_SITE) and the path."""
    return settings.ADRESSE_SITE.rstrip("/") + chemin


# Links sent by mail: signed, expiring; each app makes them single use on its own rows.


class LienInvalide(Exception):
    """A link sent by mail that cannot be used; says why in French."""


ILLISIBLE = gettext_lazy("Ce lien n'est pas valable : recopiez-le en entier.")


def lien_signe(route, pk, *, sel):
    """The address of `route` for the row `pk`, signed with `sel`: never a bare identifier."""
    return adresse_absolue(reverse(route, args=[signing.dumps(pk, salt=sel)]))


def pk_du_lien(jeton, *, sel, jours, si_expire=""):
    """The row a link was signed for (lien_signe), if not older than `jours` days; raises
    LienInvalide, saying why (and `si_expire`, what to do then), otherwise."""
    try:
        pk = signing.loads(jeton, salt=sel, max_age=timedelta(days=jours))
    except signing.SignatureExpired as erreur:
        expire = gettext("Ce lien a expiré : il n'était valable que %(jours)s jours.") % {
            "jours": jours
        }
        raise LienInvalide(
            " ".join(str(texte) for texte in filter(None, [expire, si_expire]))
        ) from erreur
    except (signing.BadSignature, ValueError, TypeError) as erreur:
        raise LienInvalide(ILLISIBLE) from erreur
    if not isinstance(pk, int):
        raise LienInvalide(ILLISIBLE)
    return pk
