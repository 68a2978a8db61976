from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from acteurs import tableurs


class Command(BaseCommand):
    help = (
        "Importe un tableur (CSV, XLSX ou ODS) d'organisations, de personnes et leurs fonctions, "
        "ou de relations, comme « Importer » dans l'administration : tout le fichier ou rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichier", help="le fichier à importer")
        parser.add_argument(
            "--simulation", action="store_true", help="montrer ce qui serait fait, sans l'écrire"
        )
        parser.add_argument(
            "--utilisateur", help="l'identifiant du compte à qui l'historique attribue l'import"
        )

    def handle(self, *args, fichier, simulation, utilisateur, **options):
        chemin = Path(fichier)
        try:
            contenu = chemin.read_bytes()
        except OSError as erreur:
            raise CommandError(f"Le fichier « {fichier} » ne peut pas être lu.") from erreur
        compte = self.compte(utilisateur)
        try:
            donnees = tableurs.lire(chemin.name, contenu)
        except tableurs.FichierIllisible as erreur:
            raise CommandError(str(erreur)) from erreur
        resultat = tableurs.importer(
            donnees,
            ressource=tableurs.ressource_du_tableau(donnees),
            nom_fichier=chemin.name,
            utilisateur=compte,
            simulation=simulation,
        )
        for ligne in tableurs.rapport(resultat, chemin.name):
            self.stdout.write(ligne)
        if resultat.has_errors() or resultat.has_validation_errors():
            raise CommandError("Rien n'a été enregistré : corrigez le fichier et relancez.")
        if simulation:
            self.stdout.write("Simulation : rien n'a été enregistré.")

    def compte(self, identifiant):
        if not identifiant:
            return None
        try:
            return get_user_model().objects.get_by_natural_key(identifiant)
        except get_user_model().DoesNotExist as erreur:
            raise CommandError(f"Aucun compte n'a l'identifiant « {identifiant} ».") from erreur
