"""One import of a registry's file, as its command runs it: its source, its transaction, its dry
run, its progress lines and its errors."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from acteurs.registres.commun import ErreurRegistre, integrer
from ecosysteme.enums import NatureSource
from ecosysteme.models import Source

# What each registry is, as the entries it brings cite it.
REGISTRES = {
    "sirene": (
        "Base SIRENE de l'INSEE",
        "INSEE",
        "https://www.data.gouv.fr/fr/datasets/"
        "base-sirene-des-entreprises-et-de-leurs-etablissements-siren-siret/",
    ),
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


def source_du_fichier(*, registre, chemin):
    """The source an import cites: one per registry file and its date, so that running it again
    finds it, and next month's file of the same name is another source."""
    chemin = Path(chemin)
    date = datetime.date.fromtimestamp(chemin.stat().st_mtime)
    titre, editeur, url = REGISTRES[registre]
    source, _ = Source.objects.get_or_create(
        slug=slugify(f"{registre} {chemin.stem} {date.isoformat()}")[:200],
        defaults={
            "titre": f"{titre}, fichier {chemin.name} du {date:%d/%m/%Y}"[:300],
            "nature": NatureSource.REGISTRE,
            "editeur": editeur,
            "url": url,
            "date_publication": date,
            "fichier": chemin.name[:200],
        },
    )
    return source


def importer_registre(fiches, *, registre, chemin, publier, simulation, progression=None):
    """Brings the entries in, all or nothing; a dry run reads and counts everything, then
    undoes it, so that its figures are the real import's."""
    with transaction.atomic():
        source = source_du_fichier(registre=registre, chemin=chemin)
        bilan = integrer(fiches, source=source, publier=publier, progression=progression)
        if simulation:
            transaction.set_rollback(True)
    return bilan


class CommandeRegistre(BaseCommand):
    """A registry's import command: its own arguments and reader, these in common."""

    registre = ""  # a key of REGISTRES
    entrees = ""  # what its entries are called, for the progress lines
    progression_tous_les = 20_000  # a progress line every this many entries read

    def add_arguments(self, parser):
        parser.add_argument(
            "--publier",
            action="store_true",
            help="publier les nouvelles fiches (sinon elles restent en brouillon)",
        )
        parser.add_argument(
            "--simulation",
            action="store_true",
            help="tout lire et compter, sans rien enregistrer",
        )

    def importer(self, fiches, chemin, *, publier, simulation):
        if not Path(chemin).is_file():
            raise CommandError(f"{chemin} : fichier introuvable.")
        try:
            bilan = importer_registre(
                fiches,
                registre=self.registre,
                chemin=chemin,
                publier=publier,
                simulation=simulation,
                progression=self.progression,
            )
        except ErreurRegistre as probleme:
            raise CommandError(f"{probleme} Rien n'a été modifié.") from probleme
        fait = " (simulation : rien n'a été enregistré)" if simulation else ""
        self.stdout.write(f"{self.registre.upper()} : {bilan}{fait}.")
        return bilan

    def progression(self, bilan):
        palier = bilan.lues // self.progression_tous_les
        if palier > getattr(self, "_palier", 0):
            self._palier = palier
            self.stdout.write(f"  {bilan.lues} {self.entrees} lues : {bilan}.")
