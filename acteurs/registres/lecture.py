"""Reading the registries' CSV files as streams, from a zip or not, whatever their encoding.

The official files weigh up to several GB: a row is decoded, read and forgotten, never the
whole file held. Every problem becomes an ErreurRegistre naming the file, the row and the
column, in French, before anything is written.
"""

import csv
import io
import re
import zipfile
from pathlib import Path

from acteurs.registres.commun import ErreurRegistre
from ecosysteme.textes import INTERDIT_LIGNE

# A row of the RNA can hold a whole statement of purpose: far beyond csv's default limit.
csv.field_size_limit(10_000_000)

# The columns that tell one registry's files from another's, to say which file was given
# when it is not the one expected.
SIGNES_REGISTRE = {
    "SIRENE (INSEE)": {"siren", "statutDiffusionUniteLegale"},
    "SIRENE des établissements (INSEE)": {"siret", "statutDiffusionEtablissement"},
    "RNA « waldec »": {"id", "titre", "adrs_codeinsee"},
    "RNA « import »": {"id", "titre", "adr1"},
    "BCE/KBO Open Data": {"EnterpriseNumber"},
}


def erreur(fichier, ligne, texte, colonne=None):
    """The ErreurRegistre for a row (and a column) of a file."""
    ou = f"{fichier}, ligne {ligne}" + (f", colonne « {colonne} »" if colonne else "")
    return ErreurRegistre(f"{ou} : {texte}")


def propre(valeur):
    """A value as one line of text: the characters every text field refuses (controls,
    writing-direction marks) become spaces, spaces are collapsed. A registry's entries are
    written in bulk, without the fields' checks: their text is cleaned here instead."""
    return " ".join(INTERDIT_LIGNE.sub(" ", valeur).split())


def registre_reconnu(entetes):
    """Which registry a file with these columns comes from, if any is recognised (read with
    another registry's separator, its header is a single column: split it)."""
    presentes = {nom.strip('"') for entete in entetes for nom in re.split(r"[;,\t]", entete)}
    for nom, signes in SIGNES_REGISTRE.items():
        if signes <= presentes:
            return nom
    return None


def verifier_colonnes(fichier, entetes, attendues, registre):
    """Refuses a file lacking one of the expected columns, saying which file it looks like."""
    manquantes = [colonne for colonne in attendues if colonne not in entetes]
    if not manquantes:
        return
    reconnu = registre_reconnu(entetes)
    if reconnu and reconnu != registre:
        raise erreur(
            fichier, 1, f"c'est un fichier du registre {reconnu}, pas du registre {registre}."
        )
    raise erreur(
        fichier,
        1,
        f"la colonne attendue est absente ({len(manquantes)} en tout) : ce n'est pas un "
        f"fichier du registre {registre}, ou sa mise en page a changé.",
        colonne=manquantes[0],
    )


def lignes_texte(flux, fichier):
    """The lines of a byte stream, as text: UTF-8 or Latin-1 (Windows-1252), as detected.

    The first line with a non-ASCII byte decides, and every later line must agree: a file
    that mixes both, or that is neither (UTF-16, binary), stops with the row that shows it.
    """
    encodage = None
    for numero, octets in enumerate(flux, start=1):
        if b"\x00" in octets:
            raise erreur(
                fichier, numero, "encodage non reconnu (UTF-16 ?) : attendu UTF-8 ou Latin-1."
            )
        if numero == 1 and octets.startswith(b"\xef\xbb\xbf"):
            octets = octets[3:]
            encodage = "utf-8"
        if octets.isascii():
            yield octets.decode("ascii")
            continue
        if encodage is None:
            encodage = "utf-8" if _est_utf8(octets) else "cp1252"
        yield _decoder(octets, encodage, fichier, numero)


def _est_utf8(octets):
    try:
        octets.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decoder(octets, encodage, fichier, numero):
    if encodage == "cp1252" and _est_utf8(octets):
        raise erreur(
            fichier, numero, "encodage mêlé : cette ligne est en UTF-8, les précédentes en Latin-1."
        )
    try:
        return octets.decode(encodage)
    except UnicodeDecodeError as probleme:
        lisible = "UTF-8" if encodage == "utf-8" else "Latin-1"
        raise erreur(
            fichier,
            numero,
            f"octet illisible à la position {probleme.start + 1} : le fichier n'est pas "
            f"entièrement en {lisible}.",
        ) from probleme


