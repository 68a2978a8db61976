"""Mail the site sends, and the background work that sends it.

Mail is never sent inside a request: what is to be sent is saved, then a task (django-tasks,
its database backend in production) is enqueued once that write is committed, and the worker
(`manage.py db_worker`) runs it. The framework has no retry of its own: a task whose mail the
server refused enqueues its next attempt itself, later, a bounded number of times
(COURRIELS_DELAIS_REESSAI_MINUTES). Each app keeps the state of what it sends (to send, sent,
failed) on its own rows, so that an attempt run twice sends nothing twice.
"""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

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


def planifier(tache, *args):
    """Enqueue the task once the current transaction commits.

    The worker then never looks for a row that is not committed yet, and nothing is sent for
    a write that was rolled back.
    """
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
