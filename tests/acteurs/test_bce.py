"""The BCE/KBO Open Data zip (acteurs.registres.bce) and `manage.py importer_bce`."""

import datetime
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from acteurs.enums import FormeJuridique
from acteurs.models import Organisation
from acteurs.registres.bce import lire_bce
from ecosysteme.enums import NiveauTerritoire
from ecosysteme.models import Proposition, Source
from tests.factories import OrganisationFactory, TerritoireFactory


def bce(n):
    """A valid synthetic enterprise number: eight digits and their modulo-97 key."""
    debut = f"0{n:07d}"
    return debut + f"{97 - int(debut) % 97:02d}"


def pointe(n):
    numero = bce(n)
    return f"{numero[:4]}.{numero[4:7]}.{numero[7:]}"


def csv_kbo(entetes, lignes):
    def cellule(valeur):
        # Dates are written unquoted: "=" marks them here.
        return valeur[1:] if valeur.startswith("=") else f'"{valeur}"'

    texte = [",".join(f'"{e}"' for e in entetes)]
    texte += [",".join(cellule(v) for v in ligne) for ligne in lignes]
    return "\n".join(texte) + "\n"


CODES = [
    ("JuridicalForm", "017", "FR", "Association sans but lucratif"),
    ("JuridicalForm", "017", "NL", "Vereniging zonder winstoogmerk"),
    ("JuridicalForm", "029", "FR", "Fondation d'utilité publique"),
    ("JuridicalForm", "610", "FR", "Société à responsabilité limitée"),
    ("JuridicalForm", "706", "FR", "Société coopérative"),
    ("JuridicalForm", "716", "FR", "Société coopérative agréée comme entreprise sociale"),
    ("JuridicalSituation", "000", "FR", "Situation normale"),
    ("JuridicalSituation", "012", "FR", "Dissolution anticipée"),
    ("Language", "1", "FR", "français"),
]

# Enterprises: 1 an ASBL named in French and Dutch, 2 a VZW named in Dutch only, 3 an SRL the
# directory does not know, 4 an SRL it knows, 5 a person, 6 a dissolved foundation, 7 a
# cooperative recognised as a social enterprise.
ENTREPRISES = [
    (pointe(1), "AC", "000", "2", "017", "", "=15-03-1999"),
    (pointe(2), "AC", "000", "2", "017", "", "=01-01-1968"),
    (pointe(3), "AC", "000", "2", "610", "", "=01-01-2010"),
    (pointe(4), "AC", "000", "2", "610", "", "=01-01-2012"),
    (pointe(5), "AC", "000", "1", "017", "", "=01-01-2001"),
    (pointe(6), "AC", "012", "2", "029", "", "=01-01-1990"),
    (pointe(7), "AC", "000", "2", "716", "", "=01-06-2021"),
]
DENOMINATIONS = [
    (pointe(1), "2", "001", "Solidaire Huizen"),
    (pointe(1), "1", "001", "Maisons  solidaires"),
    (pointe(1), "1", "002", "MS"),
    (pointe(2), "2", "001", "Buurtwerk Gent"),
    (pointe(3), "1", "001", "Commerce ordinaire"),
    (pointe(4), "1", "001", "Atelier connu"),
    (pointe(5), "1", "001", "Camille Martin"),
    (pointe(6), "1", "001", "Fondation du rail"),
    (pointe(7), "1", "001", "Coopérative des Marolles"),
]
ADRESSES = [
    # A seat struck off, then the current one.
    (
        pointe(1),
        "REGO",
        "",
        "",
        "1000",
        "Brussel",
        "Bruxelles",
        "Oudstraat",
        "Rue Ancienne",
        "1",
        "",
        "",
        "=01-01-2020",
    ),
    (
        pointe(1),
        "REGO",
        "",
        "",
        "1000",
        "Brussel",
        "Bruxelles",
        "Eikstraat",
        "Rue du Chêne",
        "16",
        "3",
        "",
        "=",
    ),
    (pointe(2), "REGO", "", "", "9000", "Gent", "Gand", "Stropstraat", "", "1", "", "", "="),
    (
        pointe(6),
        "REGO",
        "France",
        "Frankrijk",
        "62000",
        "Arras",
        "Arras",
        "Rue des Jongleurs",
        "Rue des Jongleurs",
        "2",
        "",
        "",
        "=",
    ),
]
ACTIVITES = [
    (pointe(1), "006", "2008", "88999", "MAIN"),
    (pointe(1), "001", "2025", "88910", "SECO"),
    (pointe(1), "006", "2025", "88991", "MAIN"),
    (pointe(3), "001", "2025", "47110", "MAIN"),
]
CONTACTS = [
    (pointe(1), "ENT", "EMAIL", "Contact@Maisons-Solidaires.be"),
    (pointe(1), "ENT", "TEL", "02 315 13 51"),
    (pointe(1), "ENT", "WEB", "www.maisons-solidaires.be"),
    (pointe(1), "EST", "EMAIL", "antenne@maisons-solidaires.be"),
    (pointe(2), "ENT", "EMAIL", "pas une adresse"),
]
ENTETES = {
    "code.csv": ["Category", "Code", "Language", "Description"],
    "enterprise.csv": [
        "EnterpriseNumber",
        "Status",
        "JuridicalSituation",
        "TypeOfEnterprise",
        "JuridicalForm",
        "JuridicalFormCAC",
        "StartDate",
    ],
    "denomination.csv": ["EntityNumber", "Language", "TypeOfDenomination", "Denomination"],
    "address.csv": [
        "EntityNumber",
        "TypeOfAddress",
        "CountryNL",
        "CountryFR",
        "Zipcode",
        "MunicipalityNL",
        "MunicipalityFR",
        "StreetNL",
        "StreetFR",
        "HouseNumber",
        "Box",
        "ExtraAddressInfo",
        "DateStrikingOff",
    ],
    "activity.csv": ["EntityNumber", "ActivityGroup", "NaceVersion", "NaceCode", "Classification"],
    "contact.csv": ["EntityNumber", "EntityContact", "ContactType", "Value"],
}


