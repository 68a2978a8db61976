from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils.formats import date_format

from ecosysteme.fraicheur import fiches_a_verifier


class Command(BaseCommand):
    help = (
        "Liste, pour les éditeurs, les fiches publiées à vérifier : jamais vérifiées, ou "
        "vérifiées il y a plus longtemps que leur fréquence. À lancer chaque jour (README)."
    )

    def handle(self, *args, **options):
        a_verifier = fiches_a_verifier()
        total = 0
        for modele, fiches in a_verifier:
            nombre = fiches.count()
            total += nombre
            titre = modele._meta.verbose_name_plural
            self.stdout.write(f"{titre.capitalize()} à vérifier : {nombre}")
            for fiche in fiches.iterator(chunk_size=500):
                self.stdout.write(f"  {self.ligne(fiche)}")
        self.stdout.write(f"Fiches à vérifier en tout : {total}.")
        self.envoyer_aux_gestionnaires(a_verifier)

    def ligne(self, fiche):
        if fiche.verified_at:
            quand = f"vérifiée le {date_format(fiche.verified_at, 'j F Y')}"
        else:
            quand = "jamais vérifiée"
        meta = fiche._meta
        adresse = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[fiche.pk])
        frequence = f"tous les {fiche.frequence_verification} mois"
        return f"{fiche} – {quand} ({frequence}) – {settings.ADRESSE_SITE}{adresse}"

    def envoyer_aux_gestionnaires(self, a_verifier):
        """The digest each manager of a profile receives of their profiles due for verification.

        Profiles have no managers yet: nothing is sent. Once they do, each manager's digest is
        written and queued here (ecosysteme.courriels.planifier, sent once by the worker).
        """
        self.stdout.write("Récapitulatifs aux gestionnaires : aucun, les fiches n'en ont pas.")
