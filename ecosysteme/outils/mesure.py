"""The benchmark behind `manage.py mesurer_performances`: its database, its pages, its figures.

The benchmark never measures the database the site uses: it works on a database of its own,
filled with synthetic organisations only. Figures are printed, never asserted: a machine that
is slower one day must not fail a build.
"""

import datetime
import http.client
import itertools
import math
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import dj_database_url
import psycopg
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from psycopg import sql
from stdnum import luhn

from accompagnement.models import Dispositif
from acteurs.models import Fonction, Organisation, Personne, Relation, TerritoireCouvert
from acteurs.registres.commun import FicheRegistre, integrer
from ecosysteme.enums import NatureSource, NiveauTerritoire
from ecosysteme.listes.facettes import PAR_PAGE
from ecosysteme.models import CHAINE_PARENTS, Source, Territoire, Thematique
from ecosysteme.outils.synthetique.listes import NOMS
from ecosysteme.recherche.moteur import LONGUEUR_MIN_PREFIXE, mots

# The child process checks that the database it was given is the one its parent prepared.
VARIABLE_BASE = "ECOSYSTEME_BASE_DE_MESURE"
CONFIGURATION_GUNICORN = Path(settings.BASE_DIR) / "scripts" / "gunicorn.conf.py"
NOM_POSTGRESQL = re.compile(r"[a-z_][a-z0-9_]{0,62}")
CHAINE_SIEGE = f"siege__{CHAINE_PARENTS}"


# The database


@dataclass(frozen=True)
class BaseDeMesure:
    nom: str  # the PostgreSQL database name, or the SQLite file's path
    url: str  # the DATABASE_URL of the processes that measure

    @property
    def est_postgresql(self):
        return not self.url.startswith("sqlite")

    @property
    def url_affichee(self):
        """The URL without its password, fit to be printed."""
        morceaux = urlsplit(self.url)
        if morceaux.password is None:
            return self.url
        return morceaux._replace(netloc=morceaux.netloc.replace(morceaux.password, "***")).geturl()

    def serveur(self):
        """A connection to the PostgreSQL server, outside any of its databases."""
        reglages = dj_database_url.parse(self.url)
        parametres = {
            "dbname": "postgres",
            "user": reglages["USER"] or None,
            "password": reglages["PASSWORD"] or None,
            "host": reglages["HOST"] or None,
            "port": reglages["PORT"] or None,
            **reglages.get("OPTIONS", {}),
        }
        return psycopg.connect(autocommit=True, **parametres)

    def supprimer(self):
        """Drop the database, if it exists: a benchmark that must start empty."""
        if not self.est_postgresql:
            Path(self.nom).unlink(missing_ok=True)
            return
        with self.serveur() as serveur:
            serveur.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(self.nom)))

    def creer(self):
        """Create the database if it is missing (an empty SQLite file is created on connection)."""
        if not self.est_postgresql:
            Path(self.nom).parent.mkdir(parents=True, exist_ok=True)
            return False
        with self.serveur() as serveur:
            existe = serveur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.nom])
            if existe.fetchone():
                return False
            serveur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.nom)))
        return True


def base_de_mesure(organisations, nom=None):
    """The benchmark database beside the one DATABASE_URL names, never that one itself."""
    url_site = os.environ.get("DATABASE_URL") or f"sqlite:///{settings.BASE_DIR / 'db.sqlite3'}"
    site = dj_database_url.parse(url_site)
    if site["ENGINE"] != settings.DATABASES["default"]["ENGINE"]:
        raise CommandError("DATABASE_URL ne désigne pas la base des réglages : mesure annulée.")
    if site["ENGINE"].endswith("sqlite3"):
        if nom and ("/" in nom or nom.endswith(".sqlite3")):
            chemin = Path(nom)
        else:
            chemin = Path(settings.BASE_DIR) / "var" / f"{nom or f'bench-{organisations}'}.sqlite3"
        chemin = chemin.resolve()
        if chemin == Path(site["NAME"]).resolve():
            raise CommandError(f"{chemin} est la base du site : choisissez un autre --base.")
        return BaseDeMesure(str(chemin), f"sqlite:///{chemin}")
    if site["ENGINE"].endswith("postgresql"):
        nom = nom or f"ecosysteme_bench_{organisations}"
        if not NOM_POSTGRESQL.fullmatch(nom):
            raise CommandError(f"« {nom} » : lettres minuscules, chiffres et _ seulement.")
        if nom == site["NAME"]:
            raise CommandError(f"« {nom} » est la base du site : choisissez un autre --base.")
        return BaseDeMesure(nom, urlsplit(url_site)._replace(path=f"/{quote(nom)}").geturl())
    raise CommandError(f"Base non prise en charge : {site['ENGINE']}.")