def lignes_csv(flux, fichier, separateur, garder=None):
    """(row number, dict of the row) for each row of a CSV byte stream, header checked aside.

    Yields first (1, header list), then the rows; the row number is the file's line number
    where the row starts, as a spreadsheet would show it. `garder`, if given, tells from a raw
    line whether to read it at all: a file of 40 million rows is then sifted before its CSV
    is parsed (only for files without line breaks inside their values).
    """
    texte = _SuiviLignes(lignes_texte(flux, fichier), garder)
    lecteur = csv.reader(texte, delimiter=separateur)
    try:
        entetes = next(lecteur)
    except StopIteration:
        raise erreur(fichier, 1, "le fichier est vide.") from None
    except csv.Error as probleme:
        raise erreur(fichier, 1, f"ligne d'en-tête illisible ({probleme}).") from probleme
    entetes = [entete.strip() for entete in entetes]
    yield 1, entetes
    while True:
        texte.debut = None
        try:
            valeurs = next(lecteur)
        except StopIteration:
            return
        except csv.Error as probleme:
            raise erreur(fichier, texte.debut, f"ligne CSV illisible ({probleme}).") from probleme
        debut = texte.debut
        if not valeurs or valeurs == [""]:
            continue
        if len(valeurs) > len(entetes):
            raise erreur(
                fichier,
                debut,
                f"{len(valeurs)} valeurs pour {len(entetes)} colonnes "
                f"(séparateur « {separateur} » attendu).",
            )
        # A short row (trailing empty values left out) reads as empty values.
        valeurs += [""] * (len(entetes) - len(valeurs))
        yield debut, dict(zip(entetes, valeurs, strict=True))


class _SuiviLignes:
    """An iterator of lines that counts them, so that a row spanning several lines (a quoted
    field with line breaks) is named by the line where it starts."""

    def __init__(self, lignes, garder):
        self.lignes = lignes
        self.garder = garder
        self.numero = 0
        self.debut = None  # the number of the first line of the row being read

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            ligne = next(self.lignes)
            self.numero += 1
            if self.garder is None or self.numero == 1 or self.garder(ligne):
                break
        if self.debut is None:
            self.debut = self.numero
        return ligne


class Archive:
    """A zip of CSV files, or one CSV file given as is, opened member by member."""

    def __init__(self, chemin):
        self.chemin = Path(chemin)
        if not self.chemin.is_file():
            raise ErreurRegistre(f"{self.chemin} : fichier introuvable.")
        self.zip = None
        self.ouverts = []
        if zipfile.is_zipfile(self.chemin):
            try:
                self.zip = zipfile.ZipFile(self.chemin)
            except zipfile.BadZipFile as probleme:
                raise self._tronquee(probleme) from probleme
        elif self.chemin.suffix.lower() == ".zip":
            raise self._tronquee("répertoire central absent")

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        # A reading stopped by an error leaves its generator suspended, its file open: close
        # them here rather than whenever the generator is collected.
        for flux in self.ouverts:
            flux.close()
        if self.zip is not None:
            self.zip.close()

    def _tronquee(self, probleme):
        return ErreurRegistre(
            f"{self.chemin.name} : archive zip incomplète ou abîmée ({probleme}) ; "
            f"téléchargez-la de nouveau."
        )

    def noms(self):
        """The names of its CSV files (its own name when it is a single CSV file)."""
        if self.zip is None:
            return [self.chemin.name]
        return [nom for nom in self.zip.namelist() if nom.lower().endswith(".csv")]

    def nom_complet(self, nom):
        return nom if self.zip is None else f"{self.chemin.name} › {nom}"

    def lire(self, nom, separateur, garder=None):
        """The rows of one of its files, as lignes_csv gives them."""
        fichier = self.nom_complet(nom)
        if self.zip is None:
            with self.chemin.open("rb") as flux:
                self.ouverts.append(flux)
                yield from lignes_csv(flux, fichier, separateur, garder)
            return
        try:
            with self.zip.open(nom) as brut:
                flux = io.BufferedReader(brut, 1 << 20)
                self.ouverts.append(flux)
                yield from lignes_csv(flux, fichier, separateur, garder)
        except (zipfile.BadZipFile, EOFError, OSError) as probleme:
            raise ErreurRegistre(
                f"{fichier} : archive zip incomplète ou abîmée ({probleme}) ; "
                f"téléchargez-la de nouveau."
            ) from probleme
