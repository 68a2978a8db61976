"""Backups: the directory dumped, then loaded into an empty database, comes back the same."""

import json

import pytest
from django.core.management import call_command

from acteurs.models import TerritoireCouvert
from ecosysteme.models import Vocabulaire
from tests.conftest import FIXTURES

pytestmark = pytest.mark.lent

APPS = ["ecosysteme", "acteurs", "accompagnement"]
# Derived from the entries, and rebuilt by the indexer as they load: not part of a backup.
DERIVEES = ["acteurs.territoirecouvert", "ecosysteme.vocabulaire", "ecosysteme.versiondonnees"]


def sauvegarder(chemin):
    call_command(
        "dumpdata",
        *APPS,
        exclude=DERIVEES,
        natural_foreign=True,
        natural_primary=True,
        indent=1,
        output=str(chemin),
        verbosity=0,
    )
    return json.loads(chemin.read_text(encoding="utf-8"))


def donnees_derivees():
    couverts = TerritoireCouvert.objects.values_list("organisation__slug", "territoire__slug")
    return set(couverts), set(Vocabulaire.objects.values_list("mot", "variante"))


@pytest.mark.django_db(transaction=True)
def test_a_backup_loaded_into_an_empty_database_gives_back_the_same_content(tmp_path):
    call_command("loaddata", *FIXTURES, verbosity=0)
    avant, derivees = sauvegarder(tmp_path / "avant.json"), donnees_derivees()
    call_command("flush", interactive=False, verbosity=0)
    assert donnees_derivees() == (set(), set())

    call_command("loaddata", str(tmp_path / "avant.json"), verbosity=0)

    assert len(avant) == 280
    assert sauvegarder(tmp_path / "apres.json") == avant
    assert donnees_derivees() == derivees
