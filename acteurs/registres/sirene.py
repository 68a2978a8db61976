"""The INSEE's SIRENE stock files, read as a stream: the legal units (StockUniteLegale) and,
for their head office, the establishments (StockEtablissement), each a zipped CSV of several
gigabytes, in the layout the INSEE documents (« Description des fichiers de stock », v3.11).

Both files are sorted by SIREN: the head office of each legal unit is found by reading the two
side by side, never holding either in memory.
"""

import csv
import datetime
import io
import re
import zipfile
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from pyproj import Transformer

from ..enums import FormeJuridique
from ..models import Organisation
from ..validators import validate_rna, validate_siren, validate_siret
from .commun import ErreurRegistre, FicheRegistre

COLONNES_UNITES = [
    "siren",
    "statutDiffusionUniteLegale",
    "dateCreationUniteLegale",
    "sigleUniteLegale",
    "prenomUsuelUniteLegale",
    "identifiantAssociationUniteLegale",
    "trancheEffectifsUniteLegale",
    "dateDebut",
    "etatAdministratifUniteLegale",
    "nomUniteLegale",
    "nomUsageUniteLegale",
    "denominationUniteLegale",
    "denominationUsuelle1UniteLegale",
    "categorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale",
    "economieSocialeSolidaireUniteLegale",
]
COLONNES_ETABLISSEMENTS = [
    "siren",
    "siret",
    "statutDiffusionEtablissement",
    "etablissementSiege",
    "numeroVoieEtablissement",
    "indiceRepetitionEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
    "codePostalEtablissement",
    "codeCommuneEtablissement",
    "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement",
]

# The legal categories (« catégories juridiques », level III, of the INSEE) that say a legal
# form of the directory; the others give none. The registry does not tell a SCIC from other
# cooperatives: they are « autre société coopérative » until an editor says more.
SCOP = {"5458", "5558", "5658"}
COOPERATIVES = {
    *(f"54{n}" for n in ("43", "51", "52", "53", "54", "55", "59", "60")),
    *(f"55{n}" for n in ("43", "47", "51", "52", "53", "54", "55", "59", "60")),
    *(f"56{n}" for n in ("43", "47", "51", "52", "53", "54", "55", "59", "60")),
    "6317",  # société coopérative agricole
    "6318",  # union de sociétés coopératives agricoles
}
FORMES_PAR_NIVEAU_II = {
    "54": FormeJuridique.SARL,
    "55": FormeJuridique.SA,
    "56": FormeJuridique.SA,
    "57": FormeJuridique.SAS,
    "72": FormeJuridique.COLLECTIVITE,
    "71": FormeJuridique.ORGANISME_PUBLIC,
    "73": FormeJuridique.ORGANISME_PUBLIC,
    "74": FormeJuridique.ORGANISME_PUBLIC,
    "41": FormeJuridique.ORGANISME_PUBLIC,
    "82": FormeJuridique.MUTUELLE,
    "92": FormeJuridique.ASSOCIATION,
    "93": FormeJuridique.FONDATION,
}
# An individual entrepreneur (« personne physique »): their name is personal data.
PERSONNE_PHYSIQUE = "1000"

# The projection of the establishments' coordinates, by département: Lambert 93 in mainland
# France and Corsica, the local UTM projections overseas (as the INSEE documents them).
PROJECTIONS = {
    "971": 5490,  # Guadeloupe: RGAF09 / UTM 20N
    "972": 5490,  # Martinique
    "977": 5490,  # Saint-Barthélemy
    "978": 5490,  # Saint-Martin
    "973": 2972,  # Guyane: RGFG95 / UTM 22N
    "974": 2975,  # La Réunion: RGR92 / UTM 40S
    "975": 4467,  # Saint-Pierre-et-Miquelon: RGSPM06 / UTM 21N
    "976": 4471,  # Mayotte: RGM04 / UTM 38S
}
LAMBERT_93 = 2154


