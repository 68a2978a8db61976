"""The Belgian Crossroads Bank for Enterprises (BCE/KBO), from its Open Data zip.

The zip (KboOpenData_NNNN_AAAA_MM_Full.zip) holds one CSV file per kind of fact, joined by
enterprise number: enterprise.csv (legal form, situation, start), denomination.csv (names, in
their language), address.csv (in French and Dutch), activity.csv (NACE-BEL codes), contact.csv,
and code.csv, the labels of every code. The files are large (activity.csv alone is over a GB):
enterprise.csv is read first and chooses the enterprises, then each other file is read once,
keeping only the rows of the chosen ones.

An enterprise is chosen when its legal form is one of the social economy's (association,
foundation, social-purpose or social-enterprise company: recognised by their labels in
code.csv) or when the directory already knows its number. Never a natural person's.
"""

import dataclasses
import datetime
import re
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from acteurs.enums import FormeJuridique
from acteurs.registres.commun import NOMS_OFFICIELS, ErreurRegistre, FicheRegistre
from acteurs.registres.lecture import Archive, erreur, propre, verifier_colonnes
from acteurs.validators import validate_bce

REGISTRE = "BCE/KBO Open Data"

COLONNES = {
    "code.csv": ("Category", "Code", "Language", "Description"),
    "enterprise.csv": (
        "EnterpriseNumber",
        "Status",
        "JuridicalSituation",
        "TypeOfEnterprise",
        "JuridicalForm",
        "StartDate",
    ),
    "denomination.csv": ("EntityNumber", "Language", "TypeOfDenomination", "Denomination"),
    "address.csv": (
        "EntityNumber",
        "TypeOfAddress",
        "CountryFR",
        "Zipcode",
        "MunicipalityFR",
        "MunicipalityNL",
        "StreetFR",
        "StreetNL",
        "HouseNumber",
        "Box",
        "DateStrikingOff",
    ),
    "activity.csv": ("EntityNumber", "NaceVersion", "NaceCode", "Classification"),
    "contact.csv": ("EntityNumber", "EntityContact", "ContactType", "Value"),
}

ACTIF = "AC"
PERSONNE_PHYSIQUE = "1"
SIEGE = "REGO"
ENTREPRISE = "ENT"
NOM, ABREVIATION = "001", "002"
# Denomination languages, in the order a name is chosen: French, then Dutch, then the others.
LANGUES = {"1": "fr", "2": "nl", "0": "", "3": "de", "4": "en"}
ORDRE_LANGUES = list(LANGUES)

# Legal forms of the social economy, by words of their French label in code.csv (accents
# dropped): associations and foundations, companies with a social purpose (before 2019) and
# cooperatives recognised as social enterprises (since).
FORMES_ECONOMIE_SOCIALE = [
    ("sans but lucratif", FormeJuridique.ASBL),
    ("fondation", FormeJuridique.FONDATION),
    ("etablissement d'utilite publique", FormeJuridique.FONDATION),
    ("entreprise sociale", FormeJuridique.COOPERATIVE),
    ("finalite sociale", FormeJuridique.COOPERATIVE),
]
# Juridical situations that end an enterprise, by words of their French label.
SITUATION_ARRETEE = re.compile(
    r"dissolution|liquidation|faillite|fusion|scission|radiation|cessation|annulation|arret"
)


@dataclasses.dataclass
class FicheBce(FicheRegistre):
    """A Belgian enterprise: its name's language and its Dutch address are kept too, for
    when the directory speaks both languages."""

    langue_nom: str = ""
    # Its name in each language the registry gives it in (Organisation.nom_officiel).
    nom_officiel_fr: str = ""
    nom_officiel_nl: str = ""
    nom_officiel_en: str = ""
    adresse_nl: str = ""
    commune_nom: str = ""


def lire_bce(chemin, *, connus=frozenset(), economie_sociale=True, communes=None):
    """The chosen enterprises of the zip as FicheBce objects, in the order of enterprise.csv.

    `connus`: the enterprise numbers (10 digits) the directory already has; with
    `economie_sociale` False, only those are read. `communes`: the NIS code of Belgian
    communes by their name (as sans_accents writes it), since the addresses give only names.
    """
    with Archive(chemin) as archive:
        noms = set(archive.noms())
        for nom in COLONNES:
            if nom not in noms:
                raise ErreurRegistre(
                    f"{archive.chemin.name} : le fichier {nom} manque ; ce n'est pas une archive "
                    f"{REGISTRE}{_autre_registre(archive, noms)}."
                )
        lecture = _Lecture(archive, connus, economie_sociale, communes or {})
        lecture.codes()
        lecture.entreprises()
        lecture.denominations()
        lecture.adresses()
        lecture.activites()
        lecture.contacts()
        yield from lecture.fiches.values()


