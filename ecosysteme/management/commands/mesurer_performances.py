import argparse
import platform
import signal
import subprocess
import sys
import time

import django
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from acteurs.models import Organisation
from ecosysteme.outils import mesure


class Command(BaseCommand):
    help = (
        "Mesure la vitesse du site sur une base de N organisations synthétiques, créée à part "
        "(jamais la base du site) : p50 et p95 de chaque page, requêtes SQL, et avec --charge "
        "le débit sous gunicorn et la mémoire des workers. Les chiffres sont affichés, "
        "jamais vérifiés."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, required=True, metavar="N")
        parser.add_argument(
            "--base",
            help="Base de mesure : nom PostgreSQL (défaut ecosysteme_bench_N) ou fichier "
            "SQLite (défaut var/bench-N.sqlite3). Créée si elle n'existe pas.",
        )
        parser.add_argument("--requetes", type=int, default=200, help="mesurées par page")
        parser.add_argument("--chauffe", type=int, default=20, help="non mesurées, avant")
        parser.add_argument(
            "--limite", type=int, default=120, help="secondes par page au plus, chauffe comprise"
        )
        parser.add_argument("--graine", type=int, default=42, help="données et requêtes")
        parser.add_argument(
            "--reutiliser",
            action="store_true",
            help="Ne rien générer : échouer si la base ne contient pas déjà les N organisations.",
        )
        parser.add_argument(
            "--regenerer", action="store_true", help="Générer à nouveau même si la base est prête."
        )
        parser.add_argument(
            "--scenario",
            action="append",
            help="Ne mesurer que ces pages (répétable) ; le plancher est toujours mesuré.",
        )
        parser.add_argument(
            "--charge",
            action="store_true",
            help="Mesurer aussi sous gunicorn avec wrk : débit, latence, mémoire des workers.",
        )
        parser.add_argument("--duree-charge", type=int, default=15, help="secondes par page")
        parser.add_argument(
            "--essai-de-charge",
            action="store_true",
            help="Au lieu des pages une à une : gunicorn et wrk pendant --duree-essai secondes, "
            "--connexions connexions, sur un mélange de listes, de recherches et de fiches.",
        )
        parser.add_argument(
            "--telechargements",
            action="store_true",
            help="Au lieu des pages : chaque téléchargement de toute une liste (CSV, JSON, "
            "data·inclusion) sous gunicorn, jusqu'au dernier octet, avec la mémoire du worker.",
        )
        parser.add_argument(
            "--flux-d-ecriture",
            action="store_true",
            help="Au lieu des pages : les listes /acteurs/ au repos, puis pendant qu'un autre "
            "processus crée --rythme-d-ecriture organisations par minute par l'import des "
            "registres (effacées à la fin) ; p50 et p95 côte à côte.",
        )
        parser.add_argument(
            "--rythme-d-ecriture", type=int, default=10_000, help="organisations par minute"
        )
        parser.add_argument(
            "--fraicheur",
            action="store_true",
            help="Au lieu des pages : sous gunicorn (2 workers), le délai entre le renommage "
            "d'une organisation et le moment où chaque worker la trouve par /acteurs/?q=.",
        )
        parser.add_argument(
            "--nouveau-worker",
            action="store_true",
            help="Au lieu des pages : sous gunicorn, le délai du démarrage à la première liste "
            "servie, puis d'un worker tué (SIGKILL) à la première liste de son remplaçant.",
        )
        parser.add_argument("--duree-essai", type=int, default=60, help="secondes")
        parser.add_argument("--connexions", type=int, default=16, help="simultanées")
        parser.add_argument("--workers", type=int, default=4, help="de gunicorn")
        # Set by the command itself when it runs again on the benchmark database.
        parser.add_argument("--dans-la-base-de-mesure", action="store_true", help=argparse.SUPPRESS)
        # The writer of --flux-d-ecriture: this command again, on the benchmark database.
        parser.add_argument("--ecrire-en-continu", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        positifs = ["organisations", "requetes", "limite", "duree_charge", "duree_essai"]
        positifs += ["connexions", "workers", "rythme_d_ecriture"]
        if min(options[nom] for nom in positifs) < 1:
            noms = ", ".join(f"--{nom.replace('_', '-')}" for nom in positifs)
            raise CommandError(f"{noms} : 1 ou plus.")
        if options["chauffe"] < 0:
            raise CommandError("--chauffe : 0 ou plus.")
        if options["dans_la_base_de_mesure"] and options["ecrire_en_continu"]:
            mesure.verifier_base()
            return mesure.ecrire_en_continu(
                options["rythme_d_ecriture"], options["graine"], self.ecrire_ligne
            )
        if options["dans_la_base_de_mesure"]:
            return self.mesurer(options)
        if options["charge"] or options["essai_de_charge"]:
            mesure.verifier_wrk()
        base = mesure.base_de_mesure(options["organisations"], options["base"])
        if base.creer():
            self.stdout.write(f"Base de mesure créée : {base.url_affichee}")
        self.relancer(base, options)

    def relancer(self, base, options):
        """Run again in a process whose only database is the benchmark's."""
        commande = [sys.executable, str(settings.BASE_DIR / "manage.py"), "mesurer_performances"]
        commande += [*self.arguments(options), "--dans-la-base-de-mesure"]
        with subprocess.Popen(
            commande,
            env=mesure.environnement(base),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        ) as processus:
            # A SIGTERM here must reach the child too: turn it into an exception.
            precedent = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
            try:
                for ligne in processus.stdout:
                    self.stdout.write(ligne, ending="")
                    self.stdout.flush()  # progress shows as it comes, in a pipe too
            finally:
                # Interrupted: the child stops its gunicorn, if it has one, before it exits.
                if processus.poll() is None:
                    processus.terminate()
                signal.signal(signal.SIGTERM, precedent)
        if processus.returncode:
            raise CommandError(f"La mesure a échoué (code {processus.returncode}).")

    @staticmethod
    def arguments(options):
        arguments = ["--organisations", str(options["organisations"])]
        if options["base"]:  # for the record: the child is on that database already
            arguments += ["--base", options["base"]]
        for nom in ("requetes", "chauffe", "limite", "graine", "duree_charge", "duree_essai"):
            arguments += [f"--{nom.replace('_', '-')}", str(options[nom])]
        for nom in ("connexions", "workers", "rythme_d_ecriture"):
            arguments += [f"--{nom.replace('_', '-')}", str(options[nom])]
        for nom in (
            "reutiliser", "regenerer", "charge", "essai_de_charge", "telechargements",
            "flux_d_ecriture", "fraicheur", "nouveau_worker",
        ):  # fmt: skip
            if options[nom]:
                arguments.append(f"--{nom.replace('_', '-')}")
        for scenario in options["scenario"] or []:
            arguments += ["--scenario", scenario]
        return arguments

    # In the process that measures

    def mesurer(self, options):
        mesure.verifier_base()
        machine = mesure.machine()  # before generating, which loads the machine itself
        self.preparer(options)
        self.analyser()
        # Production settings serve static files from the manifest that collectstatic writes.
        call_command("collectstatic", interactive=False, verbosity=0)
        if options["essai_de_charge"]:
            return self.essai_de_charge(options, machine)
        if options["telechargements"]:
            resultats, delais = mesure.telechargements()
            self.stdout.write(f"\n{self.entete(options, machine)}\n")
            self.stdout.write(mesure.tableau_telechargements(resultats, delais))
            return
        if options["fraicheur"] or options["nouveau_worker"]:
            self.stdout.write(f"\n{self.entete(options, machine)}")
            adresse = mesure.adresse_large()
            if options["fraicheur"]:
                self.fraicheur(adresse)
            if options["nouveau_worker"]:
                self.nouveau_worker(adresse)
            if not options["flux_d_ecriture"]:
                return
        debut = time.monotonic()
        nombre = options["requetes"] + options["chauffe"] + 1
        scenarios = mesure.scenarios(options["graine"], nombre)
        if options["scenario"]:
            inconnus = set(options["scenario"]) - {s.nom for s in scenarios}
            if inconnus:
                raise CommandError(f"Scénarios inconnus : {', '.join(sorted(inconnus))}.")
            scenarios = [s for s in scenarios if s.nom in {"plancher", *options["scenario"]}]
        if options["flux_d_ecriture"]:
            return self.flux_d_ecriture(options, machine, scenarios)
        resultats = []
        for scenario in scenarios:
            resultats.append(
                mesure.mesurer(scenario, options["requetes"], options["chauffe"], options["limite"])
            )
            self.stdout.write(f"… {scenario.nom} mesuré ({time.monotonic() - debut:.0f} s)")
        self.stdout.write(f"\n{self.entete(options, machine)}\n")
        self.stdout.write(mesure.tableau(resultats))
        self.stdout.write(f"\n{mesure.legende(resultats)}")
        if options["charge"]:
            self.sous_charge(options)

    def ecrire_ligne(self, ligne):
        self.stdout.write(ligne)
        self.stdout.flush()

    def mesurer_tout(self, scenarios, options):
        return [
            mesure.mesurer(scenario, options["requetes"], options["chauffe"], options["limite"])
            for scenario in scenarios
        ]

    def flux_d_ecriture(self, options, machine, scenarios):
        """The listings idle, then while another process imports organisations."""
        listes = [s for s in scenarios if s.nom.startswith("acteurs")] or scenarios
        au_repos = self.mesurer_tout(listes, options)
        self.stdout.write(f"… listes mesurées au repos ; écriture de "
                          f"{options['rythme_d_ecriture']} organisations par minute…")  # fmt: skip
        commande = [sys.executable, str(settings.BASE_DIR / "manage.py"), "mesurer_performances"]
        commande += [*self.arguments(options), "--dans-la-base-de-mesure", "--ecrire-en-continu"]
        ecrivain = subprocess.Popen(commande, stdout=subprocess.PIPE, text=True)
        lots, debut = [], time.monotonic()
        try:
            lots.append(ecrivain.stdout.readline())  # its first batch is in: writes have begun
            if not lots[0]:
                raise CommandError("Le processus qui écrit s'est arrêté avant son premier lot.")
            sous_ecritures = self.mesurer_tout(listes, options)
        finally:
            ecrivain.terminate()
            lots += ecrivain.stdout.readlines()
            ecrivain.wait()
        duree = time.monotonic() - debut
        effacees = mesure.effacer_le_flux()
        self.stdout.write(f"\n{self.entete(options, machine)}")
        self.stdout.write(
            f"Pendant la mesure sous écritures ({duree:.0f} s), {len(lots)} lots écrits par "
            f"integrer() (import des registres, source « {mesure.SOURCE_DU_FLUX} », fiches "
            f"publiées), soit {effacees} organisations, effacées ensuite avec leur historique."
        )
        self.stdout.write("Temps en millisecondes, × : sous écritures / au repos.\n")
        self.stdout.write(mesure.tableau_sous_ecritures(au_repos, sous_ecritures))
        self.stdout.write(f"\n{mesure.legende(au_repos)}")

    def fraicheur(self, adresse):
        vus, envoyees, travailleurs = mesure.fraicheur(adresse)
        self.stdout.write(
            "\nFraîcheur : une organisation renommée par l'ORM, puis /acteurs/?q=<mot nouveau> "
            f"sur des connexions neuves, gunicorn à {len(travailleurs)} workers."
        )
        for numero, pid in enumerate(sorted(travailleurs), 1):
            delai = f"{vus[pid]:.0f} ms" if pid in vus else "jamais dans le délai"
            self.stdout.write(f"- worker {numero} : trouvée après {delai}")
        self.stdout.write(f"({envoyees} requêtes envoyées.)")

    def nouveau_worker(self, adresse):
        demarrage, apparition, remplacant = mesure.nouveau_worker(adresse)

        def ms(valeur):
            return f"{valeur:.0f} ms" if valeur is not None else "non mesuré"

        self.stdout.write(f"\nNouveau worker (liste {adresse}) :")
        self.stdout.write(f"- démarrage de gunicorn → première liste servie : {ms(demarrage)}")
        self.stdout.write(f"- worker tué (SIGKILL) → remplaçant lancé : {ms(apparition)}")
        self.stdout.write(
            f"- worker tué (SIGKILL) → liste servie par le remplaçant : {ms(remplacant)}"
        )

    def preparer(self, options):
        """Migrate; keep the database if it holds N synthetic organisations, else generate."""
        call_command("migrate", interactive=False, verbosity=0)
        n = options["organisations"]
        if Organisation.objects.filter(is_synthetic=False).exists():
            raise CommandError("Cette base contient des organisations réelles : mesure refusée.")
        presentes = Organisation.objects.filter(is_synthetic=True).count()
        if presentes == n and not options["regenerer"]:
            self.stdout.write(f"Base réutilisée : {n} organisations synthétiques.")
            return
        if options["reutiliser"]:
            raise CommandError(f"--reutiliser : la base a {presentes} organisations, pas {n}.")
        self.stdout.write(f"Génération de {n} organisations (graine {options['graine']})…")
        debut = time.monotonic()
        call_command(
            "generer_annuaire",
            organisations=n,
            confirmer=True,
            graine=options["graine"],
            # Whatever synthetic rows a previous run left (of another size, or half-made) go.
            remplacer=True,
            stdout=self.stdout,
        )
        self.stdout.write(f"Générée en {time.monotonic() - debut:.0f} s.")

    @staticmethod
    def analyser():
        """Give PostgreSQL's planner statistics on the freshly loaded tables.

        In production autovacuum gathers them within minutes of a bulk load; it may be slower,
        or off (as on the server the README's figures come from): plans without them can be
        far off.
        """
        if connection.vendor == "postgresql":
            with connection.cursor() as curseur:
                curseur.execute("ANALYZE")

    def entete(self, options, machine):
        moteur = "SQLite"
        if connection.vendor == "postgresql":
            with connection.cursor() as curseur:
                curseur.execute("SHOW server_version")
                moteur = f"PostgreSQL {curseur.fetchone()[0].split()[0]}"
        commande = "python manage.py mesurer_performances " + " ".join(self.arguments(options))
        lignes = [
            f"Mesure du {timezone.localtime():%Y-%m-%d %H:%M}, base {moteur} "
            f"« {connection.settings_dict['NAME']} » : "
            f"{Organisation.objects.count()} organisations.",
            f"Machine : {machine} ; Python {platform.python_version()}, "
            f"Django {django.get_version()} ; code {mesure.version_du_code()}.",
            f"Commande : {commande}",
        ]
        if options["essai_de_charge"] or options["fraicheur"] or options["nouveau_worker"]:
            return "\n".join(lignes)
        if options["telechargements"]:
            lignes.append(
                "gunicorn (1 worker, délai de 30 s) sur 127.0.0.1 ; chaque téléchargement lu "
                "jusqu'au bout, l'un après l'autre.\n"
            )
            return "\n".join(lignes)
        lignes += [
            f"Client de test de Django, réglages de production (DEBUG désactivé) ; "
            f"{options['requetes']} requêtes mesurées par page après {options['chauffe']} "
            f"de chauffe, en {options['limite']} s au plus.",
            "",
        ]
        return "\n".join(lignes)

    def sous_charge(self, options):
        listes, fiches = mesure.adresses_sous_charge(options["graine"], 200)
        self.stdout.write(
            f"\nSous charge : gunicorn (2 workers) sur 127.0.0.1, wrk (2 fils, 4 connexions, "
            f"{options['duree_charge']} s par page), {len(listes)} listes et {len(fiches)} "
            "fiches différentes…"
        )
        resultats = mesure.sous_charge(listes, fiches, options["duree_charge"])
        self.stdout.write(f"\n{mesure.tableaux_sous_charge(*resultats)}")

    def essai_de_charge(self, options, machine):
        adresses = mesure.adresses_melangees(options["graine"], 300)
        self.stdout.write(
            f"\n{self.entete(options, machine)}\nEssai de charge : gunicorn ({options['workers']} "
            f"workers) sur 127.0.0.1, wrk (2 fils, {options['connexions']} connexions, "
            f"{options['duree_essai']} s) sur {len(adresses)} adresses différentes : une liste, "
            "une recherche, une fiche, tour à tour…"
        )
        resultats = mesure.essai_de_charge(
            adresses, options["duree_essai"], options["connexions"], options["workers"]
        )
        self.stdout.write(f"\n{mesure.tableau_essai_de_charge(*resultats)}")
