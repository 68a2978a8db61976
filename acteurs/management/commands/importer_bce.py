from acteurs.models import Organisation
from acteurs.registres.bce import lire_bce, sans_accents
from acteurs.registres.importation import CommandeRegistre
from ecosysteme.enums import NiveauTerritoire
from ecosysteme.models import Territoire
from ecosysteme.recherche.indexation import en_toutes_langues


class Command(CommandeRegistre):
    registre = "bce"
    entrees = "entreprises"
    help = (
        "Importe les entreprises de l'économie sociale de la Banque-Carrefour des Entreprises "
        "(archive KBO Open Data, KboOpenData_…_Full.zip) : ASBL, AISBL, fondations, sociétés "
        "à finalité sociale ou agréées entreprise sociale, et celles déjà dans l'annuaire "
        "(même numéro BCE), dont les changements deviennent des propositions à modérer. "
        "Leurs coordonnées ne sont jamais publiées d'office."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("fichier", help="l'archive KBO Open Data téléchargée (zip)")
        parser.add_argument(
            "--connues",
            action="store_true",
            help="seulement les entreprises déjà dans l'annuaire",
        )

    def handle(self, *args, fichier, connues, publier, simulation, **options):
        numeros = set(Organisation.objects.exclude(bce="").values_list("bce", flat=True))
        fiches = lire_bce(
            fichier, connus=numeros, economie_sociale=not connues, communes=communes_belges()
        )
        self.importer(fiches, fichier, publier=publier, simulation=simulation)


def communes_belges():
    """The NIS code of the directory's Belgian communes, by each of their names (Bruxelles,
    Brussel)."""
    belgique = Territoire.objects.filter(niveau=NiveauTerritoire.PAYS, code="BE").first()
    if belgique is None:
        return {}
    communes = Territoire.objects.with_descendants(belgique).filter(niveau=NiveauTerritoire.COMMUNE)
    return {
        sans_accents(nom): commune.code
        for commune in communes
        if commune.code
        for nom in en_toutes_langues(commune, "nom")
    }
