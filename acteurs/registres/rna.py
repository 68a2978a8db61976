"""The French register of associations (RNA), from its « waldec » file.

The file (rna_waldec_AAAAMMJJ.zip) holds one `;`-separated CSV file per département, in UTF-8
or Latin-1 depending on the release. An association is read into a FicheRegistre: its RNA
number, SIRET, title, creation and dissolution, head-office address and commune. Nothing about
its officers is ever read (dir_civilite and the management address are left aside).
"""

import datetime
import re

from django.core.exceptions import ValidationError

from acteurs.enums import FormeJuridique
from acteurs.registres.commun import FicheRegistre
from acteurs.registres.lecture import Archive, erreur, propre, verifier_colonnes
from acteurs.validators import validate_rna, validate_siret

REGISTRE = "RNA « waldec »"

COLONNES = (
    "id",
    "siret",
    "date_creat",
    "date_disso",
    "titre",
    "titre_court",
    "adrs_numvoie",
    "adrs_repetition",
    "adrs_typevoie",
    "adrs_libvoie",
    "adrs_codeinsee",
    "adrs_codepostal",
    "position",
)

# position: A active, D dissoute, S supprimée (a record withdrawn by the prefecture: no
# association behind it any more, so none is read).
DISSOUTE = "D"
SUPPRIMEE = "S"

REPETITIONS = {"B": "bis", "T": "ter", "Q": "quater"}
TYPES_VOIE = {
    "ALL": "allée",
    "AV": "avenue",
    "BD": "boulevard",
    "CHE": "chemin",
    "CRS": "cours",
    "FG": "faubourg",
    "IMP": "impasse",
    "LD": "lieu-dit",
    "PAS": "passage",
    "PL": "place",
    "QUA": "quartier",
    "RES": "résidence",
    "RTE": "route",
    "SQ": "square",
}

# "0001-01-01" stands for "no date" in the file.
SANS_DATE = {"", "0001-01-01", "0000-00-00"}


def lire_rna(chemin, *, departements=(), identifiants=None):
    """The associations of the file as FicheRegistre objects, read as a stream.

    `departements` (codes such as "33", "2A", "974") keeps those whose head office is there;
    `identifiants` (a set of RNA numbers and SIRETs), if given, keeps only those matching.
    """
    departements = {code.upper() for code in departements}
    with Archive(chemin) as archive:
        # Its files are split by the prefecture that keeps the record, not always the seat's
        # département: every file is read, and each row's commune decides.
        for nom in archive.noms():
            yield from _lire_fichier(archive, nom, departements, identifiants)


def _lire_fichier(archive, nom, departements, identifiants):
    fichier = archive.nom_complet(nom)
    lignes = archive.lire(nom, ";")
    _, entetes = next(lignes)
    verifier_colonnes(fichier, entetes, COLONNES, REGISTRE)
    for ligne, valeurs in lignes:
        if valeurs["position"].strip() == SUPPRIMEE:
            continue
        if identifiants is not None and not (
            valeurs["id"].strip() in identifiants or valeurs["siret"].strip() in identifiants
        ):
            continue
        if departements and departement(valeurs) not in departements:
            continue
        yield fiche_rna(valeurs, fichier=fichier, ligne=ligne)


def departement(valeurs):
    """The département of an association's head office, from its commune (or postcode)."""
    code = valeurs["adrs_codeinsee"].strip() or valeurs["adrs_codepostal"].strip()
    return code[:3] if code.startswith("97") else code[:2].upper()


def fiche_rna(valeurs, *, fichier, ligne):
    def texte(colonne):
        return propre(valeurs.get(colonne, ""))

    rna = texte("id").upper()
    try:
        validate_rna(rna)
    except ValidationError as probleme:
        raise erreur(fichier, ligne, probleme.messages[0], colonne="id") from probleme
    dissoute = texte("position") == DISSOUTE
    return FicheRegistre(
        registre="rna",
        ligne=ligne,
        rna=rna,
        siret=_siret(texte("siret")),
        nom=texte("titre"),
        sigle=_sigle(texte("titre_court"), texte("titre")),
        forme_juridique=FormeJuridique.ASSOCIATION.value,
        date_creation=_date(texte("date_creat"), fichier, ligne, "date_creat"),
        date_cessation=(
            _date(texte("date_disso"), fichier, ligne, "date_disso")
            or _date(texte("maj_time")[:10], fichier, ligne, "maj_time")
            if dissoute
            else None
        ),
        adresse=_adresse(texte),
        code_postal=_si_conforme(texte("adrs_codepostal"), r"\d{5}"),
        code_commune=_si_conforme(texte("adrs_codeinsee").upper(), r"[0-9][0-9AB][0-9]{3}"),
    )


def _siret(valeur):
    # The RNA keeps whatever was declared: a SIRET with a wrong key is left out rather than
    # stopping the whole file, and the association is still read by its RNA number.
    try:
        validate_siret(valeur)
    except ValidationError:
        return ""
    return valeur


def _si_conforme(valeur, motif):
    # Placeholders such as "_" or "00000" stand for an unknown postcode or commune.
    return valeur if re.fullmatch(motif, valeur) and valeur != "00000" else ""


def _sigle(titre_court, titre):
    # titre_court is often the title cut to 38 characters (ending with "..."): not a sigle.
    coupe = titre_court.endswith("...") or len(titre_court) > 50
    return "" if coupe or titre_court == titre else titre_court


def _date(valeur, fichier, ligne, colonne):
    if valeur in SANS_DATE:
        return None
    for forme in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(valeur, forme).date()
        except ValueError:
            continue
    raise erreur(
        fichier, ligne, f"date illisible « {valeur} » (attendu AAAA-MM-JJ).", colonne=colonne
    )


def _adresse(texte):
    numero = texte("adrs_numvoie")
    repetition = texte("adrs_repetition").upper()
    type_voie = texte("adrs_typevoie").upper()
    return " ".join(
        filter(
            None,
            [
                numero,
                REPETITIONS.get(repetition, repetition.lower()),
                TYPES_VOIE.get(type_voie, type_voie.lower()),
                texte("adrs_libvoie"),
            ],
        )
    )