def environnement(base):
    """The environment of the processes that measure: production settings on that database."""
    return {
        **os.environ,
        "DATABASE_URL": base.url,
        VARIABLE_BASE: base.nom,
        "DJANGO_SETTINGS_MODULE": "ecosysteme.settings.base",
        # Throw-away: nothing signed during a benchmark outlives it.
        "SECRET_KEY": os.urandom(32).hex(),
        "DEBUG": "0",
        # HTTPS ends at the reverse proxy in production, which the measurement leaves out.
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "PYTHONUNBUFFERED": "1",
    }


def verifier_base():
    """In the child process: refuse any database but the one the parent prepared.

    A --base naming some other existing database is refused too, before migrate writes to it.
    """
    attendue = os.environ.get(VARIABLE_BASE)
    if not attendue or str(connection.settings_dict["NAME"]) != attendue:
        raise CommandError("Cette commande ne mesure que la base de mesure qu'elle a préparée.")
    tables = connection.introspection.table_names()
    if tables and Organisation._meta.db_table not in tables:
        raise CommandError(f"{attendue} contient déjà d'autres tables : mesure refusée.")


# The pages measured


@dataclass
class Scenario:
    nom: str
    adresses: list  # visited in turn, so that no answer is served twice in a row
    precision: str = ""


@dataclass
class Resultat:
    scenario: Scenario
    durees: list = field(default_factory=list)  # seconds
    requetes_sql: int = 0

    def percentile(self, rang):
        """Nearest rank, in milliseconds."""
        durees = sorted(self.durees)
        return durees[max(0, math.ceil(rang / 100 * len(durees)) - 1)] * 1000


def mots_cherchables(texte):
    """Words someone could type: long enough to match as a prefix, not numbers."""
    return list(dict.fromkeys(m for m in mots(texte) if len(m) >= LONGUEUR_MIN_PREFIXE))


def region(territoire):
    lignee = territoire.lignee() if territoire is not None else []
    return next((t for t in lignee if t.niveau == NiveauTerritoire.REGION), None)


def echantillon(rng, nombre):
    """Up to `nombre` published organisations drawn at random, with their seat's parents."""
    pks = sorted(Organisation.objects.published().values_list("pk", flat=True))
    tires = rng.sample(pks, min(nombre, len(pks)))
    lignes = Organisation.objects.filter(pk__in=tires).select_related(CHAINE_SIEGE).in_bulk()
    return [lignes[pk] for pk in tires]


def adresses_de_recherche(rng, organisations, chemin, nombre_mots):
    """A query per organisation, made of words of its own: each query finds something.

    Words are drawn rather than taken first, or every query would be « association ».
    """
    adresses = []
    for organisation in organisations:
        candidats = mots_cherchables(f"{organisation.nom} {organisation.description}")
        if len(candidats) >= nombre_mots:
            texte = " ".join(rng.sample(candidats, nombre_mots))
            adresses.append(f"{chemin}?{urlencode({'q': texte})}")
    return adresses


def adresses_filtrees(rng, organisations):
    """Legal form, région and a word of one organisation: the combination finds it."""
    adresses = []
    for organisation in organisations:
        lieu, candidats = region(organisation.siege), mots_cherchables(organisation.nom)
        if organisation.forme_juridique and lieu and candidats:
            parametres = [
                ("forme_juridique", organisation.forme_juridique),
                ("territoire", lieu.slug),
                ("q", rng.choice(candidats)),
            ]
            adresses.append(f"/acteurs/?{urlencode(parametres)}")
    return adresses


def plus_liee():
    """The published organisation with the most relations, and how many it has."""
    liens = Counter()
    for cote in ("source", "cible"):
        lignes = (
            Relation.objects.filter(**{f"{cote}__is_published": True})
            .values_list(cote)
            .annotate(nombre=Count("pk"))
            .order_by()
        )
        liens.update(dict(lignes))
    for pk, nombre in liens.most_common(1):
        return Organisation.objects.get(pk=pk), nombre
    return Organisation.objects.published().first(), 0


def plus_engagee():
    """The published person with the most roles, and how many they hold."""
    lignes = (
        Fonction.objects.filter(personne__is_published=True, organisation__is_published=True)
        .values_list("personne")
        .annotate(nombre=Count("pk"))
        .order_by("-nombre", "personne")[:1]
    )
    for pk, nombre in lignes:
        return Personne.objects.get(pk=pk), nombre
    return Personne.objects.published().first(), 0


def plus_peuple(niveau):
    """The territory of this level with the most organisations in it or below, and how many."""
    lignes = (
        TerritoireCouvert.objects.filter(territoire__niveau=niveau)
        .values_list("territoire")
        .annotate(nombre=Count("pk"))
        .order_by("-nombre", "territoire")[:1]
    )
    for pk, nombre in lignes:
        return Territoire.objects.get(pk=pk), nombre
    return None, 0


def thematique_la_plus_suivie():
    """The theme of the most organisations, and how many."""
    lignes = (
        Organisation.thematiques.through.objects.values_list("thematique")
        .annotate(nombre=Count("pk"))
        .order_by("-nombre", "thematique")[:1]
    )
    for pk, nombre in lignes:
        return Thematique.objects.get(pk=pk), nombre
    return None, 0


