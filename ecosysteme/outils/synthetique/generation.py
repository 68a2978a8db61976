"""A synthetic directory at realistic scale, for load tests and benchmarks, and its removal.

Every row created here is marked `is_synthetic`; roles, relations, key figures and links go
with their organisations, people and programmes by cascade. Rows are inserted with
bulk_create, one transaction per batch of organisations, and indexed for search as they are
built, by the indexer's own functions: bulk_create sends no signal. One seed, one directory.
"""

import gc
import math
import multiprocessing
import queue
import random
import re
import time
import traceback
from bisect import bisect, bisect_left
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import accumulate

from django.db import DatabaseError, connection, connections, transaction
from django.db.models import Q
from django.utils.text import slugify

from accompagnement.models import ChiffreDispositif, Dispositif
from accompagnement.recherche import documenter_dispositif, indexer_dispositifs
from acteurs.enums import RELATIONS_SYMETRIQUES, TypeRelation
from acteurs.models import (
    ChiffreOrganisation,
    Fonction,
    Organisation,
    Personne,
    Relation,
    TerritoireCouvert,
    TypeActivite,
)
from acteurs.recherche import (
    documenter_organisation,
    documenter_personne,
    indexer_organisations,
    indexer_personnes,
)
from acteurs.registres.commun import copier as inserer_lignes
from ecosysteme.alphabetique import sans_accents
from ecosysteme.enums import NatureSource, NiveauTerritoire, PrecisionDate
from ecosysteme.listes.index_facettes import donnees_modifiees
from ecosysteme.models import Source, Territoire, Thematique
from ecosysteme.recherche.indexation import ajouter_au_vocabulaire, avec_parents

from . import listes
from .territoires import (
    AUTRES_NOMS,
    COMMUNES_BRUXELLES,
    GRANDES_VILLES,
    PAYS,
    POIDS_BRUXELLES,
    PROVINCES_FLAMANDES,
    REGIONS_BELGIQUE,
    REGIONS_FRANCE,
)

TAILLE_LOT = 5000  # organisations per transaction: a failure never leaves half of one
TAILLE_INSERTION = 2000  # rows per INSERT (SQLite lowers it to its own limit)
# Build batches in a child process while this one inserts (see Annuaire.lots()).
PARALLELE = True
SEUILS_DE_COLLECTE = (50_000, 20, 20)  # instead of (700, 10, 10)
PERSONNES_PAR_ORGANISATION = 1.5
ORGANISATIONS_PAR_DISPOSITIF = 20
PART_DES_GRANDES_VILLES = 0.25
# Relations drawn per organisation: geometric, mean 3, so most have few and some many.
LOG_RELATIONS = math.log(0.75)
POIDS_RELATIONS = {
    TypeRelation.MEMBRE: 45, TypeRelation.PARTENAIRE: 20, TypeRelation.ACCOMPAGNEMENT: 10,
    TypeRelation.FINANCEMENT: 5, TypeRelation.SOUTIEN: 5, TypeRelation.FONDATION: 3,
    TypeRelation.MUTUALISATION: 3, TypeRelation.HEBERGEMENT: 3, TypeRelation.COORDINATION: 2,
    TypeRelation.PILOTAGE: 2, TypeRelation.ANTENNE: 1.5, TypeRelation.FUSION: 0.5,
}  # fmt: skip
# Relations whose source plays a role (PROFILS[…]["roles"]) towards its target.
RELATIONS_DE_ROLE = {
    TypeRelation.ACCOMPAGNEMENT, TypeRelation.FINANCEMENT, TypeRelation.SOUTIEN,
    TypeRelation.HEBERGEMENT, TypeRelation.COORDINATION, TypeRelation.PILOTAGE,
}  # fmt: skip
PETITS_MOTS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "à", "au", "aux"}
ARTICLES = {"le": "du ", "la": "de la ", "les": "des ", "l": "de l'", "": "de "}


def milliers(nombre):
    return f"{nombre:,}".replace(",", "\N{NO-BREAK SPACE}")


def table(poids):
    """Values and cumulative weights, for Tirage.pondere()."""
    return list(poids), list(accumulate(poids.values()))


class Tirage(random.Random):
    def pondere(self, table):
        valeurs, cumuls = table
        return valeurs[bisect(cumuls, self.random() * cumuls[-1])]

    def annee(self, debut, fin=2024):
        return self.randint(min(debut, fin), fin)


def de(nom):
    """'de Dijon', 'du Mesnil', 'des Herbiers', "d'Auxonne", "de l'Escale"."""
    for article, contraction in (("Le ", "du "), ("Les ", "des "), ("L'", "de l'")):
        if nom.startswith(article):
            return contraction + nom[len(article) :]
    return f"d'{nom}" if sans_accents(nom[:1]).lower() in "aeiouy" else f"de {nom}"


def complement(nom, article):
    """ "de la Gironde", "du Nord", "d'Ille-et-Vilaine": a département or région after "de"."""
    if not article and sans_accents(nom[:1]).lower() in "aeiouy":
        return f"d'{nom}"
    return ARTICLES[article] + nom


def a(nom):
    for article, contraction in (("Le ", "au "), ("Les ", "aux ")):
        if nom.startswith(article):
            return contraction + nom[len(article) :]
    return f"à {nom}"


def faire_slug(texte):
    # Apostrophes separate words ("cote-d-or"), and ligatures keep their letters ("coeur").
    return slugify(sans_accents(texte).replace("'", " ").replace("’", " "))[:180].strip("-")


def sigle(nom):
    initiales = [m[0] for m in re.split(r"[\s'’–-]+", nom) if m and m.lower() not in PETITS_MOTS]
    if 3 <= len(initiales) <= 7 and all(c.isalpha() for c in initiales):
        return sans_accents("".join(initiales)).upper()
    return ""


def date_partielle(tirage, annee):
    """A date known to the year, sometimes to the month or the day, with its precision."""
    x = tirage.random()
    if x < 0.8:
        return date(annee, 1, 1), PrecisionDate.ANNEE
    if x < 0.95:
        return date(annee, tirage.randint(1, 12), 1), PrecisionDate.MOIS
    return date(annee, tirage.randint(1, 12), tirage.randint(1, 28)), PrecisionDate.JOUR


