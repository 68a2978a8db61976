from django.conf import settings
from django.core.management.base import BaseCommand

from acteurs.besoins import purger_besoins
from acteurs.gestionnaires import purger_demandes
from acteurs.messagerie import purger_messages
from ecosysteme.contributions.propositions import purger_propositions
from ecosysteme.contributions.signalements import purger_signalements


class Command(BaseCommand):
    # Here rather than in acteurs/: it also erases the reports' addresses, a feature over the apps.
    help = (
        "Efface les données personnelles (nom, adresse, objet, texte) des messages écrits il y "
        "a plus de MESSAGES_CONSERVATION_JOURS jours, celles des demandeurs (nom, adresse, "
        "organisation) des besoins déposés il y a plus de BESOINS_CONSERVATION_JOURS jours, "
        "qui sont clos, et l'adresse des signaleurs des signalements traités il y a plus de "
        "SIGNALEMENTS_CONSERVATION_JOURS jours, les demandes de gestion refusées ou jamais "
        "confirmées depuis MESSAGES_CONSERVATION_JOURS jours, et l'adresse des auteurs des "
        "propositions traitées il y a plus de PROPOSITIONS_CONSERVATION_JOURS jours (avec les "
        "propositions jamais confirmées dont le lien a expiré). À lancer chaque jour (README)."
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
        jours = settings.BESOINS_CONSERVATION_JOURS
        nombre = purger_besoins(jours=jours)
        self.stdout.write(f"Besoins de plus de {jours} jours effacés : {nombre}.")
        jours = settings.SIGNALEMENTS_CONSERVATION_JOURS
        nombre = purger_signalements(jours=jours)
        self.stdout.write(
            f"Adresses des signalements traités il y a plus de {jours} jours effacées : {nombre}."
        )
        jours = settings.MESSAGES_CONSERVATION_JOURS
        nombre = purger_demandes(jours=jours)
        self.stdout.write(
            f"Demandes de gestion refusées ou non confirmées depuis {jours} jours : {nombre}."
        )
        jours = settings.PROPOSITIONS_CONSERVATION_JOURS
        nombre = purger_propositions(jours=jours)
        self.stdout.write(
            f"Adresses des propositions traitées il y a plus de {jours} jours effacées : {nombre}."
        )
