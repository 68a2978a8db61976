import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from acteurs.enums import TypeRelation
from acteurs.validators import validate_bce, validate_rna, validate_siren, validate_siret
from ecosysteme.enums import PrecisionDate
from tests.factories import (
    ChiffreOrganisationFactory,
    FonctionFactory,
    OrganisationFactory,
    PersonneFactory,
    RelationFactory,
)


@pytest.mark.parametrize("siren", ["443061841", "732829320"])
def test_valid_siren(siren):
    validate_siren(siren)


@pytest.mark.parametrize(
    "siren", ["443061842", "44306184", "4430618411", "44306184A", "", "٤٤٣٠٦١٨٤١"]
)
def test_invalid_siren(siren):
    with pytest.raises(ValidationError):
        validate_siren(siren)


@pytest.mark.parametrize("siret", ["44306184100047", "35600000000048", "35600000049837"])
def test_valid_siret(siret):
    validate_siret(siret)


@pytest.mark.parametrize(
    "siret", ["44306184100048", "4430618410004", "443 061 841 00047", "35600000049838"]
)
def test_invalid_siret(siret):
    with pytest.raises(ValidationError):
        validate_siret(siret)


# Numbers given since 2023 begin with 1.
@pytest.mark.parametrize("bce", ["0403170701", "0417497106", "1000000021", "1234567894"])
def test_valid_bce(bce):
    validate_bce(bce)


@pytest.mark.parametrize(
    "bce", ["0403170702", "403170701", "0403.170.701", "2403170701", "BE0403170701", "1000000022"]
)
def test_invalid_bce(bce):
    with pytest.raises(ValidationError):
        validate_bce(bce)


@pytest.mark.parametrize("rna", ["W212000123", "W2B1000037"])
def test_valid_rna(rna):
    validate_rna(rna)


@pytest.mark.parametrize("rna", ["212000123", "W21200012", "w212000123"])
def test_invalid_rna(rna):
    with pytest.raises(ValidationError):
        validate_rna(rna)


@pytest.mark.parametrize(
    ("validateur", "valeur", "code"),
    [
        (validate_siren, "4430618", "siren_format"),
        (validate_siren, "443061842", "siren_cle"),
        (validate_siret, "44306184100048", "siret_cle"),
        (validate_siret, "35600000049838", "siret_cle"),
        (validate_bce, "0403170702", "bce_cle"),
        (validate_bce, "2403170701", "bce_format"),
        (validate_rna, "W21200012", "rna_format"),
    ],
)
def test_an_invalid_identifier_says_why_in_french(validateur, valeur, code):
    with pytest.raises(ValidationError) as erreur:
        validateur(valeur)
    assert erreur.value.code == code


def test_identifiers_are_optional(db):
    OrganisationFactory(siren="", siret="", rna="", bce="").full_clean()


def test_full_clean_reports_a_bad_siret_in_french(db):
    organisation = OrganisationFactory.build(siret="44306184100048")
    with pytest.raises(ValidationError) as erreur:
        organisation.full_clean()
    assert "Ce SIRET n'est pas valide" in str(erreur.value.message_dict["siret"])


def test_siret_must_extend_the_siren(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(siren="732829320", siret="44306184100047")


def test_two_organisations_cannot_share_a_siren(db):
    OrganisationFactory(siren="443061841")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(siren="443061841")
    OrganisationFactory(siren="")
    OrganisationFactory(siren="")  # "no SIREN" is not a shared value


def test_end_year_cannot_precede_founding_year(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(annee_creation=2001, annee_fin=1993)


def test_database_refuses_a_relation_to_itself(db):
    organisation = OrganisationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RelationFactory(source=organisation, cible=organisation)


def test_full_clean_explains_a_relation_to_itself(db):
    organisation = OrganisationFactory()
    relation = RelationFactory.build(source=organisation, cible=organisation)
    with pytest.raises(ValidationError, match="ne peut pas être liée à elle-même"):
        relation.full_clean()


def test_same_relation_cannot_be_recorded_twice(db):
    relation = RelationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RelationFactory(source=relation.source, cible=relation.cible, type=relation.type)


def test_role_cannot_end_before_it_starts(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        FonctionFactory(debut=datetime.date(2014, 1, 1), fin=datetime.date(2010, 1, 1))


def test_person_needs_a_name_or_a_designation(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonneFactory(prenom="", nom="", designation="")
    anonyme = PersonneFactory(prenom="", nom="", designation="La coordinatrice de COOPCITY")
    assert str(anonyme) == "La coordinatrice de COOPCITY"


@pytest.mark.parametrize(
    ("type_relation", "depuis_source", "depuis_cible"),
    [
        (TypeRelation.MEMBRE, "Membre de", "Membres"),
        (TypeRelation.FUSION, "Issue de la fusion de", "A fusionné pour former"),
        (TypeRelation.FONDATION, "Fondée par", "A fondé"),
        (TypeRelation.PARTENAIRE, "Partenaires", "Partenaires"),
    ],
)
def test_relation_reads_from_both_ends(db, type_relation, depuis_source, depuis_cible):
    relation = RelationFactory.build(type=type_relation)
    assert relation.intitule_depuis_source == depuis_source
    assert relation.intitule_depuis_cible == depuis_cible


def test_every_relation_type_has_wording_for_both_ends():
    from acteurs.enums import INTITULES_RELATION

    assert set(INTITULES_RELATION) == set(TypeRelation)


@pytest.mark.parametrize(
    ("debut", "precision_debut", "fin", "attendu"),
    [
        (datetime.date(2014, 1, 1), PrecisionDate.ANNEE, None, "depuis 2014"),
        (datetime.date(2021, 12, 1), PrecisionDate.MOIS, None, "depuis décembre 2021"),
        (datetime.date(2016, 11, 21), PrecisionDate.JOUR, None, "depuis 21 novembre 2016"),
        (datetime.date(2009, 1, 1), PrecisionDate.ANNEE, datetime.date(2012, 1, 1), "2009 – 2012"),
        (None, PrecisionDate.ANNEE, None, ""),
    ],
)
def test_period_is_never_shown_more_precise_than_known(debut, precision_debut, fin, attendu):
    fonction = FonctionFactory.build(debut=debut, debut_precision=precision_debut, fin=fin)
    assert fonction.periode == attendu


def test_key_figure_display(db):
    chiffre = ChiffreOrganisationFactory(libelle="projets aboutis", valeur=Decimal("20"))
    assert str(chiffre) == "20 projets aboutis (2020)"
    chiffre.est_approximatif = True
    chiffre.valeur = Decimal("2500")
    assert chiffre.valeur_affichee.startswith("environ 2")
    assert chiffre.valeur_affichee.replace("\u202f", " ").replace("\xa0", " ") == "environ 2 500"


def test_symmetric_relation_is_not_recorded_in_both_directions(db):
    relation = RelationFactory(type=TypeRelation.PARTENAIRE)
    inverse = RelationFactory.build(
        source=relation.cible, cible=relation.source, type=TypeRelation.PARTENAIRE
    )
    with pytest.raises(ValidationError, match="dans l'autre sens"):
        inverse.full_clean()
    # A directed type may go both ways: A accompagne B and B accompagne A are two facts.
    RelationFactory.build(
        source=relation.cible, cible=relation.source, type=TypeRelation.ACCOMPAGNEMENT
    ).full_clean()


def test_a_role_ended_at_an_unknown_date_is_past(db):
    assert FonctionFactory.build().est_actuelle
    assert not FonctionFactory.build(terminee=True).est_actuelle
    assert not FonctionFactory.build(fin=datetime.date(2012, 1, 1)).est_actuelle