class Contexte(dict):
    """The values of a template's placeholders, each drawn the first time it is used."""

    def __init__(self, tirage, **valeurs):
        super().__init__(valeurs)
        self.tirage = tirage

    def __missing__(self, cle):
        t = self.tirage
        if cle in ("metier", "metiers", "metiers_min"):
            collectif, activite, theme = t.choice(listes.METIERS)
            self.update(metiers=collectif, metiers_min=collectif.lower(), metier=activite)
            self["thematique"] = theme
        elif cle == "n":
            self[cle] = str(int(t.lognormvariate(3, 0.8)) + 2)
        elif cle == "montant":
            self[cle] = f"{int(t.lognormvariate(12, 1)) // 100 * 100:,}".replace(",", " ")
        elif cle in ("prenom", "nom_famille"):
            self.update(prenom=t.choice(listes.PRENOMS_FEMININS + listes.PRENOMS_MASCULINS))
            self["nom_famille"] = t.choice(listes.NOMS)
        else:
            # activite, activite2…: several draws from one list, distinct where possible.
            liste = listes.REMPLISSAGES[cle.rstrip("0123456789")]
            valeur = t.choice(liste)
            for _ in range(3):
                if valeur not in self.values():
                    break
                valeur = t.choice(liste)
            self[cle] = valeur
        return self[cle]


@dataclass(slots=True, eq=False)
class Lieu:
    """A commune, with what organisations seated there are linked to and written with."""

    commune: Territoire
    departement: Territoire  # or the région, for Brussels: it has no province
    region: Territoire
    pays: str
    contexte: dict
    indice_departement: int


@dataclass(slots=True, eq=False)
class Fiche:
    """An organisation being built, with its related rows, before any is inserted."""

    organisation: Organisation
    profil: dict
    lieu: Lieu
    types: list
    thematiques: list
    territoires_action: list
    personnes: list = field(default_factory=list)

    def liens(self):
        return {
            "types": self.types,
            "thematiques": self.thematiques,
            "territoires_action": self.territoires_action,
        }


