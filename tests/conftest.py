import pytest
from django.core.management import call_command


@pytest.fixture
def donnees_seed(db):
    """The seeded directory, loaded from fixtures/ exactly as the README loads it."""
    call_command("charger_donnees", verbosity=0)
