"""The one invalidation of the listings' indexes (index_facettes.donnees_modifiees): at once in
the process that writes, and in the others by a token changed once per committed transaction."""

from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import transaction

from acteurs.models import Organisation
from ecosysteme.listes import index_facettes
from ecosysteme.models import VersionDonnees
from tests.conftest import FIXTURES
from tests.factories import (
    OrganisationFactory,
    PersonneFactory,
    TerritoireFactory,
    ThematiqueFactory,
    TypeActiviteFactory,
)
from tests.test_admin import admin_url, organisation_post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def validee(django_capture_on_commit_callbacks):
    """A transaction as if committed (the test's own never is): its on_commit callbacks run at
    its end; it gives the changes of version that ran."""

    @contextmanager
    def transaction_validee():
        changements = []
        with django_capture_on_commit_callbacks(execute=True) as rappels:
            with transaction.atomic():
                yield changements
        changements += [r for r in rappels if isinstance(r, index_facettes.ChangementDeVersion)]

    return transaction_validee


@pytest.fixture
def liens(validee):
    with validee():
        return {
            "siege": TerritoireFactory(),
            "types": [TypeActiviteFactory(), TypeActiviteFactory()],
            "thematiques": [ThematiqueFactory()],
            "territoires_action": [TerritoireFactory(), TerritoireFactory()],
        }


def enregistrer(liens, **champs):
    """An organisation saved with its links and a role, as the admin's form and inlines do."""
    organisation = OrganisationFactory(siege=liens["siege"], **champs)
    organisation.types.set(liens["types"])
    organisation.thematiques.set(liens["thematiques"])
    organisation.territoires_action.set(liens["territoires_action"])
    organisation.fonctions.create(personne=PersonneFactory(), intitule="gérante")
    organisation.relations_sortantes.create(cible=OrganisationFactory(), type="membre")
    return organisation


def nombre_affiche(client):
    """The number of organisations the listing says it has."""
    return client.get("/acteurs/").context["page"].paginator.count


def test_a_transaction_saving_an_organisation_and_its_links_changes_the_token_once(liens, validee):
    avant = VersionDonnees.actuelle()
    with validee() as changements:
        organisation = enregistrer(liens)
        assert VersionDonnees.actuelle() == avant  # not before the commit
    assert len(changements) == 1
    premier = VersionDonnees.actuelle()
    assert premier != avant

    # The next transaction changes it again, once.
    with validee() as changements:
        organisation.nom = "Renommée"
        organisation.save()
        organisation.thematiques.clear()
    assert len(changements) == 1
    assert VersionDonnees.actuelle() not in {avant, premier}


def test_an_admin_save_with_links_and_inlines_changes_the_token_once(
    admin_client, liens, validee, django_capture_on_commit_callbacks
):
    with validee():
        organisation = OrganisationFactory()
        reseau = OrganisationFactory()
    avant = VersionDonnees.actuelle()
    donnees = organisation_post_data(
        organisation,
        **{"relations_sortantes-0-type": "membre", "relations_sortantes-0-cible": reseau.pk},
    )
    donnees["siege"] = liens["siege"].pk
    donnees["types"] = [t.pk for t in liens["types"]]
    donnees["thematiques"] = [t.pk for t in liens["thematiques"]]
    donnees["territoires_action"] = [t.pk for t in liens["territoires_action"]]

    # The admin saves the form, its links and its inlines in one transaction of its own.
    with django_capture_on_commit_callbacks(execute=True) as rappels:
        response = admin_client.post(admin_url(organisation, "change", organisation.pk), donnees)

    assert response.status_code == 302
    assert organisation.types.count() == 2
    assert organisation.relations_sortantes.count() == 1
    assert [type(r) for r in rappels] == [index_facettes.ChangementDeVersion]
    assert VersionDonnees.actuelle() != avant


def test_a_transaction_rolled_back_changes_nothing_and_schedules_nothing(liens, validee):
    avant = VersionDonnees.actuelle()
    with validee() as changements:
        enregistrer(liens)
        transaction.set_rollback(True)
    assert changements == []
    assert VersionDonnees.actuelle() == avant
    assert index_facettes.changement_prevu() is None

    # Nothing is left believed scheduled: the next transaction changes the token.
    with validee() as changements:
        enregistrer(liens)
    assert len(changements) == 1
    assert VersionDonnees.actuelle() != avant


def test_a_savepoint_rolled_back_takes_its_change_with_it(liens, validee):
    with validee() as changements:
        with transaction.atomic():
            enregistrer(liens)
            transaction.set_rollback(True)
        assert index_facettes.changement_prevu() is None
        # A write after it, in the same transaction, schedules the change anew.
        OrganisationFactory()
        assert index_facettes.changement_prevu() is not None
    assert len(changements) == 1


@pytest.mark.django_db(transaction=True)
def test_outside_any_transaction_the_token_changes_at_once():
    organisation = OrganisationFactory()
    apres_creation = VersionDonnees.actuelle()
    assert apres_creation != ""
    assert index_facettes.changement_prevu() is None

    organisation.delete()
    assert VersionDonnees.actuelle() != apres_creation


@pytest.mark.django_db(transaction=True)
def test_loading_the_fixtures_changes_the_token_once(monkeypatch):
    # loaddata saves raw, but still sends the signals, in one transaction.
    ecrits = []
    changer = VersionDonnees.changer

    def espion(using=None, changements=None):
        changer(using=using, changements=changements)
        ecrits.append(VersionDonnees.actuelle())

    monkeypatch.setattr(VersionDonnees, "changer", staticmethod(espion))
    call_command("loaddata", *FIXTURES, verbosity=0)

    assert Organisation.objects.exists()
    assert ecrits == [VersionDonnees.actuelle()]


def test_a_listing_shows_a_new_organisation_at_once(client):
    OrganisationFactory()
    assert nombre_affiche(client) == 1
    jeton = VersionDonnees.actuelle()

    OrganisationFactory()

    # The test's transaction is never committed: the token stays, the process's index goes.
    assert VersionDonnees.actuelle() == jeton
    assert nombre_affiche(client) == 2


def test_an_index_read_in_a_transaction_rolled_back_is_not_kept(client):
    assert nombre_affiche(client) == 0

    with transaction.atomic():
        OrganisationFactory()
        assert nombre_affiche(client) == 1
        transaction.set_rollback(True)

    assert nombre_affiche(client) == 0


def test_an_index_read_in_a_savepoint_rolled_back_is_not_kept(client):
    OrganisationFactory()
    with transaction.atomic():
        OrganisationFactory()  # the change is scheduled here
        with transaction.atomic():
            OrganisationFactory()  # and stays scheduled when this is rolled back
            assert nombre_affiche(client) == 3
            transaction.set_rollback(True)
        assert nombre_affiche(client) == 2
    assert nombre_affiche(client) == 2


def test_the_index_is_kept_while_nothing_is_written(client, django_assert_num_queries):
    OrganisationFactory()
    nombre_affiche(client)

    # The version of the data, then the page itself: no facet read again.
    with django_assert_num_queries(6):
        assert nombre_affiche(client) == 1
