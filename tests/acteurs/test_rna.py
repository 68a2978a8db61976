"""The RNA « waldec » file (acteurs.registres.rna) and `manage.py importer_rna`."""

import datetime
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from stdnum import luhn

from acteurs.enums import FormeJuridique
from acteurs.models import Organisation
from acteurs.registres.commun import ErreurRegistre
from acteurs.registres.rna import lire_rna
from ecosysteme.enums import NiveauTerritoire
from ecosysteme.models import Proposition, Source
from tests.factories import OrganisationFactory, TerritoireFactory

# The columns of the waldec file, in their documented order.
COLONNES = (
    "id;id_ex;siret;rup_mi;gestion;date_creat;date_decla;date_publi;date_disso;nature;"
    "groupement;titre;titre_court;objet;objet_social1;objet_social2;adrs_complement;"
    "adrs_numvoie;adrs_repetition;adrs_typevoie;adrs_libvoie;adrs_distrib;adrs_codeinsee;"
    "adrs_codepostal;adrs_libcommune;adrg_declarant;adrg_complemid;adrg_complemgeo;"
    "adrg_libvoie;adrg_distrib;adrg_codepostal;adrg_achemine;adrg_pays;dir_civilite;siteweb;"
    "publiweb;observation;position;maj_time"
).split(";")


def siret(n):
    """A valid synthetic SIRET: thirteen digits and their Luhn check digit."""
    debut = f"{n:013d}"
    return debut + luhn.calc_check_digit(debut)


def association(rna, **champs):
    valeurs = {
        "id": rna,
        "gestion": "331P",
        "date_creat": "2015-03-02",
        "date_decla": "2015-03-02",
        "date_publi": "2015-03-14",
        "date_disso": "0001-01-01",
        "nature": "D",
        "groupement": "S",
        "titre": "ÉCHANGES SOLIDAIRES DE GIRONDE",
        "titre_court": "ESG",
        "objet": "favoriser les échanges entre habitants",
        "adrs_numvoie": "12",
        "adrs_repetition": "B",
        "adrs_typevoie": "RUE",
        "adrs_libvoie": "des Écoles",
        "adrs_codeinsee": "33063",
        "adrs_codepostal": "33000",
        "adrs_libcommune": "Bordeaux",
        "adrg_declarant": "Dominique Secret",
        "adrg_libvoie": "3 rue Privée",
        "adrg_codepostal": "33100",
        "adrg_achemine": "Bordeaux",
        "adrg_pays": "FRANCE",
        "dir_civilite": "PM",
        "publiweb": "0",
        "position": "A",
        "maj_time": "2023-05-04 10:00:00",
        **champs,
    }
    return ";".join(valeurs.get(colonne, "") for colonne in COLONNES)


def waldec(chemin, lignes, *, encodage="utf-8", colonnes=COLONNES):
    chemin.write_bytes(("\n".join([";".join(colonnes), *lignes]) + "\n").encode(encodage))
    return chemin


def archive(tmp_path, fichiers, nom="rna_waldec_20241201.zip"):
    chemin = tmp_path / nom
    with zipfile.ZipFile(chemin, "w") as zip_:
        for membre, lignes in fichiers.items():
            zip_.writestr(membre, "\n".join([";".join(COLONNES), *lignes]) + "\n")
    return chemin


def importer(*args):
    sortie = StringIO()
    call_command("importer_rna", *map(str, args), stdout=sortie)
    return sortie.getvalue()


def rien_ne_change(fonction):
    avant = (Organisation.objects.count(), Proposition.objects.count(), Source.objects.count())
    fonction()
    apres = (Organisation.objects.count(), Proposition.objects.count(), Source.objects.count())
    assert apres == avant


def test_an_association_is_read_without_its_officers(tmp_path):
    titre = "ÉCHANGES\u202e SOLIDAIRES  DE\x0bGIRONDE"  # invisible characters dropped
    chemin = waldec(tmp_path / "rna.csv", [association("W331000001", siret=siret(1), titre=titre)])
    [fiche] = lire_rna(chemin)
    assert fiche.registre == "rna"
    assert fiche.ligne == 2
    assert fiche.rna == "W331000001"
    assert fiche.siret == siret(1)
    assert fiche.nom == "ÉCHANGES SOLIDAIRES DE GIRONDE"
    assert fiche.sigle == "ESG"
    assert fiche.forme_juridique == FormeJuridique.ASSOCIATION
    assert fiche.date_creation == datetime.date(2015, 3, 2)
    assert fiche.date_cessation is None
    assert fiche.adresse == "12 bis rue des Écoles"
    assert (fiche.code_postal, fiche.code_commune) == ("33000", "33063")
    lu = " ".join(str(valeur) for valeur in vars(fiche).values())
    assert "Dominique" not in lu
    assert "Privée" not in lu


