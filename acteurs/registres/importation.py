"""One import of a registry's file: its source, its transaction, its dry run."""

from django.db import transaction
from django.utils.text import slugify

from acteurs.registres.commun import integrer
from ecosysteme.enums import NatureSource
from ecosysteme.models import Source

# What each registry is, as the entries it brings cite it.
REGISTRES = {
    "rna": (
        "Répertoire national des associations (RNA)",
        "Ministère de l'Intérieur",
        "https://www.data.gouv.fr/fr/datasets/repertoire-national-des-associations/",
    ),
    "bce": (
        "Banque-Carrefour des Entreprises (BCE), données ouvertes",
        "SPF Économie",
        "https://economie.fgov.be/fr/themes/entreprises/banque-carrefour-des/"
        "services-pour-tous/reutilisation-de-donnees/cbe-open-data",
    ),
}


def source_du_fichier(*, registre, fichier):
    """The source an import cites: one per registry file, so running it again finds it."""
    titre, editeur, url = REGISTRES[registre]
    source, _ = Source.objects.get_or_create(
        slug=slugify(f"{registre} {fichier}")[:200],
        defaults={
            "titre": f"{titre}, fichier {fichier}"[:300],
            "nature": NatureSource.REGISTRE,
            "editeur": editeur,
            "url": url,
            "fichier": fichier[:200],
        },
    )
    return source


def importer_registre(fiches, *, registre, fichier, publier, simulation, progression=None):
    """Brings the entries in, all or nothing; a dry run reads and counts everything, then
    undoes it, so that its figures are the real import's."""
    with transaction.atomic():
        source = source_du_fichier(registre=registre, fichier=fichier)
        bilan = integrer(fiches, source=source, publier=publier, progression=progression)
        if simulation:
            transaction.set_rollback(True)
    return bilan