def contenus(**remplacements):
    lignes = {
        "code.csv": CODES,
        "enterprise.csv": ENTREPRISES,
        "denomination.csv": DENOMINATIONS,
        "address.csv": ADRESSES,
        "activity.csv": ACTIVITES,
        "contact.csv": CONTACTS,
    }
    fichiers = {nom: csv_kbo(ENTETES[nom], lignes[nom]) for nom in lignes}
    fichiers["meta.csv"] = csv_kbo(["Variable", "Value"], [("SnapshotDate", "=30-11-2024")])
    fichiers.update(remplacements)
    return fichiers


def kbo(tmp_path, nom="KboOpenData_0150_2024_12_Full.zip", **remplacements):
    chemin = tmp_path / nom
    with zipfile.ZipFile(chemin, "w", zipfile.ZIP_DEFLATED) as zip_:
        for membre, texte in contenus(**remplacements).items():
            if texte is not None:
                zip_.writestr(membre, texte if isinstance(texte, bytes) else texte.encode())
    return chemin


def importer(*args):
    sortie = StringIO()
    call_command("importer_bce", *map(str, args), stdout=sortie)
    return sortie.getvalue()


def test_the_social_economys_enterprises_are_read(tmp_path):
    fiches = {f.bce: f for f in lire_bce(kbo(tmp_path), connus={bce(4)})}
    assert sorted(fiches) == [bce(1), bce(2), bce(4), bce(6), bce(7)]
    asbl = fiches[bce(1)]
    assert (asbl.registre, asbl.ligne) == ("bce", 2)
    assert (asbl.nom, asbl.langue_nom, asbl.sigle) == ("Maisons solidaires", "fr", "MS")
    assert asbl.forme_juridique == FormeJuridique.ASBL
    assert asbl.date_creation == datetime.date(1999, 3, 15)
    assert asbl.date_cessation is None
    assert (asbl.adresse, asbl.code_postal) == ("Rue du Chêne 16 boîte 3", "1000")
    assert (asbl.adresse_nl, asbl.commune_nom) == ("Eikstraat 16 bus 3", "Bruxelles")
    assert asbl.code_activite == "88.991"  # the main activity in the latest NACE-BEL
    assert asbl.courriel == "contact@maisons-solidaires.be"
    assert asbl.telephone == "+3223151351"
    assert asbl.site_web == "https://www.maisons-solidaires.be"

    vzw = fiches[bce(2)]
    assert (vzw.nom, vzw.langue_nom, vzw.adresse) == ("Buurtwerk Gent", "nl", "Stropstraat 1")
    assert vzw.courriel == ""  # a broken address is left out
    assert fiches[bce(4)].forme_juridique == ""
    fondation = fiches[bce(6)]
    assert fondation.forme_juridique == FormeJuridique.FONDATION
    assert fondation.date_cessation == datetime.date(2024, 11, 30)  # stopped by the snapshot
    assert fondation.adresse == ""  # seated abroad
    assert fiches[bce(7)].forme_juridique == FormeJuridique.COOPERATIVE