class Annuaire:
    """Builds the synthetic directory, batch by batch."""

    def __init__(self, *, graine, ecrire=None):
        self.tirage = Tirage(graine)
        self.ecrire = ecrire or (lambda message: None)
        self.profils = table({cle: p["poids"] for cle, p in listes.PROFILS.items()})
        self.roles = {
            genre: table(poids) for genre, poids in listes.ROLES_PAR_GENRE.items()
        }  # fmt: skip
        self.formes = {
            (cle, pays): table(formes)
            for cle, profil in listes.PROFILS.items()
            for pays, formes in profil["formes"].items()
        }
        self.types_reseau = table(dict(listes.PROFILS["reseau"]["types"]))
        self.nombres_de_chiffres = table({0: 55, 1: 25, 2: 12, 3: 8})
        self.nombres_de_roles = table({1: 35, 2: 35, 3: 20, 4: 10})
        self.types_relation = table(POIDS_RELATIONS)
        self.natures = table({n: poids for n, (poids, _) in listes.NATURES_DISPOSITIFS.items()})
        self.par_departement = defaultdict(list)  # indices of organisations, increasing
        self.par_role = defaultdict(list)  # type of relation → indices of its possible sources
        self.communes_dotees = set()  # communes whose "Commune de …" exists already
        self.slugs = {}
        self.compteurs = defaultdict(int)
        self.comptes = Counter()  # rows created while preparing

    # --- Setup ------------------------------------------------------------------------------

    def generer(self, nombre):
        """Generates and inserts the directory; returns the number of rows, by model."""
        debut = time.monotonic()
        with transaction.atomic():
            self.preparer(nombre)
            donnees_modifiees()  # territories and labels for the maps and the facets
        self.ecrire(f"Référentiels prêts : {len(self.lieux)} communes ({self.duree(debut)}).")
        pks, dizaines, comptes = [], 0, Counter(self.comptes)
        # The benchmark's databases hold synthetic rows only: their search indexes are built
        # once at the end, much faster than row by row (a real directory keeps them).
        index_differes = not Organisation.objects.filter(is_synthetic=False).exists()
        with collecte_espacee(), index_de_recherche_differe(index_differes, self.ecrire):
            for lot in self.lots(nombre):
                with transaction.atomic():
                    comptes.update(inserer_lot(lot, pks))
                    donnees_modifiees()  # bulk inserts send no signal
                if len(pks) * 10 // nombre > dizaines:  # a line every 10 %
                    dizaines = len(pks) * 10 // nombre
                    self.ecrire(
                        f"Organisations : {milliers(len(pks))} sur {milliers(nombre)} "
                        f"({len(pks) * 100 // nombre} %), {self.duree(debut)}."
                    )
        return comptes

    def lots(self, nombre):
        """The batches, built here or, when there are several, by a child process.

        Building a batch (drawing, writing, indexing) costs about as much as inserting it: a
        child process builds the next batches while this one inserts, on a second core. The
        child only computes: it never touches the database, whose connection it inherits.
        """
        bornes = [(p, min(nombre, p + TAILLE_LOT)) for p in range(0, nombre, TAILLE_LOT)]
        if len(bornes) == 1 or not PARALLELE:
            yield from (self.construire_lot(*b) for b in bornes)
            return
        contexte = multiprocessing.get_context("fork")
        file = contexte.Queue(maxsize=2)  # at most two batches wait in memory
        enfant = contexte.Process(target=self.construire_lots, args=(bornes, file), daemon=True)
        enfant.start()
        try:
            for _ in bornes:
                lot = attendre(file, enfant)
                if isinstance(lot, str):
                    raise RuntimeError(f"La construction d'un lot a échoué :\n{lot}")
                yield lot
        finally:
            enfant.terminate()
            enfant.join()

    def construire_lots(self, bornes, file):
        # This process only builds: what it inherited needs no more collection.
        gc.freeze()
        gc.set_threshold(*SEUILS_DE_COLLECTE)
        try:
            for premier, dernier in bornes:
                file.put(self.construire_lot(premier, dernier))
        except BaseException:
            file.put(traceback.format_exc())
        file.close()
        file.join_thread()

    @staticmethod
    def duree(debut):
        return f"{time.monotonic() - debut:.0f} s"

    def preparer(self, nombre):
        self.nb_tetes = max(5, nombre // 100)
        # Networks' sizes follow a power law: the first have thousands of members.
        self.tetes = list(accumulate(1 / (rang + 5) for rang in range(self.nb_tetes)))
        self.thematiques = self.referentiel(Thematique, listes.THEMATIQUES)
        self.types = self.referentiel(TypeActivite, listes.TYPES_ACTIVITE)
        self.source = self.creer_source()
        self.preparer_territoires(min(4000, max(150, nombre // 25)))
        for modele in (Organisation, Personne, Dispositif):
            self.slugs[modele] = set(modele.objects.values_list("slug", flat=True))

    def referentiel(self, modele, lignes):
        """These themes or kinds of activity, reused where they exist, created otherwise."""
        existants = {}
        for objet in modele.objects.all():
            existants[objet.slug] = existants[objet.nom] = objet
        nouveaux = [
            modele(slug=slug, nom=nom, is_synthetic=True)
            for slug, nom in lignes
            if slug not in existants and nom not in existants
        ]
        modele.objects.bulk_create(nouveaux)
        self.comptes[modele._meta.label] += len(nouveaux)
        existants.update((objet.slug, objet) for objet in nouveaux)
        return {slug: existants.get(slug) or existants[nom] for slug, nom in lignes}

    def creer_source(self):
        slug, numero = "donnees-synthetiques", 1
        while Source.objects.filter(slug=slug).exists():
            numero += 1
            slug = f"donnees-synthetiques-{numero}"
        self.comptes[Source._meta.label] += 1
        return Source.objects.create(
            titre="Données synthétiques (générateur d'annuaire)",
            slug=slug,
            nature=NatureSource.AUTRE,
            description="Fiches fictives générées pour les essais de charge : aucune n'est réelle.",
            is_synthetic=True,
        )

    def preparer_territoires(self, nb_communes):
        """Countries, régions, départements and communes: real ones reused (by slug or code)."""
        self.existants = {t.slug: t for t in Territoire.objects.order_by("pk")}
        par_pk = {t.pk: t for t in self.existants.values()}
        for t in self.existants.values():
            t.parent = par_pk.get(t.parent_id)  # in memory: noms_territoire() without queries
        self.par_code = {(t.niveau, t.code): t for t in self.existants.values() if t.code}
        self.a_creer = defaultdict(list)  # depth → territories to create
        self.lieux, self.poids_lieux = [], []
        departements = self.departements()
        total = sum(d["poids"] for d in departements)
        villes = defaultdict(list)
        for nom, code, code_parent, habitants in GRANDES_VILLES:
            villes[code_parent].append((nom, code, habitants))
        habitants_des_villes = sum(ville[3] for ville in GRANDES_VILLES)
        for indice, d in enumerate(departements):
            for nom, code, habitants in villes[d["code"]]:
                part = PART_DES_GRANDES_VILLES * habitants / habitants_des_villes
                self.lieu(d, indice, nom, faire_slug(nom), code, part)
            if d["genre"] == "bxl":
                noms = COMMUNES_BRUXELLES
            elif d["code"] == "75":  # Paris is a commune and a département
                noms = []
            else:
                pris = {ville[0] for ville in villes[d["code"]]}
                noms = self.noms_communes(
                    d["genre"], max(1, round(nb_communes * d["poids"] / total))
                )
                noms = [nom for nom in noms if nom not in pris]
            # Within a département, a few communes draw most organisations (Zipf).
            harmonique = sum(1 / rang for rang in range(1, len(noms) + 1))
            for rang, nom in enumerate(noms, 1):
                slug = faire_slug(nom)
                if d["genre"] != "bxl":  # "beaulieu-sur-loire-loiret": one per département
                    slug += f"-{d['territoire'].slug}"
                part = (1 - PART_DES_GRANDES_VILLES) * d["poids"] / total / rang / harmonique
                self.lieu(d, indice, nom, slug, "", part)
        self.cumuls_lieux = list(accumulate(self.poids_lieux))
        self.comptes[Territoire._meta.label] += sum(map(len, self.a_creer.values()))
        for profondeur in sorted(self.a_creer):
            Territoire.objects.bulk_create(self.a_creer[profondeur], batch_size=TAILLE_INSERTION)

    def territoire(self, nom, slug, niveau, code, parent, profondeur):
        """The territory with this slug (or code), created (in memory) when there is none."""
        t = self.existants.get(slug) or (code and self.par_code.get((niveau, code)))
        if not t:
            nom_nl, nom_en = AUTRES_NOMS.get(nom, ("", ""))
            t = Territoire(
                nom=nom,
                nom_nl=nom_nl or None,
                nom_en=nom_en or None,
                slug=slug,
                niveau=niveau,
                code=code,
                parent=parent,
                is_synthetic=True,
            )
            self.existants[slug] = t
            if code:
                self.par_code[(niveau, code)] = t
            self.a_creer[profondeur].append(t)
        return t

    def departements(self):
        """Départements and provinces (and Brussels), with what their communes need."""
        departements = []
        for code_pays, nom_pays in PAYS:
            pays = self.territoire(
                nom_pays, faire_slug(nom_pays), NiveauTerritoire.PAYS, code_pays, None, 0
            )
            regions = REGIONS_FRANCE if code_pays == "FR" else REGIONS_BELGIQUE
            for code, nom, article, enfants in regions:
                region = self.territoire(
                    nom, faire_slug(nom), NiveauTerritoire.REGION, code, pays, 1
                )
                if not enfants:  # Brussels: its communes sit directly under the région
                    departements.append({
                        "territoire": region, "region": region, "code": code, "pays": code_pays,
                        "poids": POIDS_BRUXELLES, "genre": "bxl",
                        "contexte": {"de_dept": complement(nom, article),
                                     "de_region": complement(nom, article)},
                    })  # fmt: skip
                for code_d, nom_d, article_d, poids in enfants:
                    slug = faire_slug(nom_d)
                    if nom_d == nom or code_d == "75":  # not the région's or the commune's slug
                        slug += "-departement"
                    departement = self.territoire(
                        nom_d, slug, NiveauTerritoire.DEPARTEMENT, code_d, region, 2
                    )
                    departements.append({
                        "territoire": departement, "region": region, "code": code_d,
                        "pays": code_pays, "poids": poids,
                        "genre": "nl" if code_d in PROVINCES_FLAMANDES else code_pays.lower(),
                        "contexte": {"de_dept": complement(nom_d, article_d),
                                     "de_region": complement(nom, article)},
                    })  # fmt: skip
        return departements

    def lieu(self, departement, indice, nom, slug, code, poids):
        parent = departement["territoire"]
        profondeur = 2 if departement["genre"] == "bxl" else 3
        commune = self.territoire(nom, slug, NiveauTerritoire.COMMUNE, code, parent, profondeur)
        contexte = dict(departement["contexte"], commune=nom, de_commune=de(nom), a_commune=a(nom))
        self.lieux.append(
            Lieu(commune, parent, departement["region"], departement["pays"], contexte, indice)
        )
        self.poids_lieux.append(poids)

    def noms_communes(self, genre, nombre):
        noms = []
        for _ in range(nombre * 3):
            nom = self.nom_commune(genre)
            if nom not in noms:
                noms.append(nom)
            if len(noms) == nombre:
                break
        return noms

    def nom_commune(self, genre):
        t, x = self.tirage, self.tirage.random()
        if genre == "nl":
            nom = t.choice(listes.RACINES_FLAMANDES) + t.choice(listes.SUFFIXES_FLAMANDS)
            if x < 0.2:
                return f"Sint-{t.choice(listes.SAINTS_FLAMANDS)}-{nom}"
            return nom
        if genre == "be":
            base = t.choice(listes.BASES_WALLONNES)
            if x < 0.55:
                return base
            if x < 0.75:
                return f"{base}-sur-{t.choice(listes.RIVIERES_WALLONNES)}"
            if x < 0.9:
                return f"{base}-lez-{t.choice(listes.BASES_WALLONNES)}"
            return f"{base}-Saint-{t.choice(listes.SAINTS)}"
        base = t.choice(listes.BASES_COMMUNES)
        if x < 0.3:
            return base
        if x < 0.42:
            saint = f"Saint-{t.choice(listes.SAINTS)}" if x < 0.39 else (
                f"Sainte-{t.choice(listes.SAINTES)}"
            )  # fmt: skip
            return f"{saint}-de-{base}" if t.random() < 0.3 else saint
        if x < 0.56:
            return f"{base}-sur-{t.choice(listes.RIVIERES)}"
        if x < 0.64:
            return f"{base}-en-{t.choice(listes.PAYS_TRADITIONNELS)}"
        if x < 0.74:
            return f"{base}-{t.choice(listes.QUALIFICATIFS_COMMUNES)}"
        suite = t.choice(
            [f"Saint-{t.choice(listes.SAINTS)}", f"sur-{t.choice(listes.RIVIERES)}", base]
        )
        if x < 0.88:
            return f"{t.choice(listes.BASES_AVEC_ARTICLE)}-{suite}"
        return f"{t.choice(listes.PREFIXES_COMMUNES)}-{suite}"

    # --- One batch --------------------------------------------------------------------------

    def construire_lot(self, premier, dernier):
        """The rows of a batch of organisations, indexed for search, none inserted yet."""
        fiches = [self.fiche(i) for i in range(premier, dernier)]
        nombre = dernier - premier
        personnes = self.personnes(fiches, round(nombre * PERSONNES_PAR_ORGANISATION))
        dispositifs = self.dispositifs(fiches, round(nombre / ORGANISATIONS_PAR_DISPOSITIF))
        textes = []
        for f in fiches:
            textes += documenter_organisation(f.organisation, personnes=f.personnes, **f.liens())
        for personne, fonctions in personnes:
            textes += documenter_personne(personne, fonctions=fonctions)
        for dispositif, liens in dispositifs:
            textes += documenter_dispositif(dispositif, **liens)
        # Rows that hang on the entries name them by their index in the batch: their primary
        # keys are known once they are inserted.
        rang = {id(o): i for i, o in enumerate([f.organisation for f in fiches])}
        rang.update((id(p), i) for i, (p, _) in enumerate(personnes))
        rang.update((id(d), i) for i, (d, _) in enumerate(dispositifs))
        return Lot(
            organisations=[f.organisation for f in fiches],
            personnes=[p for p, _ in personnes],
            dispositifs=[d for d, _ in dispositifs],
            fonctions=[
                (rang[id(f.personne)], rang[id(f.organisation)], *valeurs(f, CHAMPS_FONCTION[2:]))
                for _, fonctions in personnes
                for f in fonctions
            ],
            relations=self.relations(premier, fiches),
            couverts=[
                (i, pk)
                for i, f in enumerate(fiches)
                for pk in sorted(avec_parents([f.organisation.siege, *f.territoires_action]))
            ],
            chiffres=[c for i, f in enumerate(fiches) for c in self.chiffres(i, f.profil)],
            chiffres_dispositifs=[
                c for i, (d, _) in enumerate(dispositifs) for c in self.chiffres_dispositif(i, d)
            ],
            liens=[
                *liens_multiples(Organisation, [f.liens() for f in fiches], rang),
                *liens_multiples(Dispositif, [liens for _, liens in dispositifs], rang),
            ],
            # No word of the search documents spans a space: the vocabulary only needs each
            # distinct token once, a much smaller load to carry from one process to the other.
            jetons=list({jeton for texte in set(textes) if texte for jeton in texte.split()}),
        )

    # --- Organisations ----------------------------------------------------------------------

    def fiche(self, indice):
        t = self.tirage
        lieu = self.lieux[bisect(self.cumuls_lieux, t.random() * self.cumuls_lieux[-1])]
        tete = indice < self.nb_tetes
        cle = "reseau" if tete else t.pondere(self.profils)
        profil = listes.PROFILS[cle]
        annee = max(1850, 2024 - int(t.expovariate(1 / (40 if tete else 18))))
        contexte = Contexte(t, **lieu.contexte, annee=str(annee))
        nom = self.nom_organisation(indice, cle, profil, lieu, contexte)
        contexte["nom"] = nom
        forme = t.pondere(self.formes[(cle, lieu.pays)])
        organisation = Organisation(
            nom=nom,
            sigle=sigle(nom) if t.random() < (0.7 if tete else 0.2) else "",
            slug=self.slug(Organisation, nom),
            forme_juridique=forme,
            annee_creation=annee if t.random() < 0.92 else None,
            description=self.description(profil, contexte),
            siege=lieu.commune if t.random() < 0.97 else None,
            is_published=t.random() < 0.98,
            is_synthetic=True,
        )
        if organisation.annee_creation and t.random() < 0.03:
            organisation.annee_fin = t.annee(organisation.annee_creation)
        if t.random() < 0.5:
            organisation.site_web = f"https://{organisation.slug[:40].strip('-')}.example.org"
        if cle == "reseau":  # one kind each: a network, a federation or a consortium
            types = [self.types[t.pondere(self.types_reseau)]]
        else:
            types = [self.types[s] for s, p in profil["types"] if t.random() < p]
        self.par_departement[lieu.indice_departement].append(indice)
        for role in profil["roles"]:
            self.par_role[role].append(indice)
        return Fiche(
            organisation, profil, lieu, types, self.thematiques_de(profil, contexte),
            self.territoires_action(lieu),
        )  # fmt: skip

    def nom_organisation(self, indice, cle, profil, lieu, contexte):
        t = self.tirage
        if indice < self.nb_tetes:
            rang = indice / self.nb_tetes
            portee = "national" if rang < 0.03 else "regional" if rang < 0.3 else "departemental"
            modele = t.choice(listes.NOMS_TETES[portee])
        elif cle == "collectivite" and lieu.commune not in self.communes_dotees:
            self.communes_dotees.add(lieu.commune)
            modele = "Commune {de_commune}"
        else:
            modele = t.choice(profil["noms"])
        nom = modele.format_map(contexte)
        return nom[0].upper() + nom[1:]

    def description(self, profil, contexte):
        t = self.tirage
        phrases = [profil["phrases"][0]]
        phrases += t.sample(profil["phrases"][1:], min(len(profil["phrases"]) - 1, t.randint(0, 2)))
        if t.random() < 0.4:
            phrases.append(t.choice(listes.PHRASES_COMMUNES))
        return " ".join(p.format_map(contexte) for p in phrases)

    def thematiques_de(self, profil, contexte):
        t = self.tirage
        slugs = []
        if "thematique" in contexte:  # the trade drawn for its name
            slugs.append(contexte["thematique"])
        if profil["thematiques"]:
            slugs += t.sample(
                profil["thematiques"], min(len(profil["thematiques"]), t.randint(0, 2))
            )
        if not slugs or t.random() < 0.1:
            slugs.append(t.choice(listes.THEMATIQUES)[0])
        return [self.thematiques[s] for s in dict.fromkeys(slugs)]

    def territoires_action(self, lieu):
        t, territoires = self.tirage, []
        if t.random() < 0.35:
            territoires.append(lieu.departement)
        if t.random() < 0.15:
            territoires.append(lieu.region)
        if t.random() < 0.08:
            autre = self.lieux[bisect(self.cumuls_lieux, t.random() * self.cumuls_lieux[-1])]
            territoires.append(autre.commune)
        return list(dict.fromkeys(territoires))

    def chiffres(self, indice, profil):
        """Key figures of the organisation of this index in the batch, as CHAMPS_CHIFFRE."""
        t = self.tirage
        libelles = listes.CHIFFRES[profil["genre"]]
        nombre = min(t.pondere(self.nombres_de_chiffres), len(libelles))
        return [
            (
                indice,
                libelle,
                Decimal(min(int(t.lognormvariate(echelle, 1)) + 1, 10**11)),
                t.random() < 0.1,
                t.annee(2012),
                self.source.pk,
            )
            for libelle, echelle in t.sample(libelles, nombre)
        ]

    def slug(self, modele, texte):
        base = faire_slug(texte) or "fiche"
        deja = self.slugs[modele]
        slug = base if not self.compteurs[base] else f"{base}-{self.compteurs[base] + 1}"
        while slug in deja:
            self.compteurs[base] += 1
            slug = f"{base}-{self.compteurs[base] + 1}"
        self.compteurs[base] += 1
        deja.add(slug)
        return slug

    # --- People -----------------------------------------------------------------------------

    def personnes(self, fiches, nombre):
        """People and their roles, in the organisations of this batch, near one another."""
        t = self.tirage
        voisines = defaultdict(list)
        for f in fiches:
            voisines[f.lieu.indice_departement].append(f)
        personnes = []
        for _ in range(nombre):
            premiere = t.choice(fiches)
            proches = voisines[premiere.lieu.indice_departement]
            organisations = [premiere] + [
                t.choice(proches) if t.random() < 0.6 else t.choice(fiches)
                for _ in range(t.pondere(self.nombres_de_roles) - 1)
            ]
            personnes.append(self.personne(organisations))
        return personnes

    def personne(self, fiches):
        t = self.tirage
        femme = t.random() < 0.5
        prenom = t.choice(listes.PRENOMS_FEMININS if femme else listes.PRENOMS_MASCULINS)
        nom = t.choice(listes.NOMS) if t.random() < 0.93 else t.choice(listes.NOMS_COMPOSES)
        personne = Personne(prenom=prenom, nom=nom, is_published=t.random() < 0.97)
        personne.is_synthetic = True
        annee = t.randint(1985, 2022)
        fonctions, vues = [], set()
        for rang, fiche in enumerate(fiches):
            groupe = t.pondere(self.roles[fiche.profil["genre"]])
            intitule = t.choice(listes.ROLES[groupe])[1 if femme else 0]
            if (fiche.organisation.slug, intitule) in vues:
                continue
            vues.add((fiche.organisation.slug, intitule))
            fonction = Fonction(
                personne=personne,
                organisation=fiche.organisation,
                intitule=intitule,
                categorie=listes.CATEGORIES_ROLES[groupe],
            )
            if t.random() < 0.75 and annee <= 2024:
                fonction.debut, fonction.debut_precision = date_partielle(t, annee)
            suivante = annee + t.randint(1, 6)
            derniere = rang == len(fiches) - 1
            if fonction.debut and (t.random() < (0.15 if derniere else 0.6)):
                fin = max(suivante, fonction.debut.year + 1)
                if fin <= 2025:
                    fonction.fin = date(fin, 1, 1)
            elif t.random() < 0.1:
                fonction.terminee = not derniere
            annee = suivante
            fonctions.append(fonction)
            if personne not in fiche.personnes:
                fiche.personnes.append(personne)
        if t.random() < 0.02:  # someone the sources do not name
            article = "l'" if sans_accents(fonctions[0].intitule[0]) in "aeiou" else (
                "la " if femme else "le "
            )  # fmt: skip
            personne.prenom = personne.nom = ""
            personne.designation = (
                f"{article}{fonctions[0].intitule} {de(fiches[0].organisation.nom)}"
            )
        personne.slug = self.slug(Personne, personne.nom_complet)
        if t.random() < 0.35:
            contexte = Contexte(
                t,
                **fiches[0].lieu.contexte,
                prenom=personne.nom_complet,
                annee=str(t.randint(1995, 2022)),
                e="e" if femme else "",
                ne="ne" if femme else "",
            )
            personne.biographie = t.choice(listes.BIOGRAPHIES).format_map(contexte)
        if t.random() < 0.15 and personne.nom:
            personne.email = f"{faire_slug(prenom)}.{faire_slug(nom)}@example.org"
        return personne, fonctions

    # --- Relations --------------------------------------------------------------------------

    def relations(self, premier, fiches):
        """(source, cible, type, dates) by index of organisation, each drawn once.

        A relation is drawn with the later of its two organisations, towards an earlier one:
        so a pair is never drawn twice, nor a symmetric relation in both directions.
        """
        t, relations = self.tirage, []
        for indice, fiche in enumerate(fiches, premier):
            nombre = min(int(math.log(1 - t.random()) / LOG_RELATIONS), 60)
            vues = set()
            for _ in range(nombre):
                type_ = t.pondere(self.types_relation)
                source, cible = indice, None
                if type_ == TypeRelation.MEMBRE:
                    cible = bisect(self.tetes, t.random() * self.tetes[-1])
                elif type_ in RELATIONS_DE_ROLE and not (
                    type_ in fiche.profil["roles"] and t.random() < 0.5
                ):
                    source, cible = self.jouant(type_, indice, fiche), indice
                else:
                    cible = self.voisine(indice, fiche)
                autre = cible if source == indice else source
                if autre is None or autre >= indice or (source, cible, type_) in vues:
                    continue
                vues.add((source, cible, type_))
                relations.append((source, cible, str(type_), "", *self.dates_relation(type_)))
        return relations

    def voisine(self, indice, fiche):
        """An earlier organisation, of the same département more often than not."""
        t = self.tirage
        proches = self.par_departement[fiche.lieu.indice_departement]
        avant = bisect_left(proches, indice)
        if avant and t.random() < 0.7:
            return proches[t.randrange(avant)]
        return t.randrange(indice) if indice else None

    def jouant(self, type_, indice, fiche):
        """An earlier organisation that can be the source of this relation, older ones first."""
        sources = self.par_role[type_]
        avant = bisect_left(sources, indice)
        return sources[int(avant * self.tirage.random() ** 2)] if avant else None

    def dates_relation(self, type_):
        """debut, debut_precision, fin, fin_precision: known for half the relations."""
        t = self.tirage
        if type_ in RELATIONS_SYMETRIQUES or t.random() < 0.5:
            return None, str(PrecisionDate.ANNEE), None, str(PrecisionDate.ANNEE)
        debut, precision = date_partielle(t, t.randint(1995, 2024))
        return debut, str(precision), None, str(PrecisionDate.ANNEE)

    # --- Programmes -------------------------------------------------------------------------

    def dispositifs(self, fiches, nombre):
        t = self.tirage
        porteuses = [f for f in fiches if f.profil["roles"]] or fiches
        resultats = []
        for _ in range(nombre):
            porteur = t.choice(porteuses)
            porteurs = list(dict.fromkeys([porteur, t.choice(porteuses)][: t.randint(1, 2)]))
            partenaires = t.sample(fiches, min(len(fiches), t.randint(0, 4)))
            partenaires = [f for f in partenaires if f not in porteurs]
            nature = t.pondere(self.natures)
            annee = t.annee(max(porteur.organisation.annee_creation or 2000, 2000))
            contexte = Contexte(t, **porteur.lieu.contexte, annee=str(annee))
            nom = t.choice(listes.NATURES_DISPOSITIFS[nature][1]).format_map(contexte)
            contexte["nom"] = nom
            dispositif = Dispositif(
                nom=nom,
                slug=self.slug(Dispositif, nom),
                nature=nature,
                public=t.choice(listes.PUBLICS_DISPOSITIFS).format_map(contexte),
                etapes=t.choice(listes.ETAPES_DISPOSITIFS),
                description=" ".join(
                    p.format_map(contexte) for p in t.sample(listes.PHRASES_DISPOSITIFS, 2)
                ),
                debut=date(annee, 1, 1),
                is_published=t.random() < 0.95,
                is_synthetic=True,
            )
            if t.random() < 0.2:
                dispositif.fin = date(min(annee + t.randint(1, 5), 2025), 1, 1)
            lieu = porteur.lieu
            territoires = [
                t.choice([lieu.departement, lieu.departement, lieu.region, lieu.commune])
            ]
            thematiques = [self.thematiques["entrepreneuriat"]] + porteur.thematiques[:2]
            resultats.append((dispositif, {
                "porteurs": [f.organisation for f in porteurs],
                "partenaires": [f.organisation for f in partenaires],
                "thematiques": list(dict.fromkeys(thematiques)),
                "territoires": territoires,
            }))  # fmt: skip
        return resultats

    def chiffres_dispositif(self, indice, dispositif):
        t = self.tirage
        return [
            (
                indice,
                libelle,
                Decimal(int(t.lognormvariate(echelle, 1)) + 1),
                False,
                t.annee(dispositif.debut.year),
                self.source.pk,
            )
            for libelle, echelle in t.sample(listes.CHIFFRES_DISPOSITIFS, t.randint(0, 3))
        ]


@contextmanager
def collecte_espacee():
    """Fewer garbage collections: a batch allocates hundreds of thousands of objects that live
    until it is inserted, and each collection would scan them again (8 % of the run)."""
    seuils = gc.get_threshold()
    gc.set_threshold(*SEUILS_DE_COLLECTE)
    try:
        yield
    finally:
        gc.set_threshold(*seuils)


TABLES_RECHERCHEES = (Organisation, Personne, Dispositif)


@contextmanager
def index_de_recherche_differe(differer, ecrire):
    """Sets aside the search indexes of the entries' tables while rows are inserted.

    Inserting into PostgreSQL's trigram GIN indexes, or SQLite's FTS5 mirror through its
    trigger, row by row took most of the load; they are created again, whole, at the end,
    from their own definitions as the database reports them.
    """
    if not differer:
        yield
        return
    with connection.cursor() as curseur:
        if connection.vendor == "postgresql":
            # A lost commit at a crash costs a benchmark database nothing.
            curseur.execute("SET synchronous_commit TO off")
            # The generator's rows refer to rows it has inserted: checking each foreign key
            # at every commit (Django's are deferred) took a tenth of the load. Only a
            # superuser may skip the checks; others keep them.
            try:
                with transaction.atomic():
                    curseur.execute("SET session_replication_role TO replica")
            except DatabaseError:
                pass
            curseur.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
                "AND indexdef LIKE '%%gin_trgm_ops%%' "
                "ORDER BY pg_relation_size(format('%%I.%%I', schemaname, tablename)::regclass) "
                "DESC, indexname",
                [[m._meta.db_table for m in TABLES_RECHERCHEES]],
            )
            definitions = curseur.fetchall()
            effacer = [f'DROP INDEX "{nom}"' for nom, _ in definitions]
            recreer = [definition for _, definition in definitions]
        else:
            curseur.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            noms = {f"{m._meta.db_table}_recherche_ai" for m in TABLES_RECHERCHEES}
            definitions = [(nom, sql) for nom, sql in curseur.fetchall() if nom in noms]
            effacer = [f'DROP TRIGGER "{nom}"' for nom, _ in definitions]
            recreer = [definition for _, definition in definitions] + [
                f'INSERT INTO "{nom[:-3]}"("{nom[:-3]}") VALUES (\'rebuild\')'
                for nom, _ in definitions
            ]
    with transaction.atomic(), connection.cursor() as curseur:
        for sql in reglages_immediats() + effacer:
            curseur.execute(sql)
    try:
        yield
    finally:
        debut = time.monotonic()
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            recreer_en_parallele(recreer)
            recreer = []
        with transaction.atomic(), connection.cursor() as curseur:
            for sql in reglages_immediats() + recreer:
                curseur.execute(sql)
            if connection.vendor == "postgresql":
                curseur.execute("RESET session_replication_role")
                curseur.execute("RESET synchronous_commit")
        ecrire(f"Index de recherche construits ({time.monotonic() - debut:.0f} s).")


def recreer_en_parallele(definitions):
    """Builds the indexes two at a time, each on a connection of its own.

    PostgreSQL builds a GIN index in one process: one at a time left a core idle. A larger
    maintenance_work_mem lets each build gather more of its index before writing it out.
    Only outside a transaction: another connection would wait on this one's locks.
    """

    def construire(definition):
        try:
            with connections["default"].cursor() as curseur:
                curseur.execute("SET maintenance_work_mem TO '1GB'")
                curseur.execute(definition)
        finally:
            connections["default"].close()

    with ThreadPoolExecutor(max_workers=2) as executeur:
        # Largest tables first, so that the two connections end together.
        list(executeur.map(construire, definitions))


def reglages_immediats():
    # PostgreSQL alters no index of a table whose deferred foreign key checks are pending
    # (rows inserted earlier in the same transaction, as in the tests): run them first.
    return ["SET CONSTRAINTS ALL IMMEDIATE"] if connection.vendor == "postgresql" else []


def inserer_entrees(modele, objets):
    """Inserts these entries and sets their primary keys.

    On PostgreSQL the keys are drawn from the table's sequence first, and the rows sent by
    one COPY: INSERT … RETURNING through bulk_create took half of the load.
    """
    if connection.vendor != "postgresql" or not objets:
        modele.objects.bulk_create(objets, batch_size=TAILLE_INSERTION)
        return
    meta = modele._meta
    with connection.cursor() as curseur:
        curseur.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objets)],
        )
        for objet, (pk,) in zip(objets, curseur.fetchall(), strict=True):
            objet.pk = pk
    champs = meta.concrete_fields
    lignes = [
        [c.get_db_prep_save(c.pre_save(objet, True), connection) for c in champs]
        for objet in objets
    ]
    inserer_lignes(modele, [c.name for c in champs], lignes)
    for objet in objets:
        objet._state.adding, objet._state.db = False, connection.alias


