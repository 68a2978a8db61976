"""`manage.py mesurer_import_sirene`, at a size fit for a test (the real one is 1.2 million)."""

import io

import pytest
from django.core.management import call_command

from acteurs.models import Organisation
from tests.ecosysteme.outils.test_mesure import base_de_mesure  # noqa: F401
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.lent]


def test_the_benchmark_imports_twice_and_leaves_the_site_database_alone(base_de_mesure):  # noqa: F811
    reelle = OrganisationFactory(nom="Une coopérative réelle")
    sortie = io.StringIO()

    call_command("mesurer_import_sirene", unites=300, base=base_de_mesure, stdout=sortie)

    texte = sortie.getvalue()
    assert "Premier import :" in texte
    assert "300 créée(s)" in texte
    assert "Second import :" in texte
    assert "0 créée(s), 0 proposition(s) de modification, 0 fermeture(s) proposée(s), 300 " in texte
    assert "mémoire résidente max." in texte
    assert list(Organisation.objects.all()) == [reelle]