def _autre_registre(archive, noms):
    for nom in sorted(noms):
        if nom.lower().startswith("rna_"):
            return f" (on y trouve {nom}, un fichier du RNA)"
        if nom.lower().startswith("stock"):
            return f" (on y trouve {nom}, un fichier SIRENE)"
    return ""


def sans_accents(texte):
    decompose = unicodedata.normalize("NFKD", texte.lower())
    return "".join(c for c in decompose if not unicodedata.combining(c)).replace("’", "'")


def numero_pointe(numero):
    """ "0403170701" → "0403.170.701", as the files write it."""
    return f"{numero[:4]}.{numero[4:7]}.{numero[7:]}"


class _Lecture:
    def __init__(self, archive, connus, economie_sociale, communes):
        self.archive = archive
        self.communes = communes
        self.economie_sociale = economie_sociale
        self.connus = {numero_pointe(n) for n in connus}
        self.formes = {}  # KBO legal form code → FormeJuridique of the social economy
        self.situations_arretees = set()
        self.fin = datetime.date.today()  # the snapshot's date, if meta.csv gives it
        self.fiches = {}  # "0403.170.701" → FicheBce
        self.rangs = {}  # (number, what) → rank of the value kept, the lowest wins

    def lire(self, nom, garder_selection=True):
        lignes = self.archive.lire(nom, ",", self._choisie if garder_selection else None)
        _, entetes = next(lignes)
        verifier_colonnes(self.archive.nom_complet(nom), entetes, COLONNES[nom], REGISTRE)
        return lignes

    def _choisie(self, ligne):
        # Rows start with the number, quoted: "0403.170.701",…
        debut = 1 if ligne.startswith('"') else 0
        return ligne[debut : debut + 12] in self.fiches

    def garder(self, numero, quoi, rang):
        """Whether this value beats the one kept so far for the enterprise."""
        cle = (numero, quoi)
        if rang >= self.rangs.get(cle, (99,)):
            return False
        self.rangs[cle] = rang
        return True

    def codes(self):
        for _, valeurs in self.lire("code.csv", garder_selection=False):
            if valeurs["Language"] != "FR":
                continue
            libelle = sans_accents(valeurs["Description"])
            if valeurs["Category"] == "JuridicalForm":
                forme = next((f for mots, f in FORMES_ECONOMIE_SOCIALE if mots in libelle), None)
                if forme:
                    self.formes[valeurs["Code"]] = forme
            elif valeurs["Category"] == "JuridicalSituation" and SITUATION_ARRETEE.search(libelle):
                self.situations_arretees.add(valeurs["Code"])
        if not self.formes:
            raise erreur(
                self.archive.nom_complet("code.csv"),
                1,
                "aucune forme juridique de l'économie sociale (ASBL, fondation…) dans la "
                "catégorie JuridicalForm : table des codes incomplète.",
                colonne="Category",
            )
        if "meta.csv" in self.archive.noms():
            self.meta()

    def meta(self):
        for ligne, valeurs in self.archive.lire("meta.csv", ","):
            if ligne > 1 and valeurs.get("Variable") == "SnapshotDate":
                self.fin = self.date(valeurs.get("Value", ""), "meta.csv", ligne, "Value")

    def date(self, valeur, nom, ligne, colonne):
        try:
            return datetime.datetime.strptime(valeur, "%d-%m-%Y").date()
        except ValueError:
            raise erreur(
                self.archive.nom_complet(nom),
                ligne,
                f"date illisible « {valeur} » (attendu JJ-MM-AAAA).",
                colonne=colonne,
            ) from None

    def entreprises(self):
        lignes = self.lire("enterprise.csv", garder_selection=False)
        for ligne, valeurs in lignes:
            pointe = valeurs["EnterpriseNumber"].strip()
            forme = self.formes.get(valeurs["JuridicalForm"])
            if valeurs["TypeOfEnterprise"] == PERSONNE_PHYSIQUE:
                continue
            if pointe not in self.connus and (forme is None or not self.economie_sociale):
                continue
            self.fiches[pointe] = self.fiche(valeurs, pointe, forme, ligne)

    def fiche(self, valeurs, pointe, forme, ligne):
        numero = pointe.replace(".", "")
        try:
            validate_bce(numero)
        except ValidationError as probleme:
            raise erreur(
                self.archive.nom_complet("enterprise.csv"),
                ligne,
                f"« {pointe} » : {probleme.messages[0]}",
                colonne="EnterpriseNumber",
            ) from probleme
        arretee = (
            valeurs["Status"] != ACTIF or valeurs["JuridicalSituation"] in self.situations_arretees
        )
        debut = valeurs["StartDate"].strip()
        return FicheBce(
            registre="bce",
            ligne=ligne,
            bce=numero,
            forme_juridique=forme.value if forme else "",
            date_creation=self.date(debut, "enterprise.csv", ligne, "StartDate") if debut else None,
            # The open data says that an enterprise has stopped, not when: the snapshot's date
            # is the latest it can be.
            date_cessation=self.fin if arretee else None,
        )

    def denominations(self):
        for _, valeurs in self.lire("denomination.csv"):
            pointe, langue = valeurs["EntityNumber"], valeurs["Language"]
            if langue not in LANGUES or valeurs["TypeOfDenomination"] not in (NOM, ABREVIATION):
                continue
            fiche = self.fiches.get(pointe)
            if fiche is None:
                continue
            texte = propre(valeurs["Denomination"])
            officiel = f"nom_officiel_{LANGUES[langue]}"
            if texte and valeurs["TypeOfDenomination"] == NOM and officiel in NOMS_OFFICIELS:
                if self.garder(pointe, officiel, (0,)):
                    setattr(fiche, officiel, texte)
            if not texte or not self.garder(
                pointe, valeurs["TypeOfDenomination"], (ORDRE_LANGUES.index(langue),)
            ):
                continue
            if valeurs["TypeOfDenomination"] == NOM:
                fiche.nom, fiche.langue_nom = texte, LANGUES[langue]
            else:
                fiche.sigle = texte

    def adresses(self):
        for _, valeurs in self.lire("address.csv"):
            # A foreign seat, or an address struck off, says nothing of a seat in Belgium.
            if (
                valeurs["TypeOfAddress"] != SIEGE
                or valeurs["DateStrikingOff"]
                or valeurs["CountryFR"]
            ):
                continue
            fiche = self.fiches.get(valeurs["EntityNumber"])
            if fiche is None:
                continue
            numero, boite = propre(valeurs["HouseNumber"]), propre(valeurs["Box"])
            rue_fr = propre(valeurs["StreetFR"]) or propre(valeurs["StreetNL"])
            rue_nl = propre(valeurs["StreetNL"]) or rue_fr
            fiche.adresse = " ".join(filter(None, [rue_fr, numero, boite and f"boîte {boite}"]))
            fiche.adresse_nl = " ".join(filter(None, [rue_nl, numero, boite and f"bus {boite}"]))
            code_postal = valeurs["Zipcode"].strip()
            fiche.code_postal = code_postal if re.fullmatch(r"\d{4}", code_postal) else ""
            fiche.commune_nom = propre(valeurs["MunicipalityFR"] or valeurs["MunicipalityNL"])
            fiche.code_commune = self.communes.get(
                sans_accents(propre(valeurs["MunicipalityFR"]))
            ) or self.communes.get(sans_accents(propre(valeurs["MunicipalityNL"])), "")

    def activites(self):
        for _, valeurs in self.lire("activity.csv"):
            code, version = valeurs["NaceCode"], valeurs["NaceVersion"]
            if valeurs["Classification"] != "MAIN" or not re.fullmatch(r"\d{5}", code):
                continue
            # The latest NACE-BEL version wins, then the lowest activity group (VAT, then
            # social security…).
            rang = (-int(version) if version.isdigit() else 0, valeurs.get("ActivityGroup", ""))
            pointe = valeurs["EntityNumber"]
            if pointe in self.fiches and self.garder(pointe, "activite", rang):
                self.fiches[pointe].code_activite = f"{code[:2]}.{code[2:]}"

    def contacts(self):
        lecteurs = {"EMAIL": _courriel, "TEL": _telephone, "WEB": _site_web}
        champs = {"EMAIL": "courriel", "TEL": "telephone", "WEB": "site_web"}
        for _, valeurs in self.lire("contact.csv"):
            genre = valeurs["ContactType"]
            if valeurs["EntityContact"] != ENTREPRISE or genre not in lecteurs:
                continue
            fiche = self.fiches.get(valeurs["EntityNumber"])
            if fiche is None:
                continue
            valeur = lecteurs[genre](valeurs["Value"].strip())
            # The first valid value of each kind is kept; a broken one is skipped.
            if valeur and not getattr(fiche, champs[genre]):
                setattr(fiche, champs[genre], valeur)


def _courriel(valeur):
    try:
        validate_email(valeur)
    except ValidationError:
        return ""
    return valeur.lower()


def _telephone(valeur):
    try:
        numero = phonenumbers.parse(valeur, "BE")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(numero):
        return ""
    return phonenumbers.format_number(numero, phonenumbers.PhoneNumberFormat.E164)


def _site_web(valeur):
    if valeur and "://" not in valeur:
        valeur = f"https://{valeur}"
    try:
        URLValidator(schemes=["http", "https"])(valeur)
    except ValidationError:
        return ""
    return valeur if len(valeur) <= 300 else ""
