"""The search index of each table stays in step with it, whatever migrations did to the table
(on SQLite, altering a constraint copies the table anew, without its triggers)."""

import pytest

from accompagnement.models import Dispositif
from acteurs.models import Organisation, Personne
from tests.factories import DispositifFactory, OrganisationFactory, PersonneFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("modele", "fabrique", "champ"),
    [
        (Organisation, OrganisationFactory, "nom"),
        (Personne, PersonneFactory, "nom"),
        (Dispositif, DispositifFactory, "nom"),
    ],
)
def test_an_entry_is_found_as_soon_as_it_is_saved_and_renamed(modele, fabrique, champ):
    entree = fabrique(**{champ: "Zythologie solidaire"})

    assert list(modele.objects.search("zythologie")) == [entree]

    setattr(entree, champ, "Brasserie coopérative")
    entree.save()

    assert list(modele.objects.search("zythologie")) == []
    assert list(modele.objects.search("brasserie")) == [entree]

    entree.delete()
    assert list(modele.objects.search("brasserie")) == []