def test_latin1_and_utf8_files_read_the_same(tmp_path):
    lignes = [association("W331000001"), association("W331000002", titre="LES CHÊNES")]
    utf8 = list(lire_rna(waldec(tmp_path / "utf8.csv", lignes)))
    latin1 = list(lire_rna(waldec(tmp_path / "latin1.csv", lignes, encodage="latin-1")))
    assert (
        [f.nom for f in latin1]
        == [f.nom for f in utf8]
        == [
            "ÉCHANGES SOLIDAIRES DE GIRONDE",
            "LES CHÊNES",
        ]
    )


def test_a_dissolved_association_has_ceased_and_a_withdrawn_record_is_skipped(tmp_path):
    chemin = waldec(
        tmp_path / "rna.csv",
        [
            association("W331000001", position="D", date_disso="2022-06-30"),
            association("W331000002", position="D", maj_time="2021-01-15 08:00:00"),
            association("W331000003", position="S"),
        ],
    )
    fiches = list(lire_rna(chemin))
    assert [(f.rna, f.date_cessation) for f in fiches] == [
        ("W331000001", datetime.date(2022, 6, 30)),
        ("W331000002", datetime.date(2021, 1, 15)),
    ]


def test_a_title_cut_short_is_no_sigle_and_a_wrong_siret_is_left_out(tmp_path):
    chemin = waldec(
        tmp_path / "rna.csv",
        [association("W331000001", titre_court="ÉCHANGES DE...", siret="12345678901234")],
    )
    [fiche] = lire_rna(chemin)
    assert (fiche.sigle, fiche.siret) == ("", "")


def test_departements_keep_their_files_and_their_rows(tmp_path):
    chemin = archive(
        tmp_path,
        {
            "rna_waldec_20241201_dpt_33.csv": [
                association("W331000001"),
                # Declared at Bordeaux, seated in the Landes.
                association("W331000002", adrs_codeinsee="40192", adrs_codepostal="40000"),
            ],
            "rna_waldec_20241201_dpt_974.csv": [
                association("W9R4000001", adrs_codeinsee="97411", adrs_codepostal="97400")
            ],
            "rna_waldec_20241201_dpt_2A.csv": [
                association("W2A1000001", adrs_codeinsee="2A004", adrs_codepostal="20000")
            ],
        },
    )
    assert [f.rna for f in lire_rna(chemin)] == [
        "W331000001",
        "W331000002",
        "W9R4000001",
        "W2A1000001",
    ]
    assert [f.rna for f in lire_rna(chemin, departements=["33"])] == ["W331000001"]
    assert [f.rna for f in lire_rna(chemin, departements=["974", "2a", "40"])] == [
        "W331000002",
        "W9R4000001",
        "W2A1000001",
    ]


@pytest.mark.django_db
def test_by_default_only_the_directorys_associations_are_read(tmp_path):
    par_rna = OrganisationFactory(nom="Échanges", rna="W331000001", forme_juridique="")
    par_siret = OrganisationFactory(nom="Les Chênes", siret=siret(2))
    chemin = archive(
        tmp_path,
        {
            "rna_waldec_20241201_dpt_33.csv": [
                association("W331000001"),
                association("W331000002", titre="LES CHÊNES", siret=siret(2)),
                association("W331000003", titre="INCONNUE"),
            ]
        },
    )
    sortie = importer(chemin)
    assert "0 créée(s), 2 proposition(s) de modification" in sortie
    assert Organisation.objects.count() == 2
    proposition = Proposition.objects.get(fiche_id=par_rna.pk)
    assert proposition.valeurs["forme_juridique"] == FormeJuridique.ASSOCIATION
    assert proposition.source.titre.startswith("Répertoire national des associations (RNA)")
    assert Proposition.objects.get(fiche_id=par_siret.pk).valeurs["rna"] == "W331000002"
    par_rna.refresh_from_db()
    assert par_rna.forme_juridique == ""  # never applied silently

    assert "0 proposition(s) de modification, 0 fermeture(s) proposée(s), 2 inchangée(s)" in (
        importer(chemin)
    )
    assert Proposition.objects.count() == 2


@pytest.mark.django_db
def test_a_list_adds_associations(tmp_path):
    chemin = waldec(tmp_path / "rna.csv", [association("W331000001"), association("W331000002")])
    liste = tmp_path / "liste.txt"
    liste.write_text("w331000002\n\n")
    importer(chemin, "--liste", liste)
    assert list(Organisation.objects.values_list("rna", flat=True)) == ["W331000002"]