def test_only_the_known_ones(tmp_path):
    fiches = lire_bce(kbo(tmp_path), connus={bce(4), bce(2)}, economie_sociale=False)
    assert [f.bce for f in fiches] == [bce(2), bce(4)]


@pytest.mark.django_db
def test_new_enterprises_are_drafts_whose_contacts_are_not_published(tmp_path):
    belgique = TerritoireFactory(nom="Belgique", code="BE", niveau=NiveauTerritoire.PAYS)
    region = TerritoireFactory(
        nom="Région de Bruxelles-Capitale",
        code="04000",
        niveau=NiveauTerritoire.REGION,
        parent=belgique,
    )
    bruxelles = TerritoireFactory(nom="Bruxelles", code="21004", parent=region)
    ailleurs = TerritoireFactory(nom="Pays-Bas", code="NL", niveau=NiveauTerritoire.PAYS)
    TerritoireFactory(nom="Gand", code="44021", parent=ailleurs)
    chemin = kbo(tmp_path)
    assert "BCE : 4 créée(s)" in importer(chemin)
    organisation = Organisation.objects.get(bce=bce(1))
    assert organisation.commune == bruxelles  # found by its name: the file has no NIS code
    assert Organisation.objects.get(bce=bce(2)).commune is None  # not under Belgium
    assert not organisation.is_published
    assert organisation.nom == "Maisons solidaires"
    assert organisation.annee_creation == 1999
    assert str(organisation.telephone) == "+3223151351"
    assert organisation.code_activite == "88.991"
    assert organisation.courriel == "contact@maisons-solidaires.be"
    assert not (
        organisation.courriel_is_published
        or organisation.telephone_is_published
        or organisation.adresse_is_published
    )
    date = datetime.date.fromtimestamp(chemin.stat().st_mtime)
    assert list(organisation.sources.values_list("titre", flat=True)) == [
        "Banque-Carrefour des Entreprises (BCE), données ouvertes, "
        f"fichier KboOpenData_0150_2024_12_Full.zip du {date:%d/%m/%Y}"
    ]
    assert Organisation.objects.get(bce=bce(6)).date_cessation == datetime.date(2024, 11, 30)
    assert not Organisation.objects.filter(bce__in=[bce(3), bce(5)]).exists()

    assert (
        "BCE : 0 créée(s), 0 proposition(s) de modification, 0 fermeture(s) proposée(s), "
        "4 inchangée(s)" in importer(chemin)
    )


@pytest.mark.django_db
def test_a_known_enterprise_gets_proposals_and_a_stopped_one_a_proposed_closure(tmp_path):
    connue = OrganisationFactory(nom="Atelier connu", bce=bce(4), code_activite="")
    fondation = OrganisationFactory(nom="Fondation du rail", bce=bce(6), forme_juridique="")
    sortie = importer(kbo(tmp_path), "--connues", "--publier")
    assert "0 créée(s), 1 proposition(s) de modification, 1 fermeture(s) proposée(s)" in sortie
    assert Organisation.objects.count() == 2
    fermeture = Proposition.objects.get(fiche_id=fondation.pk)
    assert fermeture.valeurs["date_cessation"] == "2024-11-30"
    assert fermeture.valeurs["forme_juridique"] == FormeJuridique.FONDATION
    fondation.refresh_from_db()
    assert (fondation.date_cessation, fondation.forme_juridique) == (None, "")
    assert Proposition.objects.get(fiche_id=connue.pk).valeurs == {"annee_creation": 2012}


@pytest.mark.django_db
def test_a_dry_run_changes_nothing(tmp_path):
    avant = Source.objects.count()
    assert "4 créée(s)" in importer(kbo(tmp_path), "--simulation")
    assert not Organisation.objects.exists()
    assert Source.objects.count() == avant


