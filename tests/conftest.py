from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = sorted(str(p) for p in (Path(__file__).parent.parent / "fixtures").glob("*.json"))


@pytest.fixture
def donnees_seed(db):
    """The seeded directory, loaded in one call, as the README does."""
    call_command("loaddata", *FIXTURES, verbosity=0)
