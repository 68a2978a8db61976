"""What each process does with the writes of the others: it reads the journal of writes
(VersionDonnees) and applies just the entries written, without reading its index again."""

import random
from contextlib import contextmanager

import pytest
from django.db import transaction

from acteurs.filters import OrganisationFilter, PersonneFilter
from acteurs.models import Organisation, Personne
from ecosysteme.listes import index_facettes
from ecosysteme.listes.index_facettes import IndexFacettes, index_de
from ecosysteme.models import VersionDonnees
from tests.factories import OrganisationFactory, PersonneFactory, ThematiqueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def validee(django_capture_on_commit_callbacks):
    """A transaction as if committed by another process: its on_commit callbacks run at its
    end, and this process had no index in between."""

    @contextmanager
    def transaction_validee():
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():
                yield

    return transaction_validee


@pytest.fixture
def constructions(monkeypatch):
    """How many times an index is read whole."""
    lues = []
    construire = IndexFacettes.construire.__func__

    def compter(cls, *args, **kwargs):
        lues.append(cls)
        return construire(cls, *args, **kwargs)

    monkeypatch.setattr(IndexFacettes, "construire", classmethod(compter))
    return lues


def index():
    return index_de(OrganisationFilter, Organisation.objects.published())


def nombre(client, **parametres):
    return client.get("/acteurs/", parametres).context["page"].paginator.count


def ordre_de_la_base():
    return list(Organisation.objects.published().order_by("nom", "pk").values_list("pk", flat=True))


def test_a_write_elsewhere_is_applied_without_reading_the_index_again(
    client, validee, constructions
):
    culture = ThematiqueFactory(slug="culture")
    with validee():
        OrganisationFactory.create_batch(3)
    assert nombre(client) == 3
    assert nombre(client, thematique="culture") == 0
    assert len(constructions) == 1

    with validee():
        nouvelle = OrganisationFactory(nom="Nouvelle")
        nouvelle.thematiques.add(culture)

    assert nombre(client) == 4
    assert nombre(client, thematique="culture") == 1
    assert len(constructions) == 1  # applied, not read again
    journal = VersionDonnees.objects.order_by("-pk").first()
    assert journal.modele == "acteurs.organisation" and nouvelle.pk in journal.cles


def test_a_renamed_entry_is_found_by_its_new_name_only(client, validee, constructions):
    with validee():
        organisation = OrganisationFactory(nom="Coopérative Ancienne")
        OrganisationFactory(nom="Autre")
    assert nombre(client, q="ancienne") == 1

    with validee():
        organisation.nom = "Coopérative Renouvelée"
        organisation.save()

    assert nombre(client, q="ancienne") == 0
    assert nombre(client, q="renouvelee") == 1
    assert len(constructions) == 1


def test_deleted_and_unpublished_entries_leave_the_counts(client, validee, constructions):
    with validee():
        a, b, _c = OrganisationFactory.create_batch(3)
    assert nombre(client) == 3
    with validee():
        a.delete()
    assert nombre(client) == 2
    with validee():
        b.is_published = False
        b.save()
    assert nombre(client) == 1
    assert len(constructions) == 1


@pytest.mark.parametrize("graine", range(4))
def test_the_order_kept_in_memory_follows_every_write(validee, graine):
    hasard = random.Random(graine)
    syllabes = ["co", "op", "é", "ra", "ti", "ve", "Al", "ba", "Zé", "ni", "th"]

    def nom():
        return "".join(hasard.choice(syllabes) for _ in range(hasard.randint(1, 4))).capitalize()

    with validee():
        organisations = [OrganisationFactory(nom=nom()) for _ in range(30)]
    assert list(index().classement.parcourir()) == ordre_de_la_base()

    for _etape in range(6):
        with validee():
            for _ in range(hasard.randint(1, 5)):
                choix = hasard.random()
                if choix < 0.4:
                    organisations.append(OrganisationFactory(nom=nom()))
                elif choix < 0.8 and organisations:
                    organisation = hasard.choice(organisations)
                    organisation.nom = nom()
                    organisation.save()
                elif organisations:
                    organisations.pop(hasard.randrange(len(organisations))).delete()
        courant = index()
        assert list(courant.classement.parcourir()) == ordre_de_la_base()
        # The first few of any set are those the database sorts first.
        pks = ordre_de_la_base()
        echantillon = index_facettes.en_bits(hasard.sample(pks, min(len(pks), 7)))
        attendus = [pk for pk in pks if pk in echantillon][:3]
        assert courant.premiers_de(echantillon, 3) == attendus
        assert courant.premiers_de(courant.entrees, 5) == pks[:5]


def test_an_index_behind_the_journal_is_read_again(client, validee, constructions, monkeypatch):
    with validee():
        OrganisationFactory()
    assert nombre(client) == 1
    monkeypatch.setattr(VersionDonnees, "JOURNAL_GARDE", 5)
    for _ in range(120):  # the oldest rows go, the index's version with them
        VersionDonnees.changer(changements={"acteurs.relation": [1]})
    assert not VersionDonnees.objects.filter(
        pk=int(index_facettes._index[OrganisationFilter].jeton.split(":")[0])
    ).exists()

    assert nombre(client) == 1
    assert len(constructions) == 2


def test_too_many_entries_at_once_say_that_anything_changed(monkeypatch, validee):
    monkeypatch.setattr(index_facettes, "CHANGEMENT_MAX", 2)
    with validee():
        OrganisationFactory.create_batch(3)
    assert VersionDonnees.objects.order_by("-pk").values_list("modele", "cles").first() == ("", [])


def test_a_write_of_this_process_rolled_back_is_undone(client):
    OrganisationFactory()
    assert nombre(client) == 1
    with transaction.atomic():
        organisation = OrganisationFactory(nom="Éphémère")
        assert nombre(client, q="ephemere") == 1
        transaction.set_rollback(True)
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert nombre(client, q="ephemere") == 0
    assert nombre(client) == 1


def test_people_are_placed_in_their_listings_order(validee):
    # Their order is an expression (the surname, or the designation without one).
    def ordre_des_personnes():
        publiees = Personne.objects.published()
        return [
            pk
            for (pk,) in index_facettes.lignes(
                publiees.order_by(*Personne._meta.ordering, "pk").values_list("pk")
            )
        ]

    with validee():
        personnes = [PersonneFactory(nom=nom) for nom in ["Martin", "Élise", "Bernard", "Zoé"]]
    assert (
        list(index_de(PersonneFilter, Personne.objects.published()).classement.parcourir())
        == ordre_des_personnes()
    )

    with validee():
        PersonneFactory(nom="", designation="La coordinatrice")
        personnes[0].nom = "Abel"
        personnes[0].save()
        personnes[3].delete()
    index = index_de(PersonneFilter, Personne.objects.published())
    assert list(index.classement.parcourir()) == ordre_des_personnes()
