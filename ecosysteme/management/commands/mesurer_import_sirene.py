import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from acteurs.registres.commun import integrer
from acteurs.registres.sirene import lire_sirene
from ecosysteme.models import Source
from ecosysteme.outils import mesure
from ecosysteme.outils.sirene import ENTETE_UNITES, ecrire_zip, unites_synthetiques

# The line each import prints for the benchmark to read back.
MARQUE = "mesure-import "


class Command(BaseCommand):
    help = (
        "Mesure l'import SIRENE : écrit un fichier StockUniteLegale synthétique de N unités "
        "légales de l'ESS, l'importe dans une base créée à part (jamais la base du site), puis "
        "l'importe à nouveau (rien ne doit changer) : durée, unités par seconde, mémoire "
        "résidente maximale de chaque import. Les chiffres sont affichés, jamais vérifiés."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unites", type=int, required=True, metavar="N")
        parser.add_argument(
            "--base",
            help="Nom PostgreSQL ou fichier SQLite de la base de mesure "
            "(défaut import_sirene_N), vidée avant la mesure.",
        )
        parser.add_argument(
            "--brouillons",
            action="store_true",
            help="Créer des brouillons (sinon des fiches publiées, indexées pour la recherche).",
        )
        # Set by the command itself when it runs again on the benchmark database.
        parser.add_argument("--etape", choices=["preparer", "importer"], help=argparse.SUPPRESS)
        parser.add_argument("--fichier", help=argparse.SUPPRESS)

    def handle(self, *args, unites, base, brouillons, etape, fichier, **options):
        if unites < 1:
            raise CommandError("--unites : 1 ou plus.")
        if etape == "preparer":
            mesure.verifier_base()
            call_command("migrate", interactive=False, verbosity=0)
            return
        if etape == "importer":
            mesure.verifier_base()
            return self.importer(fichier, publier=not brouillons)
        chemin = Path(settings.BASE_DIR) / "var" / f"StockUniteLegale-{unites}.zip"
        if not chemin.exists():
            self.generer(chemin, unites)
        base_de_mesure = mesure.base_de_mesure(unites, base or f"import_sirene_{unites}")
        base_de_mesure.supprimer()
        base_de_mesure.creer()
        self.stdout.write(f"Base de mesure, vide : {base_de_mesure.url_affichee}")
        arguments = ["--unites", str(unites), "--fichier", str(chemin)]
        if brouillons:
            arguments.append("--brouillons")
        self.relancer(base_de_mesure, [*arguments, "--etape", "preparer"])
        premier = self.relancer(base_de_mesure, [*arguments, "--etape", "importer"])
        second = self.relancer(base_de_mesure, [*arguments, "--etape", "importer"])
        self.stdout.write("")
        for nom, resultat in (("Premier import", premier), ("Second import", second)):
            self.stdout.write(
                f"{nom} : {resultat['duree']:.0f} s, {resultat['par_seconde']:.0f} unités/s, "
                f"mémoire résidente max. {resultat['rss_mo']:.0f} Mo ; {resultat['bilan']}."
            )
        if second["inchangees"] != unites:
            raise CommandError("Le second import a changé quelque chose : il ne devait rien faire.")

    def generer(self, chemin, unites):
        self.stdout.write(f"Écriture de {chemin.name} ({unites} unités légales)…")
        debut = time.monotonic()
        chemin.parent.mkdir(parents=True, exist_ok=True)
        partiel = chemin.with_suffix(".partiel")
        ecrire_zip(partiel, "StockUniteLegale_utf8.csv", ENTETE_UNITES, unites_synthetiques(unites))
        partiel.rename(chemin)
        taille = chemin.stat().st_size / 1e6
        self.stdout.write(f"Écrit en {time.monotonic() - debut:.0f} s ({taille:.0f} Mo).")

    def relancer(self, base, arguments):
        """Run a step in a process of its own, whose only database is the benchmark's: each
        import's resident memory is its own."""
        commande = [sys.executable, str(settings.BASE_DIR / "manage.py"), "mesurer_import_sirene"]
        resultat = None
        with subprocess.Popen(
            [*commande, *arguments],
            env=mesure.environnement(base),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        ) as processus:
            for ligne in processus.stdout:
                if ligne.startswith(MARQUE):
                    resultat = json.loads(ligne.removeprefix(MARQUE))
                else:
                    self.stdout.write(ligne, ending="")
                    self.stdout.flush()
        if processus.returncode:
            raise CommandError(f"La mesure a échoué (code {processus.returncode}).")
        return resultat

    def importer(self, fichier, *, publier):
        debut = time.monotonic()

        def progression(bilan):
            if bilan.lues % 100_000 < 2_000:  # a line every 100,000 units or so
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                self.stdout.write(
                    f"  {bilan.lues} unités, {time.monotonic() - debut:.0f} s, "
                    f"mémoire max. {rss:.0f} Mo"
                )
                self.stdout.flush()

        source, _ = Source.objects.get_or_create(
            slug="mesure-import-sirene", defaults={"titre": "Mesure de l'import SIRENE"}
        )
        bilan = integrer(
            lire_sirene(fichier),
            source=source,
            publier=publier,
            progression=progression,
        )
        duree = time.monotonic() - debut
        resultat = {
            "duree": duree,
            "par_seconde": bilan.lues / duree,
            "rss_mo": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "bilan": str(bilan),
            "inchangees": bilan.inchanges,
        }
        self.stdout.write(MARQUE + json.dumps(resultat))
