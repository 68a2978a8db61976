"""The benchmark command, as a smoke test: it prints every figure and touches nothing else.

Its figures are never asserted: they depend on the machine.
"""

import io
import os
import random
import re
import shutil

import dj_database_url
import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from psycopg import sql

from acteurs.models import Organisation
from acteurs.registres.commun import integrer
from ecosysteme.models import Source
from ecosysteme.outils import mesure
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.lent]

SCENARIOS = [
    "plancher",
    "accueil",
    "acteurs",
    "acteurs-1-mot",
    "acteurs-3-mots",
    "acteurs-filtres",
    "acteurs-derniere-page",
    "recherche",
    "organisation",
    "personne",
    "territoire",
    "thematique",
    "reseau-pays",
    "reseau-region",
    "reseau-thematique",
]


def test_robots_txt_lets_every_page_be_indexed(client):
    reponse = client.get("/robots.txt")
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "text/plain; charset=utf-8"
    assert reponse.content == (b"User-agent: *\nAllow: /\nSitemap: http://testserver/sitemap.xml\n")


@pytest.fixture
def base_de_mesure(tmp_path):
    """A benchmark database of the test's own, removed afterwards."""
    if connection.vendor == "sqlite":
        yield str(tmp_path / "mesure.sqlite3")
        return
    nom = f"ecosysteme_bench_test_{os.getpid()}"
    yield nom
    reglages = connection.settings_dict
    serveur = psycopg.connect(
        dbname="postgres",
        user=reglages["USER"] or None,
        password=reglages["PASSWORD"] or None,
        host=reglages["HOST"] or None,
        port=reglages["PORT"] or None,
        autocommit=True,
    )
    with serveur:
        serveur.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(nom)))


def test_the_benchmark_prints_every_page_and_leaves_the_site_database_alone(base_de_mesure):
    reelle = OrganisationFactory(nom="Une coopérative réelle")
    sortie = io.StringIO()

    call_command(
        "mesurer_performances",
        organisations=50,
        requetes=5,
        chauffe=1,
        base=base_de_mesure,
        stdout=sortie,
    )

    texte = sortie.getvalue()
    assert "| scénario " in texte
    for scenario in SCENARIOS:
        ligne = rf"^\| {scenario} +(\| +[\d.]+ ){{5}}\|$"  # p50, p95, ratio, SQL, measures
        assert re.search(ligne, texte, re.MULTILINE), f"{scenario} missing from:\n{texte}"
    assert "Sous charge" not in texte
    assert list(Organisation.objects.all()) == [reelle]


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk introuvable : apt-get install wrk")
def test_the_load_test_mixes_pages_and_reports_errors(base_de_mesure):
    sortie = io.StringIO()

    call_command(
        "mesurer_performances",
        organisations=50,
        essai_de_charge=True,
        duree_essai=2,
        connexions=4,
        workers=1,
        base=base_de_mesure,
        stdout=sortie,
    )

    texte = sortie.getvalue()
    assert "Essai de charge : gunicorn (1 workers)" in texte
    assert re.search(r"^\| \d+ +\| +[\d.]+ (\| +[\d.]+ ){3}\| +0 \|$", texte, re.MULTILINE), texte
    assert "Chauffe : 50 réponses, 0 en erreur." in texte
    assert "| scénario " not in texte


def test_the_download_benchmark_reads_each_download_to_its_end(base_de_mesure):
    sortie = io.StringIO()

    call_command(
        "mesurer_performances",
        organisations=50,
        telechargements=True,
        base=base_de_mesure,
        stdout=sortie,
    )

    texte = sortie.getvalue()
    for adresse in ["/acteurs/export.csv", "/acteurs/export.json", "/personnes/export.csv"]:
        # lines, MiB, first byte, total, memory before and at its peak, state
        ligne = rf"^\| {re.escape(adresse)} +\| +\d+ (\| +[\d.]+ ){{5}}\| complet \|$"
        assert re.search(ligne, texte, re.MULTILINE), f"{adresse} missing from:\n{texte}"
    assert "WORKER TIMEOUT" not in texte
    assert "| scénario " not in texte


def test_the_benchmark_refuses_the_site_database():
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{settings.BASE_DIR / 'db.sqlite3'}"
    site = str(dj_database_url.parse(url)["NAME"])
    with pytest.raises(CommandError, match="est la base du site"):
        call_command("mesurer_performances", organisations=50, base=site)


def test_the_measuring_process_refuses_a_database_it_was_not_given():
    with pytest.raises(CommandError, match="ne mesure que la base de mesure"):
        call_command("mesurer_performances", organisations=50, dans_la_base_de_mesure=True)


def test_listings_are_measured_idle_then_under_a_registry_import(base_de_mesure):
    sortie = io.StringIO()

    call_command(
        "mesurer_performances",
        organisations=200,
        requetes=3,
        chauffe=0,
        flux_d_ecriture=True,
        rythme_d_ecriture=6000,
        base=base_de_mesure,
        stdout=sortie,
    )

    texte = sortie.getvalue()
    for scenario in ["acteurs", "acteurs-1-mot", "acteurs-3-mots", "acteurs-derniere-page"]:
        ligne = rf"^\| {scenario} +(\| +[\d.]+ ){{6}}\|$"  # p50 and p95: idle, writes, ratio
        assert re.search(ligne, texte, re.MULTILINE), f"{scenario} missing from:\n{texte}"
    ecrites = re.search(r"(\d+) lots écrits .*soit (\d+) organisations, effacées", texte)
    assert ecrites, texte
    assert int(ecrites[1]) >= 1 and int(ecrites[2]) >= 300
    assert "| recherche " not in texte


def test_a_rename_is_found_by_each_worker_and_a_new_worker_serves(base_de_mesure):
    sortie = io.StringIO()

    call_command(
        "mesurer_performances",
        organisations=200,
        fraicheur=True,
        nouveau_worker=True,
        base=base_de_mesure,
        stdout=sortie,
    )

    texte = sortie.getvalue()
    assert re.search(r"^- worker 1 : trouvée après \d+ ms$", texte, re.MULTILINE), texte
    assert re.search(r"^- worker 2 : trouvée après \d+ ms$", texte, re.MULTILINE), texte
    for ligne in [
        "démarrage de gunicorn → première liste servie",
        "worker tué (SIGKILL) → remplaçant lancé",
        "worker tué (SIGKILL) → liste servie par le remplaçant",
    ]:
        assert re.search(rf"^- {re.escape(ligne)} : \d+ ms$", texte, re.MULTILINE), texte
    assert "| scénario " not in texte


def test_the_writer_s_organisations_are_removed_with_their_history():
    source = mesure.source_du_flux()
    fiches = mesure.fiches_du_flux(random.Random(1), 0, 3, [])
    integrer(fiches, source=source, publier=True)
    assert Organisation.objects.filter(sources=source).count() == 3

    assert mesure.effacer_le_flux() == 3

    assert not Organisation.objects.exists()
    assert not Organisation.history.exists()
    assert not Source.objects.filter(slug=mesure.SOURCE_DU_FLUX).exists()
