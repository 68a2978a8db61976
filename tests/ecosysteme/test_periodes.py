"""A period's end is compared with its start at the end's own precision, by the model's
validation and by the database itself."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from acteurs.models import Fonction
from ecosysteme.enums import PrecisionDate
from tests.factories import FonctionFactory

pytestmark = pytest.mark.django_db

ANNEE, MOIS, JOUR = PrecisionDate.ANNEE, PrecisionDate.MOIS, PrecisionDate.JOUR

ACCEPTEES = [
    # From June 2020 to « 2020 »: 1 January 2020 stands for the whole year.
    (date(2020, 6, 1), MOIS, date(2020, 1, 1), ANNEE),
    (date(2020, 6, 15), JOUR, date(2020, 1, 1), ANNEE),
    # From 15 June 2020 to « June 2020 ».
    (date(2020, 6, 15), JOUR, date(2020, 6, 1), MOIS),
    (date(2019, 3, 1), ANNEE, date(2020, 1, 1), ANNEE),
    (date(2020, 6, 15), JOUR, date(2020, 6, 15), JOUR),
]
REFUSEES = [
    (date(2020, 6, 1), MOIS, date(2019, 1, 1), ANNEE),
    (date(2020, 6, 15), JOUR, date(2020, 5, 1), MOIS),
    (date(2021, 1, 1), ANNEE, date(2020, 12, 1), MOIS),
    (date(2020, 6, 15), JOUR, date(2020, 6, 14), JOUR),
]


def fonction(debut, debut_precision, fin, fin_precision):
    modele = FonctionFactory.build(
        debut=debut, debut_precision=debut_precision, fin=fin, fin_precision=fin_precision
    )
    modele.personne.save()
    modele.organisation.save()
    modele.personne_id, modele.organisation_id = modele.personne.pk, modele.organisation.pk
    return modele


@pytest.mark.parametrize("periode", ACCEPTEES)
def test_an_end_within_the_start_s_year_or_month_is_accepted(periode):
    entree = fonction(*periode)

    entree.full_clean()
    entree.save()  # the database agrees

    assert Fonction.objects.filter(pk=entree.pk).exists()


@pytest.mark.parametrize("periode", REFUSEES)
def test_an_end_before_the_start_at_its_precision_is_refused(periode):
    entree = fonction(*periode)

    with pytest.raises(ValidationError) as refus:
        entree.full_clean()
    assert refus.value.messages == ["La fin ne peut pas précéder le début."]
    # Saved without validation, the database refuses it too.
    with pytest.raises(IntegrityError), transaction.atomic():
        entree.save()