@pytest.mark.django_db
def test_all_of_a_departement_as_drafts_or_published(tmp_path):
    bordeaux = TerritoireFactory(nom="Bordeaux", code="33063", niveau=NiveauTerritoire.COMMUNE)
    chemin = waldec(
        tmp_path / "rna.csv",
        [association("W331000001"), association("W401000001", adrs_codeinsee="40192")],
    )
    with pytest.raises(CommandError, match="--toutes demande --departements"):
        importer(chemin, "--toutes")

    assert "1 créée(s)" in importer(chemin, "--toutes", "--departements", "33")
    organisation = Organisation.objects.get()
    assert not organisation.is_published
    assert (organisation.nom, organisation.annee_creation) == (
        "ÉCHANGES SOLIDAIRES DE GIRONDE",
        2015,
    )
    assert (organisation.commune, organisation.adresse_is_published) == (bordeaux, False)

    assert "1 créée(s)" in importer(chemin, "--toutes", "--departements", "33,40", "--publier")
    assert Organisation.objects.get(rna="W401000001").is_published


@pytest.mark.django_db
def test_a_dissolution_becomes_a_proposed_closure(tmp_path):
    OrganisationFactory(rna="W331000001", nom="ÉCHANGES SOLIDAIRES DE GIRONDE")
    chemin = waldec(
        tmp_path / "rna.csv", [association("W331000001", position="D", date_disso="2022-06-30")]
    )
    assert "1 fermeture(s) proposée(s)" in importer(chemin)
    assert Proposition.objects.get().valeurs["date_cessation"] == "2022-06-30"
    assert Organisation.objects.get().date_cessation is None


@pytest.mark.django_db
def test_a_dry_run_changes_nothing(tmp_path):
    chemin = waldec(tmp_path / "rna.csv", [association("W331000001")])
    sortie = StringIO()

    def simuler():
        args = [chemin, "--toutes", "--departements", "33", "--simulation"]
        call_command("importer_rna", *map(str, args), stdout=sortie)

    rien_ne_change(simuler)
    assert "1 créée(s)" in sortie.getvalue()
    assert "simulation : rien n'a été enregistré" in sortie.getvalue()


def erreur_de(chemin, *options):
    with pytest.raises(CommandError) as probleme:
        importer(chemin, "--toutes", "--departements", "33", *options)
    assert "Rien n'a été modifié" in str(probleme.value)
    return str(probleme.value)


@pytest.mark.django_db
def test_a_missing_column_names_the_file_the_row_and_the_column(tmp_path):
    colonnes = [c for c in COLONNES if c != "titre"]
    chemin = waldec(tmp_path / "rna.csv", [], colonnes=colonnes)
    assert erreur_de(chemin).startswith("rna.csv, ligne 1, colonne « titre » :")


@pytest.mark.django_db
def test_a_file_of_another_registry_is_named(tmp_path):
    sirene = tmp_path / "StockUniteLegale_utf8.csv"
    sirene.write_text("siren,statutDiffusionUniteLegale,denominationUniteLegale\n")
    assert "c'est un fichier du registre SIRENE (INSEE), pas du registre RNA" in erreur_de(sirene)
    bce = tmp_path / "enterprise.csv"
    bce.write_text('"EnterpriseNumber","Status"\n')
    assert "BCE/KBO Open Data" in erreur_de(bce)


@pytest.mark.django_db
def test_bad_encodings_name_their_row(tmp_path):
    utf16 = waldec(tmp_path / "rna.csv", [association("W331000001")], encodage="utf-16")
    assert "ligne 1 : encodage non reconnu" in erreur_de(utf16)

    melange = tmp_path / "melange.csv"
    melange.write_bytes(
        waldec(tmp_path / "a.csv", [association("W331000001")], encodage="latin-1").read_bytes()
        + association("W331000002").encode("utf-8")
    )
    assert "melange.csv, ligne 3 : encodage mêlé" in erreur_de(melange)


@pytest.mark.django_db
def test_a_wrong_value_names_its_row_and_column_and_changes_nothing(tmp_path):
    chemin = waldec(
        tmp_path / "rna.csv",
        [association("W331000001"), association("W331000002", date_creat="31/02/2015")],
    )
    rien_ne_change(lambda: erreur_de(chemin))
    assert erreur_de(chemin).startswith("rna.csv, ligne 3, colonne « date_creat » :")

    chemin = waldec(tmp_path / "rna.csv", [association("W33-1")])
    assert erreur_de(chemin).startswith("rna.csv, ligne 2, colonne « id » :")


@pytest.mark.django_db
def test_a_truncated_zip_is_refused(tmp_path):
    chemin = archive(tmp_path, {"rna_waldec_20241201_dpt_33.csv": [association("W331000001")]})
    chemin.write_bytes(chemin.read_bytes()[:-30])
    assert "archive zip incomplète ou abîmée" in erreur_de(chemin)
    assert erreur_de(chemin).startswith("rna_waldec_20241201.zip")
    with pytest.raises(ErreurRegistre, match="introuvable"):
        list(lire_rna(tmp_path / "absent.zip"))