def scenarios_par_ensemble():
    """The pages of the largest sets: a country, a theme, and the networks of a country, a
    région and a theme."""
    pays, dans_le_pays = plus_peuple(NiveauTerritoire.PAYS)
    region, dans_la_region = plus_peuple(NiveauTerritoire.REGION)
    thematique, sur_le_theme = thematique_la_plus_suivie()

    def scenario(nom, objet, nombre, parametre=None):
        if objet is None:
            return Scenario(nom, [])
        adresse = objet.get_absolute_url()
        if parametre:  # its network
            adresse = f"/reseau/?{urlencode({parametre: objet.slug})}"
        return Scenario(nom, [adresse], f"{objet} : {nombre} organisations")

    return [
        scenario("territoire", pays, dans_le_pays),
        scenario("thematique", thematique, sur_le_theme),
        scenario("reseau-pays", pays, dans_le_pays, "territoire"),
        scenario("reseau-region", region, dans_la_region, "territoire"),
        scenario("reseau-thematique", thematique, sur_le_theme, "thematique"),
    ]


def scenarios(graine, nombre):
    """Every page measured; the queries vary from one request to the next (fixed seed)."""
    rng = random.Random(graine)
    organisations = echantillon(rng, nombre)
    melangees = rng.sample(organisations, len(organisations))
    derniere = max(1, math.ceil(Organisation.objects.published().count() / PAR_PAGE))
    organisation, relations = plus_liee()
    personne, fonctions = plus_engagee()
    return [
        Scenario("plancher", ["/robots.txt"], "vue vide derrière le même middleware"),
        Scenario("accueil", ["/"]),
        Scenario("acteurs", ["/acteurs/"], "sans paramètre"),
        Scenario("acteurs-1-mot", adresses_de_recherche(rng, organisations, "/acteurs/", 1)),
        Scenario("acteurs-3-mots", adresses_de_recherche(rng, melangees, "/acteurs/", 3)),
        Scenario(
            "acteurs-filtres", adresses_filtrees(rng, organisations), "forme, région et un mot"
        ),
        Scenario("acteurs-derniere-page", [f"/acteurs/?page={derniere}"]),
        Scenario("recherche", adresses_de_recherche(rng, melangees, "/recherche/", 1)),
        Scenario(
            "organisation",
            [organisation.get_absolute_url()] if organisation else [],
            f"la plus liée : {relations} relations",
        ),
        Scenario(
            "personne",
            [personne.get_absolute_url()] if personne else [],
            f"la plus engagée : {fonctions} fonctions",
        ),
        *scenarios_par_ensemble(),
    ]


def obtenir(client, adresse):
    debut = time.perf_counter()
    reponse = client.get(adresse)
    duree = time.perf_counter() - debut
    if reponse.status_code != 200:
        raise CommandError(f"{adresse} a répondu {reponse.status_code} : mesure annulée.")
    return duree


def mesurer(scenario, requetes, chauffe, limite):
    """Time `requetes` requests after `chauffe` unmeasured ones, and count one's SQL queries.

    Within `limite` seconds, a fifth of it for the warm-up: a page that takes seconds gets
    fewer measures rather than an hour (the table says how many).
    """
    resultat = Resultat(scenario)
    if not scenario.adresses:
        return resultat
    client, adresses = Client(), itertools.cycle(scenario.adresses)
    debut = time.monotonic()
    for _ in range(chauffe):
        if time.monotonic() - debut > limite / 5:
            break
        obtenir(client, next(adresses))
    with CaptureQueriesContext(connection) as capture:
        obtenir(client, next(adresses))
    resultat.requetes_sql = len(capture)
    for _ in range(requetes):
        resultat.durees.append(obtenir(client, next(adresses)))
        if time.monotonic() - debut > limite:
            break
    return resultat


# What is printed


def en_tableau(lignes):
    """A Markdown table, aligned for the terminal too; numbers to the right."""
    largeurs = [max(len(str(ligne[i])) for ligne in lignes) for i in range(len(lignes[0]))]

    def formater(ligne):
        cellules = [
            str(c).ljust(n) if i == 0 else str(c).rjust(n)
            for i, (c, n) in enumerate(zip(ligne, largeurs, strict=True))
        ]
        return "| " + " | ".join(cellules) + " |"

    tirets = ["-" * (largeurs[0] + 2)] + ["-" * (n + 1) + ":" for n in largeurs[1:]]
    return "\n".join([formater(lignes[0]), f"|{'|'.join(tirets)}|", *map(formater, lignes[1:])])


def tableau(resultats):
    plancher = next(r for r in resultats if r.scenario.nom == "plancher").percentile(95)
    lignes = [("scénario", "p50 ms", "p95 ms", "p95 / plancher", "requêtes SQL", "mesures")]
    for resultat in resultats:
        if not resultat.durees:
            lignes.append((resultat.scenario.nom, "–", "–", "–", "–", 0))
            continue
        p95 = resultat.percentile(95)
        lignes.append(
            (
                resultat.scenario.nom,
                f"{resultat.percentile(50):.1f}",
                f"{p95:.1f}",
                f"{p95 / plancher:.1f}",
                resultat.requetes_sql,
                len(resultat.durees),
            )
        )
    return en_tableau(lignes)


