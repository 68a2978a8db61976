import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from acteurs.registres.commun import ErreurRegistre, integrer
from acteurs.registres.sirene import lire_sirene
from ecosysteme.enums import NatureSource
from ecosysteme.models import Source

# A progress line every this many legal units brought in.
PROGRESSION = 100_000


class Simulation(Exception):
    """Undoes a dry run, once counted."""


def source_du_fichier(chemin):
    """The source every entry of this file cites: one per file, the same when it is imported
    again (named after the file and its date)."""
    chemin = Path(chemin)
    date = datetime.date.fromtimestamp(chemin.stat().st_mtime)
    titre = f"Base SIRENE de l'INSEE, {chemin.name} du {date:%d/%m/%Y}"
    source, _ = Source.objects.get_or_create(
        slug=slugify(f"sirene {chemin.stem} {date.isoformat()}")[:200],
        defaults={
            "titre": titre,
            "nature": NatureSource.REGISTRE,
            "editeur": "INSEE",
            "date_publication": date,
            "fichier": chemin.name[:200],
        },
    )
    return source


class Command(BaseCommand):
    help = (
        "Importe les unités légales de l'économie sociale et solidaire du fichier de stock "
        "SIRENE de l'INSEE (StockUniteLegale, zip), et celles que l'annuaire connaît déjà : "
        "les nouvelles sont créées, les changements et les fermetures deviennent des "
        "propositions à modérer. Tout ou rien : une erreur dans le fichier ne change rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("unites", help="StockUniteLegale_utf8.zip")
        parser.add_argument(
            "--etablissements",
            help="StockEtablissement_utf8.zip : adresse, commune et coordonnées du siège.",
        )
        parser.add_argument(
            "--departements",
            default="",
            help="Ne créer que les unités dont le siège est dans ces départements (ex. 21,33) ; "
            "demande --etablissements.",
        )
        parser.add_argument(
            "--publier", action="store_true", help="Publier les fiches créées (sinon brouillons)."
        )
        parser.add_argument(
            "--simulation", action="store_true", help="Tout lire et compter, ne rien enregistrer."
        )

    def handle(self, *args, unites, etablissements, departements, publier, simulation, **options):
        departements = [d.strip().upper() for d in departements.split(",") if d.strip()]
        for chemin in filter(None, [unites, etablissements]):
            if not Path(chemin).is_file():
                raise CommandError(f"{chemin} : fichier introuvable.")
        if departements and not etablissements:
            raise CommandError(
                "--departements demande --etablissements : le département est celui du siège."
            )
        try:
            with transaction.atomic():
                bilan = integrer(
                    lire_sirene(
                        unites,
                        etablissements=etablissements,
                        departements=departements,
                    ),
                    source=source_du_fichier(unites),
                    publier=publier,
                    progression=self.progression,
                )
                if simulation:
                    raise Simulation
        except ErreurRegistre as erreur:
            raise CommandError(f"{erreur} Rien n'a été enregistré.") from None
        except Simulation:
            self.stdout.write(f"Simulation, rien n'a été enregistré : {bilan}.")
            return
        self.stdout.write(self.style.SUCCESS(f"Import terminé : {bilan}."))

    def progression(self, bilan):
        if bilan.lues // PROGRESSION > getattr(self, "_centaines", 0):
            self._centaines = bilan.lues // PROGRESSION
            self.stdout.write(f"{bilan.lues} unités légales lues : {bilan}.")
