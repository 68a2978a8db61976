"""`manage.py importer_sirene`: the INSEE's stock files, in their layout, made here."""

import datetime
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from acteurs.enums import FormeJuridique
from acteurs.models import Organisation
from acteurs.registres.sirene import en_wgs84, forme_juridique
from ecosysteme.contributions.propositions import accepter
from ecosysteme.enums import NatureSource, NiveauTerritoire
from ecosysteme.models import Proposition, Source
from ecosysteme.outils.sirene import (
    ENTETE_ETABLISSEMENTS,
    ENTETE_UNITES,
    ecrire_zip,
    ligne,
    siren_synthetique,
    siret_synthetique,
)
from tests.factories import OrganisationFactory, TerritoireFactory

pytestmark = pytest.mark.django_db

SIREN_1, SIREN_2, SIREN_3 = (siren_synthetique(n) for n in (11_111_111, 22_222_222, 33_333_333))


def unite(siren, **valeurs):
    return {
        "siren": siren,
        "statutDiffusionUniteLegale": "O",
        "dateCreationUniteLegale": "2010-03-15",
        "dateDebut": "2010-03-15",
        "etatAdministratifUniteLegale": "A",
        "denominationUniteLegale": f"COOP {siren}",
        "categorieJuridiqueUniteLegale": "9220",
        "activitePrincipaleUniteLegale": "88.99B",
        "trancheEffectifsUniteLegale": "11",
        "economieSocialeSolidaireUniteLegale": "O",
        **valeurs,
    }


def siege(siren, **valeurs):
    return {
        "siren": siren,
        "nic": "00013",
        "siret": siret_synthetique(siren, 1),
        "statutDiffusionEtablissement": "O",
        "etablissementSiege": "true",
        "numeroVoieEtablissement": "12",
        "typeVoieEtablissement": "RUE",
        "libelleVoieEtablissement": "DE LA LIBERTE",
        "codePostalEtablissement": "21000",
        "codeCommuneEtablissement": "21231",
        "coordonneeLambertAbscisseEtablissement": "700000.0",
        "coordonneeLambertOrdonneeEtablissement": "6600000.0",
        **valeurs,
    }


@pytest.fixture
def fichiers(tmp_path):
    def ecrire(unites, etablissements=None):
        chemin = tmp_path / "StockUniteLegale_utf8.zip"
        lignes = [ligne(ENTETE_UNITES, u) for u in unites]
        ecrire_zip(chemin, "StockUniteLegale_utf8.csv", ENTETE_UNITES, lignes)
        if etablissements is None:
            return [str(chemin)]
        autre = tmp_path / "StockEtablissement_utf8.zip"
        lignes = [ligne(ENTETE_ETABLISSEMENTS, e) for e in etablissements]
        ecrire_zip(autre, "StockEtablissement_utf8.csv", ENTETE_ETABLISSEMENTS, lignes)
        return [str(chemin), "--etablissements", str(autre)]

    return ecrire


def importer(*arguments):
    sortie = io.StringIO()
    call_command("importer_sirene", *arguments, stdout=sortie)
    return sortie.getvalue()


def test_only_the_units_of_the_ess_and_those_known_come_in(fichiers):
    connue = OrganisationFactory(siren=SIREN_3, nom="Connue", code_activite="")
    importer(
        *fichiers(
            [
                unite(SIREN_1),
                unite(SIREN_2, economieSocialeSolidaireUniteLegale="N"),
                unite(SIREN_3, economieSocialeSolidaireUniteLegale="N"),
            ]
        )
    )
    assert set(Organisation.objects.values_list("siren", flat=True)) == {SIREN_1, SIREN_3}
    proposition = Proposition.objects.get()
    assert proposition.fiche == connue
    assert proposition.valeurs["code_activite"] == "88.99B"


