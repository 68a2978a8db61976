from django.core.management.base import BaseCommand

from acteurs.besoins import relancer_besoins_oublies
from acteurs.gestionnaires import relancer_avis_oublies
from acteurs.messagerie import relancer_messages_oublies
from ecosysteme.contributions.propositions import relancer_propositions_oubliees
from ecosysteme.contributions.signalements import relancer_signalements_oublies


class Command(BaseCommand):
    # Here rather than in acteurs/: it also reaches the reports, a feature over the apps.
    help = (
        "Remet dans la file d'envoi les messages, les courriels des besoins, ceux aux "
        "gestionnaires, les réponses aux signalements, les liens de confirmation et les réponses "
        "aux propositions toujours à envoyer une heure après leur dernier nouvel essai prévu "
        "(leur tâche s'est perdue). À lancer chaque jour (README)."
    )

    def handle(self, *args, **options):
        nombre = relancer_messages_oublies()
        self.stdout.write(f"Messages remis dans la file d'envoi : {nombre}.")
        nombre = relancer_besoins_oublies()
        self.stdout.write(f"Courriels des besoins remis dans la file d'envoi : {nombre}.")
        nombre = relancer_signalements_oublies()
        self.stdout.write(f"Réponses aux signalements remises dans la file d'envoi : {nombre}.")
        nombre = relancer_avis_oublies()
        self.stdout.write(f"Courriels aux gestionnaires remis dans la file d'envoi : {nombre}.")
        nombre = relancer_propositions_oubliees()
        self.stdout.write(f"Courriels des propositions remis dans la file d'envoi : {nombre}.")
