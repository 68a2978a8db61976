from django.conf import settings
from django.core.management.base import BaseCommand

from acteurs.messagerie import purger_messages


class Command(BaseCommand):
    help = (
        "Efface les données personnelles (nom, adresse, objet, texte) des messages écrits il y "
        "a plus de MESSAGES_CONSERVATION_JOURS jours. À lancer chaque jour (README)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--jours",
            type=int,
            default=settings.MESSAGES_CONSERVATION_JOURS,
            help="durée de conservation, en jours (par défaut : %(default)s)",
        )

    def handle(self, *args, jours, **options):
        nombre = purger_messages(jours=jours)
        self.stdout.write(f"Messages de plus de {jours} jours effacés : {nombre}.")