def test_the_mapping_of_a_unit_and_its_head_office(fichiers):
    dijon = TerritoireFactory(nom="Dijon", code="21231", niveau=NiveauTerritoire.COMMUNE)
    importer(
        *fichiers(
            [unite(SIREN_1, categorieJuridiqueUniteLegale="5458", sigleUniteLegale="CL")],
            [
                siege(SIREN_1, etablissementSiege="false", nic="00021"),
                siege(SIREN_1),
            ],
        ),
        "--publier",
    )
    organisation = Organisation.objects.get()
    assert organisation.is_published
    assert organisation.nom == f"COOP {SIREN_1}"
    assert organisation.sigle == "CL"
    assert organisation.forme_juridique == FormeJuridique.SCOP
    assert organisation.annee_creation == 2010
    assert organisation.code_activite == "88.99B"
    assert organisation.tranche_effectif == "11"
    assert organisation.siret == siret_synthetique(SIREN_1, 1)
    assert organisation.adresse == "12 RUE DE LA LIBERTE"
    assert organisation.code_postal == "21000"
    assert organisation.commune == dijon
    # Lambert 93's origin, where the establishment's file puts it.
    assert organisation.latitude == pytest.approx(46.5, abs=1e-5)
    assert organisation.longitude == pytest.approx(3.0, abs=1e-5)
    source = organisation.sources.get()
    assert source.nature == NatureSource.REGISTRE
    assert "StockUniteLegale_utf8.zip" in source.titre


@pytest.mark.parametrize(
    ("categorie", "forme"),
    [
        ("9220", FormeJuridique.ASSOCIATION),
        ("9230", FormeJuridique.ASSOCIATION),
        ("5458", FormeJuridique.SCOP),
        ("5658", FormeJuridique.SCOP),
        ("5460", FormeJuridique.COOPERATIVE),
        ("5560", FormeJuridique.COOPERATIVE),
        ("5499", FormeJuridique.SARL),
        ("5710", FormeJuridique.SAS),
        ("8210", FormeJuridique.MUTUELLE),
        ("9300", FormeJuridique.FONDATION),
        ("7210", FormeJuridique.COLLECTIVITE),
        ("1000", ""),
        ("", ""),
    ],
)
def test_legal_categories_give_legal_forms(categorie, forme):
    assert forme_juridique(categorie) == forme


@pytest.mark.parametrize(
    ("x", "y", "commune", "latitude", "longitude"),
    [
        # The origin of Lambert 93 (EPSG:2154): 3° E, 46.5° N, at (700 000, 6 600 000).
        (700_000.0, 6_600_000.0, "18033", 46.5, 3.0),
        # Overseas, in their UTM zones: the false origin of each zone's central meridian.
        (500_000.0, 0.0, "97101", 0.0, -63.0),  # Guadeloupe, UTM 20N
        (500_000.0, 10_000_000.0, "97411", 0.0, 57.0),  # La Réunion, UTM 40S
    ],
)
def test_coordinates_are_converted_to_wgs84(x, y, commune, latitude, longitude):
    assert en_wgs84(x, y, commune) == pytest.approx((latitude, longitude), abs=1e-5)


def test_the_departements_are_those_of_the_head_office(fichiers):
    arguments = fichiers(
        [unite(SIREN_1), unite(SIREN_2)],
        [siege(SIREN_1), siege(SIREN_2, codeCommuneEtablissement="33063")],
    )
    importer(*arguments, "--departements", "33,2A")
    assert list(Organisation.objects.values_list("siren", flat=True)) == [SIREN_2]


def test_departements_need_the_establishments(fichiers):
    with pytest.raises(CommandError, match="--etablissements"):
        importer(*fichiers([unite(SIREN_1)]), "--departements", "21")


def test_partial_diffusion_gives_no_personal_data(fichiers):
    importer(
        *fichiers(
            [
                unite(
                    SIREN_1,
                    statutDiffusionUniteLegale="P",
                    categorieJuridiqueUniteLegale="1000",
                    denominationUniteLegale="",
                    nomUniteLegale="DUPONT",
                    prenomUsuelUniteLegale="JEANNE",
                ),
                unite(SIREN_2, statutDiffusionUniteLegale="P", sigleUniteLegale="XY"),
                unite(
                    SIREN_3,
                    categorieJuridiqueUniteLegale="1000",
                    denominationUniteLegale="",
                    nomUniteLegale="MARTIN",
                    prenomUsuelUniteLegale="PAUL",
                ),
            ],
            [siege(SIREN_1), siege(SIREN_2), siege(SIREN_3)],
        )
    )
    # An individual entrepreneur whose diffusion is partial has no name to show: left out.
    assert not Organisation.objects.filter(siren=SIREN_1).exists()
    partielle = Organisation.objects.get(siren=SIREN_2)
    assert (partielle.adresse, partielle.latitude, partielle.sigle) == ("", None, "")
    assert partielle.code_postal == "21000"
    assert Organisation.objects.get(siren=SIREN_3).nom == "PAUL MARTIN"


