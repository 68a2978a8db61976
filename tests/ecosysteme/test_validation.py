"""valider_donnees: checks data files as loaddata would, lists every problem, keeps nothing."""

import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from ecosysteme.models import VersionDonnees
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db


def lignes_du_directoire():
    return sum(
        m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"ecosysteme", "acteurs", "accompagnement"}
    )


def test_the_seeded_fixtures_are_valid_and_nothing_is_kept(capsys):
    call_command("valider_donnees", *FIXTURES)
    sortie = capsys.readouterr().out
    assert "01_referentiels.json : 82 entrées valides" in sortie
    assert "Tout est valide : 280 entrées dans 5 fichier(s). Rien n'a été enregistré." in sortie
    assert lignes_du_directoire() == 0
    assert VersionDonnees.actuelle() == ""


def test_every_problem_of_every_file_is_listed_and_nothing_is_kept(tmp_path):
    horodatage = {"created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}
    premier = tmp_path / "organisations.json"
    premier.write_text(
        json.dumps(
            [
                {"model": "acteurs.organisation",
                 "fields": {"slug": "scop-x", "nom": "X", "siret": "123", **horodatage}},
                {"model": "acteurs.organisation",
                 "fields": {"slug": "scop-y", "nom": "Y", "siege": ["nulle-part"], **horodatage}},
                {"model": "acteurs.organisation",
                 "fields": {"slug": "scop-z", "nom": "Z", **horodatage}},
                {"model": "acteurs.relation",
                 "fields": {"source": ["scop-z"], "cible": ["scop-z"], "type": "partenaire"}},
            ]
        ),
        encoding="utf-8",
    )  # fmt: skip
    casse = tmp_path / "casse.json"
    casse.write_text("[{", encoding="utf-8")
    with pytest.raises(CommandError) as refus:
        call_command("valider_donnees", str(premier), str(casse))
    assert str(refus.value).splitlines() == [
        f"{premier}, entrée n° 1 (acteurs.organisation « scop-x ») : "
        "champ siret : Le SIRET compte 14 chiffres, sans espace.",
        f"{premier}, entrée n° 2 (acteurs.organisation « scop-y ») : "
        "champ siege : territoire « nulle-part » introuvable",
        f"{premier}, entrée n° 4 (acteurs.relation « scop-z / scop-z / partenaire ») : "
        "champs cible, source : Une organisation ne peut pas être liée à elle-même.",
        f"{casse} : JSON mal formé, ligne 1, colonne 3 "
        "(Expecting property name enclosed in double quotes)",
        "4 problèmes : rien n'a été chargé.",
    ]
    assert lignes_du_directoire() == 0
