from pathlib import Path

from django.core.management.base import CommandError

from acteurs.models import Organisation
from acteurs.registres.importation import CommandeRegistre
from acteurs.registres.rna import lire_rna


class Command(CommandeRegistre):
    registre = "rna"
    entrees = "associations"
    help = (
        "Importe les associations du Répertoire national des associations (fichier « waldec », "
        "rna_waldec_AAAAMMJJ.zip ou un de ses fichiers CSV). Par défaut, seules les associations "
        "déjà présentes dans l'annuaire (même numéro RNA ou même SIRET) sont lues : leurs "
        "changements deviennent des propositions à modérer."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("fichier", help="le fichier waldec téléchargé (zip ou CSV)")
        parser.add_argument(
            "--departements",
            nargs="+",
            default=(),
            metavar="CODE",
            help="seulement les associations dont le siège est dans ces départements "
            "(33 2A 974, ou 33,2A,974)",
        )
        parser.add_argument(
            "--toutes",
            action="store_true",
            help="toutes les associations des départements donnés, pas seulement celles "
            "de l'annuaire (demande --departements)",
        )
        parser.add_argument(
            "--liste",
            help="un fichier de numéros RNA ou de SIRET, un par ligne : ces associations aussi",
        )

    def handle(self, *args, fichier, departements, toutes, liste, publier, simulation, **options):
        departements = [code for valeur in departements for code in valeur.split(",") if code]
        if toutes and not departements:
            raise CommandError(
                "--toutes demande --departements : le RNA compte plus de deux millions "
                "d'associations."
            )
        identifiants = None if toutes else self.identifiants(liste)
        fiches = lire_rna(fichier, departements=departements, identifiants=identifiants)
        self.importer(fiches, fichier, publier=publier, simulation=simulation)

    def identifiants(self, liste):
        """The RNA numbers and SIRETs to read: the directory's, and the list's if given."""
        connus = set()
        for champ in ("rna", "siret"):
            connus.update(Organisation.objects.exclude(**{champ: ""}).values_list(champ, flat=True))
        if liste:
            try:
                texte = Path(liste).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as probleme:
                raise CommandError(f"{liste} : liste illisible ({probleme}).") from probleme
            connus.update(ligne.strip().upper() for ligne in texte.splitlines() if ligne.strip())
        return connus
