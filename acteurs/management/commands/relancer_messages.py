from django.core.management.base import BaseCommand

from acteurs.besoins import relancer_besoins_oublies
from acteurs.messagerie import relancer_messages_oublies


class Command(BaseCommand):
    help = (
        "Remet dans la file d'envoi les messages et les courriels des besoins toujours à "
        "envoyer une heure après leur dernier nouvel essai prévu (leur tâche s'est perdue). "
        "À lancer chaque jour (README)."
    )

    def handle(self, *args, **options):
        nombre = relancer_messages_oublies()
        self.stdout.write(f"Messages remis dans la file d'envoi : {nombre}.")
        nombre = relancer_besoins_oublies()
        self.stdout.write(f"Courriels des besoins remis dans la file d'envoi : {nombre}.")
