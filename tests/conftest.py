import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import translation
from hypothesis import settings

from ecosysteme.listes import index_facettes

# Examples per test case of tests/ecosysteme/test_parametres_arbitraires.py, whose 52 cases (26
# pages, two kinds of query string) make about 400 examples in all by default, and 10,000 with
# HYPOTHESIS_PROFILE=complet. No deadline: a page's time depends on the shared machine.
settings.register_profile("defaut", max_examples=8, deadline=None)
settings.register_profile("complet", max_examples=120, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "defaut"))

FIXTURES = sorted(str(p) for p in (Path(__file__).parent.parent / "fixtures").glob("*.json"))


class Seed:
    """The seeded directory, committed in the test database outside any test.

    It is loaded once for all the tests that ask for it (donnees_seed), which run first;
    the database is emptied before the first test that does not ask for it, and the seed
    loaded again only if a test asks for it after that. Each test still runs in its own
    transaction, rolled back afterwards, so none sees another's changes.
    """

    bloqueur = None  # pytest-django's django_db_blocker, once the test database exists
    charge = False

    @classmethod
    def charger(cls):
        with cls.bloqueur.unblock():
            call_command("loaddata", *FIXTURES, verbosity=0)
        cls.charge = True

    @classmethod
    def vider(cls):
        with cls.bloqueur.unblock():
            call_command("flush", interactive=False, verbosity=0)
        cls.charge = False


def veut_le_seed(item):
    return "donnees_seed" in getattr(item, "fixturenames", ())


def est_transactionnel(item):
    """Whether the test commits, as pytest-django decides: Django's TransactionTestCase then
    empties every table after it."""
    marque = item.get_closest_marker("django_db")
    if marque and (marque.kwargs.get("transaction") or marque.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # The tests of the seeded directory first, in their order; then the others, in theirs
    # (pytest-django's: those in a transaction, those that commit, those without a database).
    items.sort(key=lambda item: not veut_le_seed(item))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    # Before the test's fixtures, hence outside its transaction. Until the first test of the
    # seed, the database is empty and may not even exist yet: _seed_de_la_session loads it.
    if Seed.bloqueur is not None:
        if veut_le_seed(item) and not Seed.charge:
            Seed.charger()
        elif not veut_le_seed(item) and Seed.charge:
            Seed.vider()
    resultat = yield
    if est_transactionnel(item):
        Seed.charge = False
    return resultat


@pytest.fixture(scope="session")
def _seed_de_la_session(django_db_setup, django_db_blocker):
    Seed.bloqueur = django_db_blocker
    Seed.charger()
    yield
    # The database is left empty, as it was found (--reuse-db keeps it).
    if Seed.charge:
        Seed.vider()
    Seed.bloqueur = None


@pytest.fixture(autouse=True)
def _index_facettes_neuf():
    # Each test starts with no facet index in memory: the token that tells an index is
    # current never changes in a test's transaction, never committed, so an index read by
    # a test before could be reused, and the query counts would depend on their order.
    index_facettes.oublier()


@pytest.fixture(autouse=True)
def _en_francais():
    # A request in Dutch or English leaves its language active in the thread after the
    # response (as in a server's worker, until its next request): each test starts in French.
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def donnees_seed(_seed_de_la_session, db):
    """The seeded directory, loaded in one loaddata call, as the README does."""