def attendre(file, enfant):
    """The next batch from the child process, unless it has died."""
    while True:
        try:
            return file.get(timeout=5)
        except queue.Empty:
            if not enfant.is_alive():
                raise RuntimeError("Le processus qui construit les lots s'est arrêté.") from None


def liens_multiples(modele, liens, rang):
    """Rows of the many-to-many tables of these organisations or programmes, as pairs of
    indices in the batch (or primary keys, for reference data already in the database)."""
    for champ in liens[0] if liens else []:
        yield (
            modele,
            champ,
            [
                (indice, rang[id(cible)] if cible.pk is None else cible.pk)
                for indice, lien in enumerate(liens)
                for cible in lien[champ]
            ],
        )


def valeurs(objet, champs):
    # TextChoices members as plain strings: database drivers adapt exact types only.
    return [str(v) if isinstance(v, str) else v for v in (getattr(objet, c) for c in champs)]


CHAMPS_FONCTION = [
    "personne", "organisation", "intitule", "categorie", "terminee", "note",
    "debut", "debut_precision", "fin", "fin_precision",
]  # fmt: skip
CHAMPS_RELATION = [
    "source", "cible", "type", "description", "debut", "debut_precision", "fin", "fin_precision",
]  # fmt: skip
CHAMPS_CHIFFRE = ["libelle", "valeur", "est_approximatif", "annee", "source"]


