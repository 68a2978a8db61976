"""exporter_donnees_ouvertes: writes the whole directory as an open data set into a folder."""

from django.core.management.base import BaseCommand, CommandError

from ecosysteme.diffusion.donnees_ouvertes import (
    LICENCE_PAR_DEFAUT,
    LICENCES,
    DossierOccupe,
    exporter,
)


def taille_lisible(octets):
    for unite in ("octets", "Kio", "Mio"):
        if octets < 1024 or unite == "Mio":
            break
        octets /= 1024
    texte = f"{octets:.0f}" if unite == "octets" else f"{octets:.1f}".replace(".", ",")
    return f"{texte} {unite}"


class Command(BaseCommand):
    help = (
        "Écrit tout l'annuaire publié en données ouvertes dans un dossier : un CSV par table "
        "(organisations, personnes, fonctions, relations, dispositifs, territoires, sources), "
        "datapackage.json et LISEZMOI.md. Le dossier n'est remplacé qu'une fois tout écrit."
    )

    def add_arguments(self, parser):
        parser.add_argument("dossier", help="le dossier à écrire (créé s'il n'existe pas)")
        parser.add_argument(
            "--licence",
            choices=sorted(LICENCES),
            default=LICENCE_PAR_DEFAUT,
            help=f"la licence des données (par défaut : {LICENCE_PAR_DEFAUT}, la Licence "
            "Ouverte d'Etalab ; odbl-1.0 pour l'ODbL)",
        )
        parser.add_argument(
            "--adresse",
            default="",
            help="l'adresse du site (https://…) devant celle des fiches, dans les colonnes url ; "
            "sans elle, les colonnes url donnent le chemin seul (/acteurs/…)",
        )
        parser.add_argument(
            "--remplacer", action="store_true", help="remplacer le dossier s'il n'est pas vide"
        )
        parser.add_argument(
            "--zip", action="store_true", help="ajouter une archive ZIP de tous les fichiers"
        )

    def handle(self, *args, dossier, licence, adresse, remplacer, zip, **options):
        try:
            tailles = exporter(
                dossier, licence=licence, base=adresse, remplacer=remplacer, archive=zip
            )
        except DossierOccupe as erreur:
            raise CommandError(str(erreur)) from erreur
        largeur = max(len(nom) for nom, _taille in tailles)
        self.stdout.write(f"Données ouvertes écrites dans {dossier} :")
        for nom, taille in tailles:
            self.stdout.write(f"  {nom:<{largeur}}  {taille_lisible(taille):>11}")
        total = sum(taille for _nom, taille in tailles)
        self.stdout.write(
            f"Total : {taille_lisible(total)} ({total} octets) en {len(tailles)} fichiers."
        )