def forme_juridique(categorie):
    """The directory's legal form of an INSEE legal category, "" when it says none."""
    if categorie in SCOP:
        return FormeJuridique.SCOP
    if categorie in COOPERATIVES:
        return FormeJuridique.COOPERATIVE
    return FORMES_PAR_NIVEAU_II.get(categorie[:2], "")


def departement(code_commune):
    """The département of an INSEE commune code: three characters overseas."""
    return code_commune[:3] if code_commune.startswith("97") else code_commune[:2]


@cache
def _transformation(epsg):
    return Transformer.from_crs(epsg, 4326, always_xy=True)


def en_wgs84(x, y, code_commune):
    """(latitude, longitude) in WGS 84 of a point in the projection of its département."""
    epsg = PROJECTIONS.get(departement(code_commune), LAMBERT_93)
    longitude, latitude = _transformation(epsg).transform(x, y)
    return round(latitude, 7), round(longitude, 7)


class FichierZip:
    """The CSV inside an INSEE zip, read row by row; errors name the file, the row and the
    column, in French."""

    def __init__(self, chemin, *, colonnes, nature):
        self.chemin, self.nom, self.nature = Path(chemin), Path(chemin).name, nature
        self.colonnes = colonnes
        self.ligne = 1

    def erreur(self, message, colonne=None):
        ou = f"ligne {self.ligne}" + (f", colonne « {colonne} »" if colonne else "")
        return ErreurRegistre(f"{self.nom}, {ou} : {message}")

    def lignes(self) -> Iterator[list]:
        """The rows after the header, as lists; self.index gives each column's position."""
        try:
            archive = zipfile.ZipFile(self.chemin)
        except FileNotFoundError:
            raise ErreurRegistre(f"{self.nom} : fichier introuvable.") from None
        except (zipfile.BadZipFile, OSError):
            raise ErreurRegistre(
                f"{self.nom} : ce n'est pas une archive zip lisible (fichier tronqué ou "
                f"d'un autre format ?). Téléchargez à nouveau le fichier {self.nature} de l'INSEE."
            ) from None
        with archive:
            membres = [m for m in archive.namelist() if m.lower().endswith(".csv")]
            if len(membres) != 1:
                raise ErreurRegistre(
                    f"{self.nom} : l'archive devrait contenir un seul fichier CSV, "
                    f"elle en contient {len(membres)}."
                )
            try:
                with archive.open(membres[0]) as binaire:
                    texte = io.TextIOWrapper(binaire, encoding="utf-8", newline="")
                    lecteur = csv.reader(texte)
                    self.entete(next(lecteur, []))
                    for self.ligne, ligne in enumerate(lecteur, start=2):  # noqa: B020
                        if len(ligne) != self.largeur:
                            raise self.erreur(
                                f"{len(ligne)} colonnes au lieu de {self.largeur} (ligne coupée ?)."
                            )
                        yield ligne
            except UnicodeDecodeError:
                self.ligne += 1
                raise self.erreur("ce texte n'est pas en UTF-8, comme l'INSEE le publie.") from None
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
                self.ligne += 1
                raise self.erreur(
                    "l'archive s'interrompt ou est endommagée (fichier tronqué ?). "
                    f"Téléchargez à nouveau le fichier {self.nature} de l'INSEE."
                ) from None
            except csv.Error as erreur:
                raise self.erreur(f"CSV illisible ({erreur}).") from None

    def entete(self, entete):
        if len(entete) <= 1:
            separateur = "« ; »" if entete and ";" in entete[0] else "autre"
            raise self.erreur(
                f"ce n'est pas un fichier {self.nature} de l'INSEE : ses colonnes sont séparées "
                f"par des virgules, celui-ci a un séparateur {separateur} (un fichier d'un autre "
                "registre, comme le RNA ?)."
            )
        manquantes = [c for c in self.colonnes if c not in entete]
        if manquantes:
            autre = "" if "siren" in entete else " (un fichier d'un autre registre ?)"
            raise self.erreur(
                f"la colonne manque : ce n'est pas un fichier {self.nature} de l'INSEE{autre}.",
                colonne=manquantes[0],
            )
        self.index = {colonne: entete.index(colonne) for colonne in self.colonnes}
        self.largeur = len(entete)


