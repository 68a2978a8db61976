"""Pages read over a hierarchy of territories that the database holds in a bad state."""

import signal
from contextlib import contextmanager

from django.db import connection

from acteurs.models import Organisation
from ecosysteme.models import Territoire

# Far above what any page takes, far below what a walk round a loop of parents takes: a page
# that walks without end fails on this instead of hanging the test run.
REQUETES_MAX = 400
# A walk round a loop held in memory makes no query: it is stopped after this long (a guard
# against hanging, far beyond any page, not a measure of speed).
SECONDES_MAX = 60


class SansFin(Exception):
    pass


@contextmanager
def sans_fin_interrompue(requetes=REQUETES_MAX):
    """Fails what makes more than `requetes` queries, or runs on for minutes."""
    compte = 0

    def compter(execute, sql, params, many, context):
        nonlocal compte
        compte += 1
        if compte > requetes:
            raise SansFin(f"plus de {requetes} requêtes : une boucle sans fin ?")
        return execute(sql, params, many, context)

    def interrompre(signum, frame):
        raise SansFin(f"plus de {SECONDES_MAX} secondes : une boucle sans fin ?")

    precedent = signal.signal(signal.SIGALRM, interrompre)
    restant = signal.alarm(SECONDES_MAX)  # an enclosing guard's, given back at the end
    try:
        with connection.execute_wrapper(compter):
            yield
    finally:
        signal.alarm(restant)
        signal.signal(signal.SIGALRM, precedent)


def lire(client, adresse):
    """The response to this address, read to its end (`texte`), or a failure, not a hang."""
    with sans_fin_interrompue():
        reponse = client.get(adresse)
        contenu = b"".join(reponse.streaming_content) if reponse.streaming else reponse.content
    reponse.texte = contenu.decode()
    return reponse


def adresses_des_territoires(slugs):
    """The public pages that read the hierarchy above or below these territories."""
    organisation = Organisation.objects.published().filter(siege__slug__in=slugs).first()
    adresses = [
        "/",
        "/sitemap.xml",
        "/sitemap-territoires.xml",
        "/api/territoires/",
        "/acteurs/export.data-inclusion.json",
    ]
    for slug in slugs:
        adresses += [
            f"/territoires/{slug}/",
            f"/acteurs/?territoire={slug}",
            f"/accompagnement/?territoire={slug}",
            f"/reseau/?territoire={slug}",
            f"/api/territoires/{slug}/",
            f"/api/territoires/?parent={slug}",
            f"/api/organisations/?territoire={slug}",
        ]
    if organisation is not None:
        adresses.append(organisation.get_absolute_url())
    return adresses


def forcer_parent(territoire, parent):
    """Sets a parent as raw SQL would, past every check (a self-loop too)."""
    Territoire.objects.filter(pk=territoire.pk).update(parent=parent)
