import os
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import settings

from ecosysteme.listes import index_facettes

# Examples per test case of tests/ecosysteme/test_parametres_arbitraires.py, whose 52 cases (26
# pages, two kinds of query string) make about 400 examples in all by default, and 10,000 with
# HYPOTHESIS_PROFILE=complet. No deadline: a page's time depends on the shared machine.
settings.register_profile("defaut", max_examples=8, deadline=None)
settings.register_profile("complet", max_examples=120, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "defaut"))

FIXTURES = sorted(str(p) for p in (Path(__file__).parent.parent / "fixtures").glob("*.json"))


@pytest.fixture(autouse=True)
def _index_facettes_neuf():
    # Each test starts with no facet index in memory: the token that tells an index is
    # current never changes in a test's transaction, never committed, so an index read by
    # a test before could be reused, and the query counts would depend on their order.
    index_facettes.oublier()


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
