from pathlib import Path

from django.core.management.base import CommandError

from acteurs.registres.importation import CommandeRegistre
from acteurs.registres.sirene import lire_sirene


class Command(CommandeRegistre):
    registre = "sirene"
    entrees = "unités légales"
    progression_tous_les = 100_000
    help = (
        "Importe les unités légales de l'économie sociale et solidaire du fichier de stock "
        "SIRENE de l'INSEE (StockUniteLegale, zip), et celles que l'annuaire connaît déjà : "
        "les nouvelles sont créées, les changements et les fermetures deviennent des "
        "propositions à modérer. Tout ou rien : une erreur dans le fichier ne change rien."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("unites", help="StockUniteLegale_utf8.zip")
        parser.add_argument(
            "--etablissements",
            help="StockEtablissement_utf8.zip : adresse, commune et coordonnées du siège.",
        )
        parser.add_argument(
            "--departements",
            default="",
            help="Ne créer que les unités dont le siège est dans ces départements (ex. 21,33) ; "
            "demande --etablissements.",
        )

    def handle(self, *args, unites, etablissements, departements, publier, simulation, **options):
        departements = [d.strip().upper() for d in departements.split(",") if d.strip()]
        for chemin in filter(None, [unites, etablissements]):
            if not Path(chemin).is_file():
                raise CommandError(f"{chemin} : fichier introuvable.")
        if departements and not etablissements:
            raise CommandError(
                "--departements demande --etablissements : le département est celui du siège."
            )
        fiches = lire_sirene(unites, etablissements=etablissements, departements=departements)
        self.importer(fiches, unites, publier=publier, simulation=simulation)
