from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from acteurs.models import Organisation
from acteurs.registres.bce import lire_bce, sans_accents
from acteurs.registres.commun import ErreurRegistre
from acteurs.registres.importation import importer_registre
from ecosysteme.enums import NiveauTerritoire
from ecosysteme.models import Territoire

# A progress line every this many enterprises brought in.
PROGRESSION = 20_000


class Command(BaseCommand):
    help = (
        "Importe les entreprises de l'économie sociale de la Banque-Carrefour des Entreprises "
        "(archive KBO Open Data, KboOpenData_…_Full.zip) : ASBL, AISBL, fondations, sociétés "
        "à finalité sociale ou agréées entreprise sociale, et celles déjà dans l'annuaire "
        "(même numéro BCE), dont les changements deviennent des propositions à modérer. "
        "Leurs coordonnées ne sont jamais publiées d'office."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichier", help="l'archive KBO Open Data téléchargée (zip)")
        parser.add_argument(
            "--connues",
            action="store_true",
            help="seulement les entreprises déjà dans l'annuaire",
        )
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

    def handle(self, *args, fichier, connues, publier, simulation, **options):
        numeros = set(Organisation.objects.exclude(bce="").values_list("bce", flat=True))
        fiches = lire_bce(
            fichier, connus=numeros, economie_sociale=not connues, communes=communes_belges()
        )
        try:
            bilan = importer_registre(
                fiches,
                registre="bce",
                fichier=Path(fichier).name,
                publier=publier,
                simulation=simulation,
                progression=self.progression,
            )
        except ErreurRegistre as probleme:
            raise CommandError(f"{probleme} Rien n'a été modifié.") from probleme
        fait = " (simulation : rien n'a été enregistré)" if simulation else ""
        self.stdout.write(f"BCE : {bilan}{fait}.")

    def progression(self, bilan):
        if bilan.lues // PROGRESSION > getattr(self, "_paliers", 0):
            self._paliers = bilan.lues // PROGRESSION
            self.stdout.write(f"  {bilan.lues} entreprises lues : {bilan}.")


def communes_belges():
    """The NIS code of the directory's Belgian communes, by name."""
    belgique = Territoire.objects.filter(niveau=NiveauTerritoire.PAYS, code="BE").first()
    if belgique is None:
        return {}
    communes = Territoire.objects.with_descendants(belgique).filter(niveau=NiveauTerritoire.COMMUNE)
    return {sans_accents(commune.nom): commune.code for commune in communes if commune.code}
