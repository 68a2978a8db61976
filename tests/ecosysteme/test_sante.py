"""The health check answers 200 only when the database is there, reachable and migrated."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.db import connection
from django.urls import reverse

RACINE = Path(__file__).resolve().parents[2]

# Asks /sante/ in a process of its own, with production settings and the given database.
INTERROGER = """
import django, json
django.setup()
from django.test import Client
reponse = Client().get("/sante/")
print(json.dumps({"status": reponse.status_code, "contenu": reponse.json()}))
"""


def interroger(database_url):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="ecosysteme.settings.base",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
    )
    resultat = subprocess.run(
        [sys.executable, "-c", INTERROGER], cwd=RACINE, env=env, capture_output=True, text=True
    )
    assert resultat.returncode == 0, resultat.stderr
    return json.loads(resultat.stdout.strip().splitlines()[-1])


def test_health_check_reports_the_database(client, db):
    response = client.get(reverse("sante"))

    assert response.status_code == 200
    assert response.json() == {"statut": "ok", "base_de_donnees": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_a_missing_sqlite_file_is_unavailable_and_stays_missing(tmp_path):
    fichier = tmp_path / "absente.sqlite3"

    reponse = interroger(f"sqlite:///{fichier}")

    assert reponse["status"] == 503
    assert reponse["contenu"] == {"statut": "indisponible", "base_de_donnees": "absente"}
    assert not fichier.exists()


def test_an_empty_sqlite_file_is_unavailable_until_migrated(tmp_path):
    fichier = tmp_path / "vide.sqlite3"
    fichier.touch()

    reponse = interroger(f"sqlite:///{fichier}")

    assert reponse["status"] == 503
    assert reponse["contenu"]["base_de_donnees"] == "migrations en attente"


def test_an_unreachable_server_is_unavailable():
    # Nothing listens on port 9: the connection is refused at once.
    reponse = interroger("postgres://postgres@127.0.0.1:9/ecosysteme")

    assert reponse["status"] == 503
    assert reponse["contenu"]["base_de_donnees"] == "injoignable"


def test_a_migration_not_applied_makes_the_node_unavailable(client, db):
    with connection.cursor() as curseur:
        curseur.execute(
            "DELETE FROM django_migrations WHERE app = 'acteurs' AND name = "
            "(SELECT MAX(name) FROM django_migrations WHERE app = 'acteurs')"
        )

    response = client.get(reverse("sante"))

    assert response.status_code == 503
    assert response.json() == {"statut": "indisponible", "base_de_donnees": "migrations en attente"}