def test_a_ceased_unit_becomes_a_proposed_closure_accepted(fichiers, admin_user):
    organisation = OrganisationFactory(
        siren=SIREN_1,
        nom=f"COOP {SIREN_1}",
        annee_creation=2010,
        forme_juridique=FormeJuridique.ASSOCIATION,
        code_activite="88.99B",
        tranche_effectif="11",
    )
    arguments = fichiers([unite(SIREN_1, etatAdministratifUniteLegale="C", dateDebut="2024-09-30")])
    importer(*arguments)
    organisation.refresh_from_db()
    assert not organisation.is_closed
    proposition = Proposition.objects.get()
    assert proposition.valeurs == {"date_cessation": "2024-09-30"}
    accepter(proposition, champs=["date_cessation"], par=admin_user)
    organisation.refresh_from_db()
    assert organisation.date_cessation == datetime.date(2024, 9, 30)

    importer(*arguments)
    assert Proposition.objects.count() == 1


def test_running_the_same_files_again_changes_nothing(fichiers):
    arguments = fichiers([unite(SIREN_1), unite(SIREN_2)], [siege(SIREN_1), siege(SIREN_2)])
    importer(*arguments, "--publier")
    avant = list(Organisation.objects.order_by("pk").values())
    importer(*arguments, "--publier")
    assert list(Organisation.objects.order_by("pk").values()) == avant
    assert Source.objects.count() == 1
    assert not Proposition.objects.exists()


def test_a_dry_run_records_nothing(fichiers):
    importer(*fichiers([unite(SIREN_1)]), "--simulation")
    assert not Organisation.objects.exists()
    assert not Source.objects.exists()


def erreur_de(*arguments):
    with pytest.raises(CommandError) as erreur:
        importer(*arguments)
    assert not Organisation.objects.exists()
    assert not Source.objects.exists()
    return str(erreur.value)


def test_a_truncated_zip_changes_nothing(fichiers, tmp_path):
    chemin = fichiers([unite(siren_synthetique(n)) for n in range(10_000_000, 10_003_000)])[0]
    with open(chemin, "rb") as fichier:
        contenu = fichier.read()
    tronque = tmp_path / "tronque.zip"
    tronque.write_bytes(contenu[: len(contenu) // 2])
    message = erreur_de(str(tronque))
    assert "tronque.zip" in message
    assert "tronqué" in message


def test_a_missing_column_is_named(tmp_path):
    chemin = tmp_path / "StockUniteLegale.zip"
    entete = [c for c in ENTETE_UNITES if c != "economieSocialeSolidaireUniteLegale"]
    ecrire_zip(chemin, "StockUniteLegale.csv", entete, [ligne(entete, {"siren": SIREN_1})])
    message = erreur_de(str(chemin))
    assert message.startswith("StockUniteLegale.zip, ligne 1, colonne « economieSociale")


def test_a_file_of_another_registry_is_refused(tmp_path):
    chemin = tmp_path / "rna_waldec_20251201.zip"
    with zipfile.ZipFile(chemin, "w") as zf:
        zf.writestr(
            "rna_waldec_20251201_dpt_21.csv",
            "id;id_ex;siret;rup_mi;gestion;date_creat;titre\nW212000001;;;;;2001-01-01;AMIS\n",
        )
    message = erreur_de(str(chemin))
    assert message.startswith("rna_waldec_20251201.zip, ligne 1 :")
    assert "autre registre" in message


def test_a_file_that_is_no_zip_is_refused(tmp_path):
    chemin = tmp_path / "StockUniteLegale.csv"
    chemin.write_text("siren,statutDiffusionUniteLegale\n")
    assert "archive zip" in erreur_de(str(chemin))


def test_an_invalid_siren_names_its_row_and_column(fichiers):
    arguments = fichiers([unite(SIREN_1), unite("123456789")])
    message = erreur_de(*arguments)
    assert message.startswith("StockUniteLegale_utf8.zip, ligne 3, colonne « siren » :")
    assert "123456789" in message


def test_a_bad_date_names_its_row_and_column(fichiers):
    message = erreur_de(*fichiers([unite(SIREN_1, dateCreationUniteLegale="15/03/2010")]))
    assert "ligne 2, colonne « dateCreationUniteLegale »" in message


def test_a_missing_file_is_named(tmp_path):
    assert "absent.zip : fichier introuvable" in erreur_de(str(tmp_path / "absent.zip"))