def date_de(fichier, ligne, colonne):
    valeur = ligne[fichier.index[colonne]]
    if not valeur:
        return None
    try:
        return datetime.date.fromisoformat(valeur)
    except ValueError:
        raise fichier.erreur(f"« {valeur} » n'est pas une date AAAA-MM-JJ.", colonne) from None


class Sieges:
    """The head offices of the establishments' file, found by SIREN in ascending order."""

    def __init__(self, chemin):
        self.fichier = FichierZip(
            chemin, colonnes=COLONNES_ETABLISSEMENTS, nature="StockEtablissement"
        )
        self.lignes = self.lignes_des_sieges()
        self.suivant = next(self.lignes, None)

    def lignes_des_sieges(self):
        fichier, precedent = self.fichier, ""
        for ligne in fichier.lignes():
            siege, siren = fichier.index["etablissementSiege"], fichier.index["siren"]
            if ligne[siege] != "true":
                continue
            if ligne[siren] < precedent:
                raise fichier.erreur(
                    "les établissements ne sont pas triés par SIREN, comme l'INSEE les publie.",
                    "siren",
                )
            precedent = ligne[siren]
            yield ligne

    def de(self, siren):
        """The head office's row of this legal unit, or None."""
        i = self.fichier.index["siren"]
        while self.suivant is not None and self.suivant[i] < siren:
            self.suivant = next(self.lignes, None)
        if self.suivant is not None and self.suivant[i] == siren:
            return self.suivant
        return None


class Sirens:
    """A set of SIRENs held as sorted 8-byte integers: the directory's million SIRENs in a
    few megabytes, where a set of strings would take a hundred."""

    def __init__(self, sirens_croissants):
        self.nombres = array("q", (int(s) for s in sirens_croissants if s.isdigit()))

    @classmethod
    def de_l_annuaire(cls):
        organisations = Organisation.objects.exclude(siren="").order_by("siren")
        return cls(organisations.values_list("siren", flat=True).iterator(chunk_size=10_000))

    def __contains__(self, siren):
        if not siren.isdigit():
            return False
        nombre = int(siren)
        i = bisect_left(self.nombres, nombre)
        return i < len(self.nombres) and self.nombres[i] == nombre

    def __len__(self):
        return len(self.nombres)


def lire_sirene(
    unites, *, etablissements=None, departements=(), sirens_connus=None
) -> Iterator[FicheRegistre]:
    """The legal units of the social and solidarity economy (flagged so by the INSEE), of
    these départements when some are given (by their head office), and those whose SIREN the
    directory knows (read from it unless given), as FicheRegistre, with their head office's
    address and place when the establishments' file is given. Raises ErreurRegistre at the
    first row it cannot read."""
    fichier = FichierZip(unites, colonnes=COLONNES_UNITES, nature="StockUniteLegale")
    if sirens_connus is None:
        sirens_connus = Sirens.de_l_annuaire()
    sieges = Sieges(etablissements) if etablissements else None
    departements = set(departements)
    precedent = ""
    for ligne in fichier.lignes():
        siren = ligne[fichier.index["siren"]]
        connue = siren in sirens_connus
        if not connue and ligne[fichier.index["economieSocialeSolidaireUniteLegale"]] != "O":
            continue
        if sieges is not None:
            if siren < precedent:
                raise fichier.erreur(
                    "les unités légales ne sont pas triées par SIREN, comme l'INSEE les publie.",
                    "siren",
                )
            precedent = siren
        siege = sieges.de(siren) if sieges is not None else None
        if departements and not connue:
            code_commune = siege[sieges.fichier.index["codeCommuneEtablissement"]] if siege else ""
            if departement(code_commune) not in departements:
                continue
        fiche = fiche_de(fichier, ligne)
        if siege is not None:
            is_diffusible = ligne[fichier.index["statutDiffusionUniteLegale"]] == "O"
            completer_du_siege(fiche, sieges.fichier, siege, is_diffusible=is_diffusible)
        if fiche.nom or connue:
            yield fiche


