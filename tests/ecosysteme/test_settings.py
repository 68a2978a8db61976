"""Production settings fail fast and are safe by default."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
CLE = secrets.token_urlsafe(50)


def lire_reglage(nom, **environnement):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(DJANGO_SETTINGS_MODULE="ecosysteme.settings.base", **environnement)
    return subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings; print(settings.{nom})"],
        cwd=RACINE,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_secret_key():
    resultat = lire_reglage("DEBUG")
    assert resultat.returncode != 0
    assert "SECRET_KEY doit être défini" in resultat.stderr


def test_production_refuses_a_development_key():
    resultat = lire_reglage("DEBUG", SECRET_KEY="django-insecure-" + "x" * 40)
    assert resultat.returncode != 0


def test_production_refuses_a_short_or_repetitive_key():
    for cle in ("a1b2c3d4" * 5, "k" * 60):
        resultat = lire_reglage("DEBUG", SECRET_KEY=cle)
        assert resultat.returncode != 0
        assert "au moins 50 caractères aléatoires" in resultat.stderr


def test_debug_is_off_unless_asked():
    resultat = lire_reglage("DEBUG", SECRET_KEY=CLE)
    assert resultat.returncode == 0, resultat.stderr
    assert resultat.stdout.strip() == "False"


def test_database_url_selects_the_database():
    resultat = lire_reglage(
        "DATABASES['default']['ENGINE']",
        SECRET_KEY=CLE,
        DATABASE_URL="postgres://u@127.0.0.1:5432/annuaire",
    )
    assert resultat.stdout.strip() == "django.db.backends.postgresql"
    sans_url = lire_reglage("DATABASES['default']['ENGINE']", SECRET_KEY=CLE, DATABASE_URL="")
    assert sans_url.stdout.strip() == "django.db.backends.sqlite3"


# Two connections to one SQLite file: one holds a write transaction, the other reads.
LIRE_PENDANT_UNE_ECRITURE = """
import django
django.setup()
from django.db import connections
ecrivain = connections.create_connection("default")
lecteur = connections.create_connection("default")
curseur = ecrivain.cursor()
curseur.execute("CREATE TABLE essai (valeur integer)")
curseur.execute("INSERT INTO essai VALUES (1)")
curseur.execute("BEGIN EXCLUSIVE")
curseur.execute("INSERT INTO essai VALUES (2)")
lu = lecteur.cursor().execute("SELECT count(*) FROM essai").fetchone()[0]
mode = lecteur.cursor().execute("PRAGMA journal_mode").fetchone()[0]
print(lu, mode)
"""


def test_sqlite_lets_visitors_read_while_a_process_writes(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="ecosysteme.settings.base",
        SECRET_KEY=CLE,
        DATABASE_URL=f"sqlite:///{tmp_path / 'annuaire.sqlite3'}",
        SQLITE_TIMEOUT="1",
    )
    resultat = subprocess.run(
        [sys.executable, "-c", LIRE_PENDANT_UNE_ECRITURE],
        cwd=RACINE,
        env=env,
        capture_output=True,
        text=True,
    )

    assert resultat.returncode == 0, resultat.stderr
    # The reader sees the last committed state, without waiting for the writer.
    assert resultat.stdout.split() == ["1", "wal"]