@dataclass(slots=True)
class Lot:
    """A batch of organisations and all that hangs on them, ready to insert.

    Entries travel as model instances; the rows that hang on them as tuples of values, whose
    first fields are entries by their index in the batch (organisations of earlier batches,
    in relations, by their index of generation).
    """

    organisations: list
    personnes: list
    dispositifs: list
    fonctions: list  # CHAMPS_FONCTION
    relations: list  # CHAMPS_RELATION
    chiffres: list  # organisation, then CHAMPS_CHIFFRE
    chiffres_dispositifs: list  # dispositif, then CHAMPS_CHIFFRE
    couverts: list  # organisation, territory primary key (TerritoireCouvert)
    liens: list  # (model, many-to-many field, [(index, index or primary key)])
    jetons: list  # what ajouter_au_vocabulaire() needs of the texts


def inserer_lot(lot, pks):
    """Inserts a batch; returns the number of rows by model.

    pks holds the primary keys of the organisations inserted before, by index of generation.
    """
    comptes = Counter()
    for modele, objets in (
        (Organisation, lot.organisations),
        (Personne, lot.personnes),
        (Dispositif, lot.dispositifs),
    ):
        inserer_entrees(modele, objets)
        comptes[modele._meta.label] += len(objets)
    organisations = [o.pk for o in lot.organisations]
    personnes = [p.pk for p in lot.personnes]
    dispositifs = [d.pk for d in lot.dispositifs]
    pks += organisations
    lignes = {
        (Fonction, *CHAMPS_FONCTION): [
            (personnes[p], organisations[o], *reste) for p, o, *reste in lot.fonctions
        ],
        (Relation, *CHAMPS_RELATION): [
            (pks[s], pks[c], *reste) for s, c, *reste in lot.relations
        ],
        (TerritoireCouvert, "organisation", "territoire"): [
            (organisations[o], territoire) for o, territoire in lot.couverts
        ],
        (ChiffreOrganisation, "organisation", *CHAMPS_CHIFFRE): [
            (organisations[o], *reste) for o, *reste in lot.chiffres
        ],
        (ChiffreDispositif, "dispositif", *CHAMPS_CHIFFRE): [
            (dispositifs[d], *reste) for d, *reste in lot.chiffres_dispositifs
        ],
    }  # fmt: skip
    for (modele, *champs), valeurs_des_lignes in lignes.items():
        inserer_lignes(modele, champs, valeurs_des_lignes)
        comptes[modele._meta.label] += len(valeurs_des_lignes)
    for modele, champ, paires in lot.liens:
        relation = modele._meta.get_field(champ)
        through = relation.remote_field.through
        sources = organisations if modele is Organisation else dispositifs
        cibles = organisations if relation.related_model is Organisation else None
        lignes = [(sources[i], cibles[c] if cibles else c) for i, c in paires]
        champs = [relation.m2m_field_name(), relation.m2m_reverse_field_name()]
        inserer_lignes(through, champs, lignes)
        comptes[through._meta.label] += len(lignes)
    ajouter_au_vocabulaire(lot.jetons)
    return comptes