def erreur_de(chemin):
    avant = (Organisation.objects.count(), Proposition.objects.count(), Source.objects.count())
    with pytest.raises(CommandError) as probleme:
        importer(chemin)
    apres = (Organisation.objects.count(), Proposition.objects.count(), Source.objects.count())
    assert apres == avant
    assert "Rien n'a été modifié" in str(probleme.value)
    return str(probleme.value)


@pytest.mark.django_db
def test_a_missing_column_names_the_file_and_the_column(tmp_path):
    adresses = csv_kbo(["EntityNumber", "TypeOfAddress", "Zipcode"], [])
    assert erreur_de(kbo(tmp_path, **{"address.csv": adresses})).startswith(
        "KboOpenData_0150_2024_12_Full.zip › address.csv, ligne 1, colonne « CountryFR » :"
    )


@pytest.mark.django_db
def test_an_invalid_number_names_its_row(tmp_path):
    entreprises = csv_kbo(
        ENTETES["enterprise.csv"],
        [*ENTREPRISES, ("0403.170.702", "AC", "000", "2", "017", "", "=01-01-2000")],
    )
    message = erreur_de(kbo(tmp_path, **{"enterprise.csv": entreprises}))
    assert "enterprise.csv, ligne 9, colonne « EnterpriseNumber » : « 0403.170.702 »" in message
    assert "modulo 97" in message


@pytest.mark.django_db
def test_a_wrong_encoding_names_the_file(tmp_path):
    denominations = csv_kbo(ENTETES["denomination.csv"], DENOMINATIONS).encode("utf-16")
    message = erreur_de(kbo(tmp_path, **{"denomination.csv": denominations}))
    assert "denomination.csv, ligne 1 : encodage non reconnu" in message


@pytest.mark.django_db
def test_another_registrys_zip_or_a_truncated_one_is_refused(tmp_path):
    rna = tmp_path / "rna_waldec_20241201.zip"
    with zipfile.ZipFile(rna, "w") as zip_:
        zip_.writestr("rna_waldec_20241201_dpt_33.csv", "id;titre\n")
    assert "rna_waldec_20241201.zip : le fichier code.csv manque" in erreur_de(rna)
    assert "un fichier du RNA" in erreur_de(rna)

    tronque = kbo(tmp_path)
    tronque.write_bytes(tronque.read_bytes()[:-40])
    assert "archive zip incomplète ou abîmée" in erreur_de(tronque)


def test_the_official_names_are_read_in_each_language(tmp_path):
    fiches = {f.bce: f for f in lire_bce(kbo(tmp_path))}

    asbl, vzw = fiches[bce(1)], fiches[bce(2)]
    assert (asbl.nom_officiel_fr, asbl.nom_officiel_nl, asbl.nom_officiel_en) == (
        "Maisons solidaires",
        "Solidaire Huizen",
        "",
    )
    assert (vzw.nom_officiel_fr, vzw.nom_officiel_nl) == ("", "Buurtwerk Gent")


@pytest.mark.django_db
def test_an_imported_enterprise_keeps_its_names_in_each_language(tmp_path):
    importer(kbo(tmp_path), "--publier")

    asbl = Organisation.objects.get(bce=bce(1))
    assert asbl.nom == "Maisons solidaires"  # the French one first, as before
    assert (asbl.nom_officiel_fr, asbl.nom_officiel_nl) == (
        "Maisons solidaires",
        "Solidaire Huizen",
    )
    assert Organisation.objects.search("Huizen").filter(pk=asbl.pk).exists()
    with translation.override("nl"):
        assert asbl.nom_affiche == "Solidaire Huizen"
    assert Organisation.objects.get(bce=bce(2)).nom_officiel_nl == "Buurtwerk Gent"


@pytest.mark.django_db
def test_a_commune_is_found_by_its_dutch_name(tmp_path):
    belgique = TerritoireFactory(nom="Belgique", code="BE", niveau=NiveauTerritoire.PAYS)
    gand = TerritoireFactory(nom="Gand-Ville", nom_nl="Gent", code="44021", parent=belgique)

    importer(kbo(tmp_path))

    # The file names Buurtwerk's commune « Gand » and « Gent »: its Dutch name finds it.
    assert Organisation.objects.get(bce=bce(2)).commune == gand
