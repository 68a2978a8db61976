from django.core.management.base import BaseCommand

from accompagnement.recherche import indexer_tout as indexer_dispositifs
from acteurs.recherche import indexer_tout as indexer_acteurs


class Command(BaseCommand):
    help = (
        "Recalcule les documents de recherche de toutes les fiches (après un import en masse "
        "qui contourne les enregistrements ordinaires)."
    )

    def handle(self, *args, **options):
        indexer_acteurs()
        indexer_dispositifs()
        self.stdout.write(self.style.SUCCESS("Index de recherche recalculé."))
