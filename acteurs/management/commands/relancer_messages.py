from django.core.management.base import BaseCommand

from acteurs.messagerie import relancer_messages_oublies


class Command(BaseCommand):
    help = (
        "Remet dans la file d'envoi les messages toujours à envoyer une heure après leur "
        "dernier nouvel essai prévu (leur tâche s'est perdue). À lancer chaque jour (README)."
    )

    def handle(self, *args, **options):
        nombre = relancer_messages_oublies()
        self.stdout.write(f"Messages remis dans la file d'envoi : {nombre}.")