def verifier(fichier, valeur, colonne, validateur):
    try:
        validateur(valeur)
    except ValidationError as erreur:
        raise fichier.erreur(f"« {valeur} » : {erreur.messages[0]}", colonne) from None


def fiche_de(fichier, ligne):
    """A legal unit's entry; a unit whose diffusion is partial gives no personal data."""

    def valeur(colonne):
        return ligne[fichier.index[colonne]].strip()

    siren = valeur("siren")
    verifier(fichier, siren, "siren", validate_siren)
    categorie = valeur("categorieJuridiqueUniteLegale")
    is_diffusible = valeur("statutDiffusionUniteLegale") == "O"
    nom = valeur("denominationUniteLegale") or valeur("denominationUsuelle1UniteLegale")
    if not nom and categorie == PERSONNE_PHYSIQUE and is_diffusible:
        nom = " ".join(
            filter(
                None,
                [
                    valeur("prenomUsuelUniteLegale"),
                    valeur("nomUsageUniteLegale") or valeur("nomUniteLegale"),
                ],
            )
        )
    rna = valeur("identifiantAssociationUniteLegale")
    if rna:
        verifier(fichier, rna, "identifiantAssociationUniteLegale", validate_rna)
    is_cessee = valeur("etatAdministratifUniteLegale") == "C"
    tranche = valeur("trancheEffectifsUniteLegale")
    return FicheRegistre(
        registre="sirene",
        ligne=fichier.ligne,
        siren=siren,
        rna=rna,
        nom=nom,
        sigle=valeur("sigleUniteLegale") if is_diffusible else "",
        forme_juridique=forme_juridique(categorie),
        date_creation=date_de(fichier, ligne, "dateCreationUniteLegale"),
        date_cessation=date_de(fichier, ligne, "dateDebut") if is_cessee else None,
        code_activite=valeur("activitePrincipaleUniteLegale")[:10],
        tranche_effectif=tranche if tranche != "NN" else "",
    )


NUMERO = re.compile(r"-?\d+(\.\d+)?")


def completer_du_siege(fiche, fichier, ligne, *, is_diffusible):
    """Adds the head office's SIRET and place; its street and coordinates only when the unit
    and the establishment are fully diffused (partial diffusion hides where a person lives)."""

    def valeur(colonne):
        return ligne[fichier.index[colonne]].strip()

    siret = valeur("siret")
    verifier(fichier, siret, "siret", validate_siret)
    fiche.siret = siret
    fiche.code_postal = valeur("codePostalEtablissement")[:5]
    fiche.code_commune = valeur("codeCommuneEtablissement")
    if not is_diffusible or valeur("statutDiffusionEtablissement") != "O":
        return
    fiche.adresse = " ".join(
        filter(
            None,
            [
                valeur("numeroVoieEtablissement"),
                valeur("indiceRepetitionEtablissement"),
                valeur("typeVoieEtablissement"),
                valeur("libelleVoieEtablissement"),
            ],
        )
    )
    x = valeur("coordonneeLambertAbscisseEtablissement")
    y = valeur("coordonneeLambertOrdonneeEtablissement")
    if NUMERO.fullmatch(x) and NUMERO.fullmatch(y) and fiche.code_commune:
        fiche.latitude, fiche.longitude = en_wgs84(float(x), float(y), fiche.code_commune)
