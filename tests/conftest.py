from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = sorted(str(p) for p in (Path(__file__).parent.parent / "fixtures").glob("*.json"))


@pytest.fixture(scope="module")
def _seed_du_module(django_db_setup, django_db_blocker):
    # Loaded once per test module rather than once per test: each test still runs in its own
    # transaction, rolled back afterwards, so none sees another's changes. The flush keeps
    # the seeded data out of the modules that expect an empty database.
    with django_db_blocker.unblock():
        call_command("loaddata", *FIXTURES, verbosity=0)
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def donnees_seed(_seed_du_module, db):
    """The seeded directory, loaded in one loaddata call, as the README does."""
