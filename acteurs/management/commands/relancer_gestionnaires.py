from django.conf import settings
from django.core.management.base import BaseCommand

from acteurs.gestionnaires import relancer_demandes


class Command(BaseCommand):
    help = (
        "Rappelle aux gestionnaires d'une organisation les demandes de gestion de sa fiche "
        "qu'ils n'ont ni approuvées ni refusées depuis GESTIONNAIRES_RELANCE_JOURS jours. À "
        "lancer chaque jour (README)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--jours",
            type=int,
            default=settings.GESTIONNAIRES_RELANCE_JOURS,
            help="délai avant chaque rappel, en jours (par défaut : %(default)s)",
        )

    def handle(self, *args, jours, **options):
        nombre = relancer_demandes(jours=jours)
        self.stdout.write(f"Demandes rappelées à leurs gestionnaires : {nombre}.")