# --- Removal ---------------------------------------------------------------------------------


def existe_des_donnees_synthetiques():
    modeles = (Organisation, Personne, Dispositif, Territoire, Thematique, TypeActivite, Source)
    return any(m.objects.filter(is_synthetic=True).exists() for m in modeles)


def supprimer_donnees_synthetiques():
    """Deletes every synthetic row, and re-indexes the real entries that named one of them.

    Returns the number of rows deleted, by model. Raises ProtectedError when a real entry is
    seated in a synthetic territory (nothing is deleted then).
    """
    with transaction.atomic():
        a_reindexer = entrees_reelles_liees()
        comptes = supprimer_en_bloc()
        for modele in (Dispositif, Organisation, Personne, Thematique, TypeActivite):
            _, par_modele = modele.objects.filter(is_synthetic=True).only("pk").delete()
            comptes.update(par_modele)
        # Children before parents: a territory protects the ones below it.
        synthetiques = Territoire.objects.filter(is_synthetic=True)
        while feuilles := list(synthetiques.filter(enfants=None).values_list("pk", flat=True)):
            supprimes, _ = Territoire.objects.filter(pk__in=feuilles).delete()
            comptes[Territoire._meta.label] += supprimes
        comptes[Source._meta.label] += Source.objects.filter(is_synthetic=True).delete()[0]
        indexer_organisations(pks=a_reindexer["organisations"])
        indexer_personnes(pks=a_reindexer["personnes"])
        indexer_dispositifs(pks=a_reindexer["dispositifs"])
        donnees_modifiees()
    return +comptes