def legende(resultats):
    lignes = []
    for resultat in resultats:
        scenario = resultat.scenario
        exemple = scenario.adresses[0] if scenario.adresses else "aucune page à mesurer"
        if len(set(scenario.adresses)) > 1:
            exemple += f" (et {len(set(scenario.adresses)) - 1} autres)"
        precision = f" ; {scenario.precision}" if scenario.precision else ""
        lignes.append(f"- {scenario.nom} : {exemple}{precision}")
    return "\n".join(lignes)


def machine():
    memoire = next(
        int(ligne.split()[1])
        for ligne in Path("/proc/meminfo").read_text().splitlines()
        if ligne.startswith("MemTotal:")
    )
    # Whatever else runs on the machine slows the figures down: its load says so.
    charge = os.getloadavg()[0]
    return (
        f"{os.cpu_count()} cœurs, {memoire / 1024 / 1024:.1f} Gio de mémoire, "
        f"charge {charge:.1f} au départ"
    )


def version_du_code():
    """The commit measured, marked when the checkout has uncommitted changes."""
    try:
        commit = subprocess.run(
            ["git", "describe", "--always", "--dirty=+modifications"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "inconnue (pas de dépôt git)"
    return commit


# Under load: gunicorn and wrk


def port_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mo(pid):
    for ligne in Path(f"/proc/{pid}/status").read_text().splitlines():
        if ligne.startswith("VmRSS:"):
            return int(ligne.split()[1]) / 1024
    return 0.0


def propre_mo(pid):
    """The memory of the process that no other shares (private pages, in MiB): with workers
    forked from a master that read the indexes, what each worker adds."""
    propre = 0
    for ligne in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if ligne.startswith(("Private_Clean:", "Private_Dirty:")):
            propre += int(ligne.split()[1])
    return propre / 1024


def travailleurs(pid):
    """The processes whose parent is `pid`: gunicorn's workers."""
    enfants = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name, in parentheses, may hold spaces: the parent follows its end.
            champs = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(champs[1]) == pid:
            enfants.append(int(stat.parent.name))
    return sorted(enfants)


class Serveur:
    """gunicorn on 127.0.0.1 (two workers unless told), on the benchmark database; always
    stopped."""

    def __init__(self, workers=2, adresse="/robots.txt", acces=False):
        self.workers = workers
        self.adresse = adresse  # served once gunicorn is ready
        self.port = port_libre()
        self.journal = tempfile.TemporaryFile()
        self.servies = self.erreurs = 0  # requests answered so far, and failed
        # With acces, gunicorn logs each request with the pid of the worker that served it.
        self.acces = tempfile.NamedTemporaryFile(suffix=".log") if acces else None
        self.numero = 0

    def __enter__(self):
        # The site's own configuration: workers forked from a loaded application.
        commande = [sys.executable, "-m", "gunicorn", "--config", str(CONFIGURATION_GUNICORN)]
        commande += ["--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}"]
        if self.acces:
            commande += ["--access-logfile", self.acces.name]
            commande += ["--access-logformat", "%(p)s %(s)s %(U)s?%(q)s"]
        self.debut = time.monotonic()
        self.processus = subprocess.Popen(
            commande, cwd=settings.BASE_DIR, stdout=self.journal, stderr=subprocess.STDOUT
        )
        # A SIGTERM to the benchmark must still stop gunicorn: turn it into an exception.
        self.signal_precedent = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        try:
            self.attendre()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exception):
        self.processus.terminate()
        try:
            self.processus.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.processus.kill()
            self.processus.wait()
        signal.signal(signal.SIGTERM, self.signal_precedent)

    def attendre(self, delai=900):
        fin = time.monotonic() + delai
        while time.monotonic() < fin:
            if self.processus.poll() is not None:
                break
            connexion = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                if self.obtenir(connexion, self.adresse) == 200:
                    self.servies += 1
                    # From the command to the first answer: the application loaded, the
                    # listings' indexes read, the workers forked.
                    self.demarrage = getattr(self, "demarrage", time.monotonic() - self.debut)
                    if len(travailleurs(self.processus.pid)) == self.workers:
                        return
            except OSError:
                pass  # not listening yet
            finally:
                connexion.close()
            time.sleep(0.2)
        self.journal.seek(0)
        sortie = self.journal.read().decode(errors="replace")[-2000:]
        raise CommandError(f"gunicorn n'a pas démarré :\n{sortie}")

    @staticmethod
    def obtenir(connexion, adresse):
        connexion.request("GET", adresse)
        reponse = connexion.getresponse()
        reponse.read()
        return reponse.status

    def envoyer(self, adresses, nombre, connexions=4, delai=300):
        """Send `nombre` requests over a few connections, within `delai` seconds at most."""
        suivante, verrou = iter(range(nombre)), threading.Lock()
        fin = time.monotonic() + delai

        def client():
            # Longer than gunicorn's own 30 s: a request too slow for it shows as its error.
            connexion = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            while time.monotonic() < fin:
                with verrou:
                    i = next(suivante, None)
                if i is None:
                    break
                try:
                    reussie = self.obtenir(connexion, adresses[i % len(adresses)]) == 200
                except (OSError, http.client.HTTPException):
                    reussie = False
                    connexion.close()  # reopened by the next request
                with verrou:
                    self.servies += reussie
                    self.erreurs += not reussie
            connexion.close()

        fils = [threading.Thread(target=client) for _ in range(connexions)]
        for f in fils:
            f.start()
        for f in fils:
            f.join()

    def repondre(self, adresse):
        """(status, body, pid of the worker) of one request on a connection of its own."""
        self.numero += 1
        marque = f"{'&' if '?' in adresse else '?'}mesure={self.numero}"
        connexion = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connexion.request("GET", adresse + marque)
            reponse = connexion.getresponse()
            corps = reponse.read().decode(errors="replace")
        finally:
            connexion.close()
        return reponse.status, corps, self.pid_de(f"mesure={self.numero}")

    def pid_de(self, marque, delai=5):
        """The worker that served the request so marked, from gunicorn's access log (written
        just after the answer: it may take a moment)."""
        fin = time.monotonic() + delai
        while time.monotonic() < fin:
            for ligne in Path(self.acces.name).read_text(errors="replace").splitlines():
                if ligne.endswith(marque) or f"{marque}&" in ligne:
                    return int(ligne.split()[0].strip("<>"))
            time.sleep(0.005)
        return None

    def releve(self, moment):
        """Requests so far and each worker's resident memory: a row of the memory table."""
        tailles = {p: (rss_mo(p), propre_mo(p)) for p in self.travailleurs()}
        return (moment, self.servies, self.erreurs, tailles)

    def travailleurs(self):
        return travailleurs(self.processus.pid)

    def delais_depasses(self):
        """How many times gunicorn killed a worker stuck on a request for more than 30 s."""
        self.journal.seek(0)
        return self.journal.read().decode(errors="replace").count("WORKER TIMEOUT")

    def wrk(self, adresses, duree, connexions=4):
        """Throughput and latency of these pages, with wrk: 2 threads, 4 connections unless
        told."""
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(script_wrk(adresses))
            script.flush()
            commande = ["wrk", "-t2", f"-c{connexions}", f"-d{duree}s", "--timeout", "10s"]
            commande += ["-s", script.name]
            sortie = subprocess.run(
                [*commande, f"http://127.0.0.1:{self.port}"],
                capture_output=True,
                text=True,
                timeout=duree + 60,
                check=True,
            ).stdout
        ligne = next(ligne for ligne in sortie.splitlines() if ligne.startswith("RESULTAT "))
        requetes, duree_us, erreurs, statuts, p50, p95, p99 = map(int, ligne.split()[1:])
        self.servies += requetes - statuts
        self.erreurs += erreurs + statuts
        return {
            "req/s": requetes / (duree_us / 1e6),
            "p50": p50 / 1000,
            "p95": p95 / 1000,
            "p99": p99 / 1000,
            "erreurs": erreurs + statuts,
            "requetes": requetes,
        }


def script_wrk(adresses):
    """Each wrk thread walks the list from its own starting point; done() prints the figures."""
    if any('"' in a or "\\" in a for a in adresses):
        raise CommandError("Adresse impossible à passer à wrk.")
    liste = ",\n  ".join(f'"{a}"' for a in adresses)
    return f"""
chemins = {{
  {liste}
}}
numero_fil = 0
function setup(thread)
  thread:set("decalage", numero_fil * 7919)
  numero_fil = numero_fil + 1
end
compteur = 0
function request()
  compteur = compteur + 1
  return wrk.format(nil, chemins[(compteur + decalage) % #chemins + 1])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULTAT %d %d %d %d %d %d %d\\n", summary.requests,
    summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def verifier_wrk():
    if shutil.which("wrk") is None:
        raise CommandError(
            "--charge a besoin de wrk, introuvable ici. Installez-le (Debian, Ubuntu : "
            "apt-get install -y wrk) ou relancez sans --charge."
        )


def adresses_sous_charge(graine, nombre):
    """A listing searched for a word, and organisation profiles: `nombre` of each."""
    rng = random.Random(graine + 1)
    organisations = echantillon(rng, nombre)
    listes = adresses_de_recherche(rng, organisations, "/acteurs/", 1) or ["/acteurs/"]
    return listes, [organisation.get_absolute_url() for organisation in organisations]


def sous_charge(listes, fiches, duree):
    """Throughput of each page with wrk; workers' memory after 1,000 and 10,000 requests."""
    melange = [adresse for paire in zip(listes, fiches, strict=False) for adresse in paire]
    with Serveur() as serveur:
        releves = [serveur.releve("démarrage")]
        serveur.envoyer(melange, 1000 - serveur.servies)
        releves.append(serveur.releve("1 000 requêtes visées"))
        debits = [
            (f"liste ({listes[0]}…)", serveur.wrk(listes, duree)),
            (f"fiche ({fiches[0]}…)", serveur.wrk(fiches, duree)),
        ]
        serveur.envoyer(melange, 10_000 - serveur.servies - serveur.erreurs)
        releves.append(serveur.releve("10 000 requêtes visées"))
        delais = serveur.delais_depasses()
    return debits, releves, delais


def tableaux_sous_charge(debits, releves, delais):
    lignes = [("page", "réponses", "req/s", "p50 ms", "p95 ms", "p99 ms", "erreurs")]
    for page, m in debits:
        latences = [f"{m[rang]:.1f}" if m["requetes"] else "–" for rang in ("p50", "p95", "p99")]
        lignes.append((page, m["requetes"], f"{m['req/s']:.1f}", *latences, m["erreurs"]))
    # Workers are listed by pid: one that gunicorn replaced shows as new (*).
    premiers = set(releves[0][3])
    memoire = [("après", "réussies", "en erreur", "worker 1 (Mio)", "worker 2 (Mio)")]
    for moment, servies, erreurs, tailles in releves:
        cellules = [
            f"{rss:.1f} (propre {propre:.1f}){'' if p in premiers else '*'}"
            for p, (rss, propre) in sorted(tailles.items())
        ]
        memoire.append((moment, servies, erreurs, *(cellules + ["–", "–"])[:2]))
    texte = (
        f"{en_tableau(lignes)}\n\nMémoire résidente des workers (entre parenthèses, celle qu'ils "
        f"ne partagent pas avec le processus maître) :\n\n{en_tableau(memoire)}"
    )
    if any("*" in str(c) for ligne in memoire for c in ligne):
        texte += "\n\n* worker remplacé par gunicorn pendant la mesure."
    if delais:
        texte += f"\n\ngunicorn a interrompu {delais} requêtes de plus de 30 s (WORKER TIMEOUT)."
    return texte


def adresses_melangees(graine, nombre):
    """`nombre` addresses of each kind, taken in turn: a listing, a search, a profile.

    Listings: the four lists, filtered by legal form and région, deep pages. Searches: a word
    in /acteurs/, in /recherche/, and with filters. Profiles: organisations, people, programmes.
    """
    rng = random.Random(graine + 2)
    organisations = echantillon(rng, nombre)
    derniere = max(2, math.ceil(Organisation.objects.published().count() / PAR_PAGE))
    listes = ["/", "/acteurs/", "/personnes/", "/accompagnement/"]
    for organisation in organisations:
        lieu = region(organisation.siege)
        if lieu:
            parametres = {"forme_juridique": organisation.forme_juridique, "territoire": lieu.slug}
            listes.append(f"/acteurs/?{urlencode(parametres)}")
        listes.append(f"/acteurs/?page={rng.randint(2, derniere)}")
    recherches = [
        *adresses_de_recherche(rng, organisations, "/acteurs/", 1),
        *adresses_de_recherche(rng, organisations, "/recherche/", 1),
        *adresses_filtrees(rng, organisations),
    ]
    fiches = [organisation.get_absolute_url() for organisation in organisations]
    for modele in (Personne, Dispositif):
        pks = list(modele.objects.published().values_list("pk", flat=True))
        tires = modele.objects.filter(pk__in=rng.sample(pks, min(nombre, len(pks))))
        fiches += [entree.get_absolute_url() for entree in tires]
    genres = [rng.sample(liste, len(liste)) for liste in (listes, recherches, fiches)]
    return [genre[i % len(genre)] for i in range(nombre) for genre in genres if genre]


def essai_de_charge(adresses, duree, connexions, workers):
    """wrk for `duree` seconds over `connexions` connections, once every worker is warm."""
    with Serveur(workers=workers) as serveur:
        # Each worker reads the listings' indexes on its first listing: not part of the test.
        demarrage = serveur.servies
        serveur.envoyer(adresses, 50 * workers, connexions=workers)
        chauffe = (serveur.servies - demarrage, serveur.erreurs)
        resultat = serveur.wrk(adresses, duree, connexions=connexions)
        memoire = {pid: rss_mo(pid) for pid in serveur.travailleurs()}
        delais = serveur.delais_depasses()
    return resultat, chauffe, memoire, delais


def tableau_essai_de_charge(resultat, chauffe, memoire, delais):
    lignes = [("réponses", "req/s", "p50 ms", "p95 ms", "p99 ms", "erreurs")]
    latences = [f"{resultat[rang]:.1f}" for rang in ("p50", "p95", "p99")]
    lignes.append(
        (resultat["requetes"], f"{resultat['req/s']:.1f}", *latences, resultat["erreurs"])
    )
    texte = en_tableau(lignes)
    texte += f"\n\nChauffe : {chauffe[0]} réponses, {chauffe[1]} en erreur."
    tailles = ", ".join(f"{mo:.1f}" for mo in memoire.values())
    texte += f"\nMémoire résidente des workers à la fin (Mio) : {tailles}."
    if delais:
        texte += f"\ngunicorn a interrompu {delais} requêtes de plus de 30 s (WORKER TIMEOUT)."
    return texte


# Downloads of a whole listing, under gunicorn

TELECHARGEMENTS = [
    "/acteurs/export.csv",
    "/acteurs/export.json",
    "/acteurs/export.data-inclusion.json",
    "/personnes/export.csv",
    "/accompagnement/export.csv",
]


def telecharger(serveur, adresse):
    """Stream one download to its end: time to the first byte and to the last, size, lines,
    and the worker's resident memory before and at its highest meanwhile (read every 0.1 s).
    """
    (pid,) = serveur.travailleurs()
    avant = pic = rss_mo(pid)
    fini = threading.Event()

    def surveiller():
        nonlocal pic
        while not fini.wait(0.1):
            try:
                pic = max(pic, rss_mo(pid))
            except OSError:  # the worker is gone: gunicorn killed it
                return

    surveillant = threading.Thread(target=surveiller)
    surveillant.start()
    connexion = http.client.HTTPConnection("127.0.0.1", serveur.port, timeout=300)
    premier, octets, lignes, etat = None, 0, 0, "complet"
    debut = time.perf_counter()
    try:
        connexion.request("GET", adresse)
        reponse = connexion.getresponse()
        if reponse.status != 200:
            etat = f"statut {reponse.status}"
        while bloc := reponse.read1(1 << 16):
            if premier is None:
                premier = time.perf_counter() - debut
            octets += len(bloc)
            lignes += bloc.count(b"\n")
    except (OSError, http.client.HTTPException) as erreur:
        etat = f"interrompu ({type(erreur).__name__})"
    finally:
        total = time.perf_counter() - debut
        fini.set()
        surveillant.join()
        connexion.close()
    return {
        "adresse": adresse,
        "premier": premier,
        "total": total,
        "octets": octets,
        "lignes": lignes,
        "avant": avant,
        "pic": pic,
        "etat": etat,
    }


def telechargements(adresses=TELECHARGEMENTS):
    """Each download once, by one gunicorn worker (its default 30 s timeout), in turn."""
    with Serveur(workers=1) as serveur:
        resultats = [telecharger(serveur, adresse) for adresse in adresses]
        delais = serveur.delais_depasses()
    return resultats, delais


def tableau_telechargements(resultats, delais):
    lignes = [
        ("téléchargement", "lignes", "Mio", "1er octet s", "total s", "RSS avant Mio",
         "RSS pic Mio", "état"),
    ]  # fmt: skip
    for r in resultats:
        premier = "–" if r["premier"] is None else f"{r['premier']:.2f}"
        lignes.append(
            (
                r["adresse"],
                r["lignes"],
                f"{r['octets'] / 2**20:.1f}",
                premier,
                f"{r['total']:.1f}",
                f"{r['avant']:.0f}",
                f"{r['pic']:.0f}",
                r["etat"],
            )
        )
    texte = en_tableau(lignes)
    if delais:
        texte += f"\n\ngunicorn a interrompu {delais} requêtes de plus de 30 s (WORKER TIMEOUT)."
    return texte


# Listings while a registry is imported

SOURCE_DU_FLUX = "flux-d-ecriture-de-la-mesure"
FORMES_DU_FLUX = ["Association", "Coopérative", "Collectif", "Atelier", "Réseau", "Ferme"]


def source_du_flux():
    """The source the writer cites, as an import cites its file: its entries are found by it."""
    source, _ = Source.objects.get_or_create(
        slug=SOURCE_DU_FLUX,
        defaults={
            "titre": "Flux d'écriture de la mesure des performances",
            "nature": NatureSource.REGISTRE,
        },
    )
    return source


def fiches_du_flux(rng, debut, nombre, communes):
    """SIRENE-like entries, each with a SIREN and a SIRET of its own (valid check digits)."""
    fiches = []
    for numero in range(debut, debut + nombre):
        base = f"{80_000_000 + numero:08d}"
        siren = base + luhn.calc_check_digit(base)
        siret = f"{siren}0001" + luhn.calc_check_digit(f"{siren}0001")
        nom = f"{rng.choice(FORMES_DU_FLUX)} {rng.choice(NOMS)} {rng.choice(NOMS)}"
        fiches.append(
            FicheRegistre(
                registre="sirene",
                ligne=numero,
                siren=siren,
                siret=siret,
                nom=nom,
                code_commune=rng.choice(communes) if communes else "",
                date_creation=datetime.date(rng.randint(1980, 2024), 1, 1),
            )
        )
    return fiches


def ecrire_en_continu(par_minute, graine, ecrire):
    """Creates `par_minute` organisations a minute through the registries' import, in a batch
    every three seconds, until this process is stopped. Prints a line per batch."""
    rng, source = random.Random(graine), source_du_flux()
    communes = list(
        Territoire.objects.filter(niveau=NiveauTerritoire.COMMUNE)
        .exclude(code="")
        .values_list("code", flat=True)
    )
    taille = max(1, round(par_minute / 20))
    intervalle = 60 * taille / par_minute
    # After the entries a previous run may have left: identifiers never repeat.
    debut = Organisation.objects.filter(sources=source).count() + rng.randrange(10**6)
    while True:
        depart = time.monotonic()
        bilan = integrer(fiches_du_flux(rng, debut, taille, communes), source=source, publier=True)
        debut += taille
        ecrire(f"lot écrit : {bilan.crees} créée(s) en {time.monotonic() - depart:.2f} s")
        time.sleep(max(0.0, intervalle - (time.monotonic() - depart)))


def effacer_le_flux():
    """Deletes the writer's organisations and their history: the next measures are those of
    the synthetic directory alone. Returns how many there were."""
    source = Source.objects.filter(slug=SOURCE_DU_FLUX).first()
    if source is None:
        return 0
    pks = list(Organisation.objects.filter(sources=source).values_list("pk", flat=True))
    for debut in range(0, len(pks), 2000):
        Organisation.objects.filter(pk__in=pks[debut : debut + 2000]).delete()
    Organisation.history.model.objects.filter(id__in=pks).delete()
    source.delete()
    return len(pks)


def tableau_sous_ecritures(au_repos, sous_ecritures):
    lignes = [("scénario", "p50 repos", "p50 écritures", "×", "p95 repos", "p95 écritures", "×")]
    for repos, ecritures in zip(au_repos, sous_ecritures, strict=True):
        if not (repos.durees and ecritures.durees):
            lignes.append((repos.scenario.nom, *["–"] * 6))
            continue
        cellules = []
        for rang in (50, 95):
            avant, pendant = repos.percentile(rang), ecritures.percentile(rang)
            cellules += [f"{avant:.1f}", f"{pendant:.1f}", f"{pendant / avant:.1f}"]
        lignes.append((repos.scenario.nom, *cellules))
    return en_tableau(lignes)


# Under gunicorn: how fresh the listings are, how soon a worker serves


def adresse_large():
    """A search for the commonest word of organisations' names: a broad listing."""
    mots_des_noms = Counter()
    for nom in Organisation.objects.published().order_by("pk").values_list("nom", flat=True)[:500]:
        mots_des_noms.update(mots_cherchables(nom))
    mot = mots_des_noms.most_common(1)[0][0] if mots_des_noms else ""
    return f"/acteurs/?{urlencode({'q': mot})}" if mot else "/acteurs/"


def mot_unique():
    """A word no document holds: letters only, long enough to be searched as it is."""
    return "fraicheur" + "".join(random.choice("bcdfghjklmnpqrstvwxz") for _ in range(10))


def fraicheur(adresse_large, delai=60):
    """Renames an organisation to a new word, then searches for it on fresh connections until
    each worker has found it. Returns ({worker: ms}, requests sent, workers)."""
    organisation = Organisation.objects.published().order_by("pk").first()
    ancien, mot = organisation.nom, mot_unique()
    with Serveur(adresse=adresse_large, acces=True) as serveur:
        travailleurs_ = set(serveur.travailleurs())
        for _ in range(10 * len(travailleurs_)):  # every worker has read its listings
            serveur.repondre(adresse_large)
        organisation.nom = f"{ancien} {mot}"
        organisation.save()
        depart, vus, envoyees = time.monotonic(), {}, 0
        while set(vus) < travailleurs_ and time.monotonic() - depart < delai:
            statut, corps, pid = serveur.repondre(f"/acteurs/?{urlencode({'q': mot})}")
            envoyees += 1
            if statut == 200 and mot in corps and pid is not None and pid not in vus:
                vus[pid] = (time.monotonic() - depart) * 1000
    organisation.nom = ancien
    organisation.save()
    return vus, envoyees, travailleurs_


def nouveau_worker(adresse_large, delai=120):
    """gunicorn's start to its first listing; then a worker killed (SIGKILL) and the time until
    the one gunicorn starts instead has served that listing. Returns the three delays in ms."""
    with Serveur(adresse=adresse_large, acces=True) as serveur:
        demarrage = serveur.demarrage * 1000
        anciens = set(serveur.travailleurs())
        victime = min(anciens)
        depart = time.monotonic()
        os.kill(victime, signal.SIGKILL)
        remplacant = apparition = None
        while time.monotonic() - depart < delai:
            nouveaux = set(serveur.travailleurs()) - anciens
            if nouveaux and apparition is None:
                apparition = (time.monotonic() - depart) * 1000
            if nouveaux:
                statut, _, pid = serveur.repondre(adresse_large)
                if statut == 200 and pid in nouveaux:
                    remplacant = (time.monotonic() - depart) * 1000
                    break
            else:
                time.sleep(0.005)
    return demarrage, apparition, remplacant
