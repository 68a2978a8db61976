"""Files in the layout of the INSEE's SIRENE stock files, written as a stream, and the
benchmark of their import (`manage.py mesurer_import_sirene`).

The headers are those of the files the INSEE publishes (« Description des fichiers de stock »,
v3.11): the importer reads the columns by name, so a column added by the INSEE changes
nothing.
"""

import csv
import io
import random
import zipfile
from itertools import product

from stdnum import luhn

ENTETE_UNITES = [
    "siren",
    "statutDiffusionUniteLegale",
    "unitePurgeeUniteLegale",
    "dateCreationUniteLegale",
    "sigleUniteLegale",
    "sexeUniteLegale",
    "prenom1UniteLegale",
    "prenom2UniteLegale",
    "prenom3UniteLegale",
    "prenom4UniteLegale",
    "prenomUsuelUniteLegale",
    "pseudonymeUniteLegale",
    "identifiantAssociationUniteLegale",
    "trancheEffectifsUniteLegale",
    "anneeEffectifsUniteLegale",
    "dateDernierTraitementUniteLegale",
    "nombrePeriodesUniteLegale",
    "categorieEntreprise",
    "anneeCategorieEntreprise",
    "dateDebut",
    "etatAdministratifUniteLegale",
    "nomUniteLegale",
    "nomUsageUniteLegale",
    "denominationUniteLegale",
    "denominationUsuelle1UniteLegale",
    "denominationUsuelle2UniteLegale",
    "denominationUsuelle3UniteLegale",
    "categorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale",
    "nomenclatureActivitePrincipaleUniteLegale",
    "nicSiegeUniteLegale",
    "economieSocialeSolidaireUniteLegale",
    "societeMissionUniteLegale",
    "caractereEmployeurUniteLegale",
]
ENTETE_ETABLISSEMENTS = [
    "siren",
    "nic",
    "siret",
    "statutDiffusionEtablissement",
    "dateCreationEtablissement",
    "trancheEffectifsEtablissement",
    "anneeEffectifsEtablissement",
    "activitePrincipaleRegistreMetiersEtablissement",
    "dateDernierTraitementEtablissement",
    "etablissementSiege",
    "nombrePeriodesEtablissement",
    "complementAdresseEtablissement",
    "numeroVoieEtablissement",
    "indiceRepetitionEtablissement",
    "dernierNumeroVoieEtablissement",
    "indiceRepetitionDernierNumeroVoieEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
    "codePostalEtablissement",
    "libelleCommuneEtablissement",
    "libelleCommuneEtrangerEtablissement",
    "distributionSpecialeEtablissement",
    "codeCommuneEtablissement",
    "codeCedexEtablissement",
    "libelleCedexEtablissement",
    "codePaysEtrangerEtablissement",
    "libellePaysEtrangerEtablissement",
    "identifiantAdresseEtablissement",
    "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement",
    "complementAdresse2Etablissement",
    "numeroVoie2Etablissement",
    "indiceRepetition2Etablissement",
    "typeVoie2Etablissement",
    "libelleVoie2Etablissement",
    "codePostal2Etablissement",
    "libelleCommune2Etablissement",
    "libelleCommuneEtranger2Etablissement",
    "distributionSpeciale2Etablissement",
    "codeCommune2Etablissement",
    "codeCedex2Etablissement",
    "libelleCedex2Etablissement",
    "codePaysEtranger2Etablissement",
    "libellePaysEtranger2Etablissement",
    "dateDebut",
    "etatAdministratifEtablissement",
    "enseigne1Etablissement",
    "enseigne2Etablissement",
    "enseigne3Etablissement",
    "denominationUsuelleEtablissement",
    "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement",
    "caractereEmployeurEtablissement",
]


def siren_synthetique(numero):
    """A valid SIREN (Luhn check digit) made of a number: distinct numbers, distinct SIRENs."""
    debut = f"{numero:08d}"
    return debut + luhn.calc_check_digit(debut)


def siret_synthetique(siren, nic=1):
    debut = f"{siren}{nic:04d}"
    return debut + luhn.calc_check_digit(debut)


def ligne(entete, valeurs):
    """A row of this layout: the given columns, the others empty."""
    inconnues = set(valeurs) - set(entete)
    if inconnues:
        raise ValueError(f"Colonnes inconnues : {sorted(inconnues)}")
    return [valeurs.get(colonne, "") for colonne in entete]


def ecrire_zip(chemin, nom_csv, entete, lignes):
    """Writes these rows (lists) as the INSEE does: a CSV in UTF-8, comma-separated, zipped;
    row by row, never the whole file in memory."""
    with zipfile.ZipFile(chemin, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open(nom_csv, "w", force_zip64=True) as binaire:
            texte = io.TextIOWrapper(binaire, encoding="utf-8", newline="")
            ecrivain = csv.writer(texte, lineterminator="\n")
            ecrivain.writerow(entete)
            ecrivain.writerows(lignes)
            texte.flush()
            texte.detach()


# The synthetic legal units of the benchmark: names drawn from a few words (a vocabulary of
# the size the real registry's has), the legal categories and headcounts of the ESS.
DEBUTS = ["Association", "Coopérative", "Comité", "Amicale", "Union", "Foyer", "Atelier"]
MILIEUX = ["des jardins", "du quartier", "de la vallée", "des familles", "sportive", "culturelle"]
FINS = ["de Dijon", "du Morvan", "de Gironde", "du Lot", "solidaire", "Saint-Michel", "d'Arles"]
CATEGORIES = ["9220"] * 14 + ["5458", "5460", "5710", "9300", "8210", "5558"]
TRANCHES = ["NN", "00", "01", "02", "03", "11", "12", "21", "22", "31"]
ACTIVITES = ["94.99Z", "88.99B", "85.59A", "93.12Z", "90.01Z", "43.21A", "56.10A"]


def unites_synthetiques(nombre, graine=17):
    """Rows of StockUniteLegale for `nombre` legal units of the ESS, sorted by SIREN."""
    rng = random.Random(graine)
    noms = [" ".join(mots) for mots in product(DEBUTS, MILIEUX, FINS)]
    for numero in range(nombre):
        siren = siren_synthetique(10_000_000 + numero)
        annee = rng.randint(1950, 2025)
        cessee = rng.random() < 0.1
        yield ligne(
            ENTETE_UNITES,
            {
                "siren": siren,
                "statutDiffusionUniteLegale": "O",
                "dateCreationUniteLegale": f"{annee}-{rng.randint(1, 12):02d}-01",
                "trancheEffectifsUniteLegale": rng.choice(TRANCHES),
                "dateDebut": f"{annee + 1}-01-01",
                "etatAdministratifUniteLegale": "C" if cessee else "A",
                "denominationUniteLegale": rng.choice(noms).upper(),
                "categorieJuridiqueUniteLegale": rng.choice(CATEGORIES),
                "activitePrincipaleUniteLegale": rng.choice(ACTIVITES),
                "nomenclatureActivitePrincipaleUniteLegale": "NAFRev2",
                "nicSiegeUniteLegale": "00013",
                "economieSocialeSolidaireUniteLegale": "O",
                "caractereEmployeurUniteLegale": "N",
            },
        )