def supprimer_en_bloc():
    """Roles, relations, key figures and links of synthetic entries, one statement per table.

    Left to the cascade, they would each be fetched, then named by their key in the deleting
    queries: two minutes for 100,000 organisations on PostgreSQL, instead of a few seconds.
    """
    comptes = Counter()
    organisations = Organisation.objects.filter(is_synthetic=True)
    personnes = Personne.objects.filter(is_synthetic=True)
    for modele, condition in (
        (Fonction, Q(organisation__in=organisations) | Q(personne__in=personnes)),
        (Relation, Q(source__in=organisations) | Q(cible__in=organisations)),
    ):
        lignes = modele.objects.filter(condition)
        modele.sources.through.objects.filter(**{f"{modele._meta.model_name}__in": lignes}).delete()
        # Without fetching the rows nor sending post_delete, whose handler would re-index
        # entries one role at a time; the real entries concerned are re-indexed at the end.
        comptes[modele._meta.label] += lignes._raw_delete(lignes.db)
    champs = ("types", "thematiques", "territoires_action", "sources")
    liees = (
        ChiffreOrganisation,
        TerritoireCouvert,
        *(getattr(Organisation, c).through for c in champs),
    )
    for modele in liees:
        # No signal and nothing depends on them: delete() runs a single statement.
        _, par_modele = modele.objects.filter(organisation__in=organisations).delete()
        comptes.update(par_modele)
    return comptes


def entrees_reelles_liees():
    """Real entries whose search documents name a synthetic row."""
    organisations = Organisation.objects.filter(is_synthetic=False).filter(
        Q(fonctions__personne__is_synthetic=True)
        | Q(types__is_synthetic=True)
        | Q(thematiques__is_synthetic=True)
        | Q(territoires_action__is_synthetic=True)
    )
    personnes = Personne.objects.filter(
        is_synthetic=False, fonctions__organisation__is_synthetic=True
    )
    dispositifs = Dispositif.objects.filter(is_synthetic=False).filter(
        Q(porteurs__is_synthetic=True)
        | Q(partenaires__is_synthetic=True)
        | Q(thematiques__is_synthetic=True)
        | Q(territoires__is_synthetic=True)
    )
    return {
        "organisations": set(organisations.values_list("pk", flat=True)),
        "personnes": set(personnes.values_list("pk", flat=True)),
        "dispositifs": set(dispositifs.values_list("pk", flat=True)),
    }
