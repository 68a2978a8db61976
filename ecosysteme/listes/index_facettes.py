"""The listings' facets, counted in memory.

Beside each option of each facet, a listing shows how many results that option would give
with the other active filters. Asked of the database, each facet is a grouped count over all
the results: at 100,000 organisations, a few hundred milliseconds a page. Instead, each
process keeps, for every option, the set of entries it holds, as a bitset (a Python int
whose bit n stands for the entry of primary key n). A count is then the number of bits of an
AND, a few microseconds whatever the number of results, and so is the number of results.

The sets are read from the database once (one query per facet), and read again when the
data changed: at once in the process that wrote (donnees_modifiees(), the one invalidation,
called by every write the listings depend on), and in the others when the token of
VersionDonnees, checked with one query per listing and changed once per transaction at its
commit, says so.
"""

import bisect
import heapq
import itertools
import json
import math
import threading
from array import array
from dataclasses import dataclass, field

from django.db import connections, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.expressions import OrderBy, RawSQL
from pyroaring import BitMap

from ecosysteme.models import Recherchable, VersionDonnees
from ecosysteme.recherche.index_memoire import IndexTexte

# Beyond this many entries written since it was read, an index is read again whole rather
# than told each of them.
CHANGEMENT_MAX = 50_000
# An order keeps the entries placed since it was read aside, up to this many; beyond, it is
# written anew, in memory.
AJOUTS_MAX = 20_000
# The entries of a relation: written, they change what is derived from the relations.
RELATIONS = "acteurs.relation"


def en_bits(pks):
    """The set of these primary keys (a compressed bitmap)."""
    return BitMap(pks)


def pks_de(bits):
    """The primary keys in a set, in increasing order."""
    return list(bits)


def union(ensembles):
    """The union of these sets (a new one: none of them is changed)."""
    return BitMap().union(*ensembles)


def lignes(queryset):
    """The rows of a values_list() queryset, as the database cursor gives them.

    For tens of thousands of rows of plain numbers: Django would pass each value through
    its field's converters, a third of the time of a broad search.
    """
    sql, parametres = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as curseur:
        curseur.execute(sql, parametres)
        return curseur.fetchall()


def par_score(queryset):
    """{pertinence: [primary keys]} of a searched queryset (see recherche.analyser)."""
    bandes = {}
    for pk, score in lignes(queryset.order_by().values_list("pk", "pertinence")):
        bandes.setdefault(score, []).append(pk)
    return bandes


def parmi(queryset, pks):
    """Q: the entries of these primary keys, given to the database as one parameter.

    Thousands of keys in an IN () would be as many parameters, each prepared by Django and
    the driver: more time than the query itself.
    """
    pks = list(pks)
    if connections[queryset.db].vendor == "postgresql":
        return Q(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [pks]))
    return Q(pk__in=RawSQL("SELECT value FROM json_each(%s)", [json.dumps(pks)]))


class Classement:
    """Entries in an order (the model's, the most linked first…), to find the first few of
    any set of them without sorting the whole set.

    The order read from the database is kept as it was read (`ordre`); an entry written since
    gets a rank between its neighbours' (voisins()) and waits aside, in `ajouts`, until there
    are too many of them and the order is written anew (in memory, without the database).
    """

    def __init__(self, pks=()):
        self.ordre = array("q", pks)
        self.rangs = array("d", itertools.repeat(math.inf, max(self.ordre, default=-1) + 1))
        for rang, pk in enumerate(self.ordre):
            self.rangs[pk] = rang
        self.ajouts = []  # [(rank, primary key)], sorted
        self.deplaces = BitMap()  # entries of `ordre` no longer at their place there

    @classmethod
    def de(cls, pks):
        return cls(pks)

    def __len__(self):
        return len(self.ordre) - len(self.deplaces) + len(self.ajouts)

    def rang(self, pk):
        # An entry written since the order was read, not placed yet: last, rather than an error.
        return self.rangs[pk] if 0 <= pk < len(self.rangs) else math.inf

    def parcourir(self):
        """Every entry, in order."""
        base = (pk for pk in self.ordre if pk not in self.deplaces)
        if not self.ajouts:
            return base
        ajouts = (
            pk
            for i, (rang, pk) in enumerate(self.ajouts)
            if self.rang(pk) == rang and (i == 0 or self.ajouts[i - 1] != (rang, pk))
        )
        return heapq.merge(base, ajouts, key=self.rang)

    def premiers(self, pks, nombre):
        """The `nombre` first of these entries in this order."""
        return heapq.nsmallest(nombre, pks, key=self.rang)

    def premiers_de(self, bits, nombre):
        """The `nombre` first entries of a set of ranked entries, in this order.

        A set that holds a good part of the order is read along it until enough are found
        (a dozen steps for the whole directory); a smaller one is sorted. Either way, a cost
        bounded by the size of the set, not by that of the directory.
        """
        compte, taille = len(bits), len(self)
        if compte and compte * compte > nombre * taille:
            trouves = []
            # Four times the expected number of steps: beyond, the set is bunched at the end.
            for pk in itertools.islice(self.parcourir(), 4 * nombre * taille // compte):
                if pk in bits:
                    trouves.append(pk)
                    if len(trouves) == nombre:
                        return trouves
        return self.premiers(bits, nombre)

    def retirer(self, pks):
        """These entries leave the order (deleted, or to be placed again)."""
        for pk in pks:
            if pk < len(self.rangs):
                self.rangs[pk] = math.inf
        self.deplaces |= BitMap(pk for pk in pks if pk < len(self.rangs))

    def placer(self, voisins):
        """Places entries: `voisins`, [(pk, previous, next)] in order, the previous and next
        being entries already in the order (None at either end)."""
        serre = False
        for (precedent, suivant), groupe in itertools.groupby(voisins, key=lambda v: v[1:]):
            pks = [pk for pk, _precedent, _suivant in groupe]
            bas = self.rang(precedent) if precedent is not None else math.inf
            haut = self.rang(suivant) if suivant is not None else math.inf
            if bas == math.inf and haut == math.inf:
                bas, haut = -1.0, float(len(pks))
            elif bas == math.inf:
                bas = haut - 1
            elif haut == math.inf:
                haut = bas + 1
            pas = (haut - bas) / (len(pks) + 1)
            serre = serre or pas < 1e-6
            manque = max(pks) + 1 - len(self.rangs)
            if manque > 0:
                self.rangs.extend(itertools.repeat(math.inf, manque))
            for i, pk in enumerate(pks, 1):
                rang = bas + pas * i
                self.rangs[pk] = rang
                bisect.insort(self.ajouts, (rang, pk))
        if serre or len(self.ajouts) > AJOUTS_MAX:
            self.__init__(list(self.parcourir()))


def lire_membres(facette, entrees):
    """{option key: set of primary keys} of a facet over these entries."""
    paires = facette.paires(entrees)
    if hasattr(paires, "query") and not paires.query.combinator:
        paires = lignes(paires)  # a UNION is left to Django, which compiles its parts
    par_option = {}
    for cle, pk in paires:
        par_option.setdefault(cle, array("I")).append(pk)
    return {cle: BitMap(pks) for cle, pks in par_option.items()}


def termes_de_tri(modele):
    """(expression, descending) of each term of the model's order, its primary key last."""
    termes = []
    for terme in [*modele._meta.ordering, "pk"]:
        if isinstance(terme, str):
            termes.append((F(terme.lstrip("-")), terme.startswith("-")))
        elif isinstance(terme, OrderBy):
            termes.append((terme.expression, terme.descending))
        else:
            termes.append((terme, False))
    return termes


def voisins(queryset, pks):
    """[(pk, previous, next)] of these entries in the listing's order, the previous and the
    next being the nearest entries of the listing that are not among them; two index
    lookups an entry, in one query."""
    if not pks:
        return []
    termes = termes_de_tri(queryset.model)
    noms = [f"tri_{i}" for i in range(len(termes))]
    annotees = queryset.prefetch_related(None).annotate(
        **{nom: expression for nom, (expression, _desc) in zip(noms, termes, strict=True)}
    )
    autres = annotees.exclude(parmi(queryset, pks))

    def avant_ou_apres(apres):
        """Q: the entries before (after) the outer one: bounded by the first term, which the
        index of the order answers, then compared term by term."""
        premier, desc = noms[0], termes[0][1]
        borne = "gte" if apres != desc else "lte"
        condition, egal = Q(), Q()
        for nom, (_expression, desc) in zip(noms, termes, strict=True):
            comparaison = "gt" if apres != desc else "lt"
            condition |= egal & Q(**{f"{nom}__{comparaison}": OuterRef(nom)})
            egal &= Q(**{nom: OuterRef(nom)})
        return Q(**{f"{premier}__{borne}": OuterRef(premier)}) & condition

    sens = list(zip(noms, (desc for _expression, desc in termes), strict=True))
    ordre = [F(nom).desc() if desc else F(nom).asc() for nom, desc in sens]
    inverse = [F(nom).asc() if desc else F(nom).desc() for nom, desc in sens]
    precedent = autres.filter(avant_ou_apres(False)).order_by(*inverse).values("pk")[:1]
    suivant = autres.filter(avant_ou_apres(True)).order_by(*ordre).values("pk")[:1]
    places = (
        annotees.filter(parmi(queryset, pks))
        .annotate(precedent=Subquery(precedent), suivant=Subquery(suivant))
        .order_by(*ordre)
        .values_list("pk", "precedent", "suivant")
    )
    return lignes(places)


@dataclass
class IndexFacettes:
    """The entries of a listing and, for each facet, the entries under each option; and the
    search index of their documents."""

    jeton: str  # the version of the data it holds (VersionDonnees.actuelle())
    entrees: BitMap  # every entry the listing can show
    classement: Classement  # the entries in the model's order (by name)
    membres: dict  # facet name → {option key: BitMap of primary keys}
    # The facets that leave entries out by default (the organisations that have ceased).
    masquantes: tuple = ()
    queryset: object = None  # the entries it was read from
    # The search documents (for a searchable model), read at the first search (texte()).
    documents: IndexTexte = None
    # The entries the listing shows when nothing is chosen: all but those left out by default.
    visibles: BitMap = field(default_factory=BitMap)
    derives: dict = field(default_factory=dict)  # see derive()
    derives_des_fiches: set = field(default_factory=set)
    # The change of everything still to come when it was read (see index_de), if any.
    changement: "ChangementDeVersion" = None
    # Entries written by this process's transaction not committed yet, applied to it:
    # (that change, the savepoints open when they were written, their primary keys, how many
    # of its writes).
    en_cours: tuple = None

    @classmethod
    def construire(cls, facettes, queryset, jeton):
        entrees = queryset.prefetch_related(None).order_by()
        membres = {nom: lire_membres(facette, entrees) for nom, facette in facettes.items()}
        # In the database's order (its collation), as the pages are.
        ordre = [*queryset.model._meta.ordering, "pk"]
        pks = [pk for (pk,) in lignes(entrees.order_by(*ordre).values_list("pk"))]
        masquantes = tuple(
            nom for nom, facette in facettes.items() if getattr(facette, "masque_par_defaut", 0)
        )
        index = cls(jeton, BitMap(pks), Classement(pks), membres, masquantes, queryset)
        index.calculer_visibles()
        return index

    def texte(self):
        """The search index of the entries' documents, read at the first search (one query),
        then kept up to date with the rest; None for a model that is not searched."""
        if self.documents is None and issubclass(self.queryset.model, Recherchable):
            entrees = self.queryset.prefetch_related(None).order_by()
            documents = entrees.values_list("pk", "recherche_nom", "recherche_texte")
            self.documents = IndexTexte.construire(lignes(documents))
        return self.documents

    def calculer_visibles(self):
        masquees = union(bits for nom in self.masquantes for bits in self.membres[nom].values())
        self.visibles = self.entrees - masquees

    def appliquer(self, facettes, queryset, pks):
        """Reads these entries again (written, deleted, published or not any more): their
        options, their place in the order, their search documents. A cost that grows with
        their number, not with the directory's."""
        pks = BitMap(pks)
        entrees = queryset.prefetch_related(None).order_by().filter(parmi(queryset, pks))
        for nom, facette in facettes.items():
            options = self.membres[nom]
            for bits in options.values():
                bits.difference_update(pks)
            for cle, nouvelles in lire_membres(facette, entrees).items():
                if cle in options:
                    options[cle] |= nouvelles
                else:
                    options[cle] = nouvelles
        presentes = BitMap(pk for (pk,) in lignes(entrees.values_list("pk")))
        self.entrees.difference_update(pks)
        self.entrees |= presentes
        self.classement.retirer(pks)
        self.classement.placer(voisins(queryset, list(presentes)))
        if self.documents is not None:
            documents = entrees.values_list("pk", "recherche_nom", "recherche_texte")
            self.documents.appliquer(pks - presentes, lignes(documents))
        self.calculer_visibles()
        for nom in self.derives_des_fiches:
            self.derives.pop(nom, None)
        self.derives_des_fiches.clear()

    def rang(self, pk):
        return self.classement.rang(pk)

    def premiers(self, pks, nombre):
        """The `nombre` first of these entries in the model's order."""
        return self.classement.premiers(pks, nombre)

    def premiers_de(self, bits, nombre):
        """The `nombre` first entries of a set in the model's order."""
        return self.classement.premiers_de(bits, nombre)

    def bits(self, nom, cle):
        """The set of the entries under this option of this facet (not to be changed)."""
        return self.membres[nom].get(cle) or BitMap()

    def par_defaut(self, nom, cle):
        """The entries under this option that the listing shows when nothing else is chosen:
        what a link to it from another page (the home page, a map) counts."""
        return self.bits(nom, cle) & self.visibles

    def derive(self, nom, construire, *, fiches=False):
        """What `construire()` reads from the same version of the data (the organisations
        ranked by their relations, say), read once and kept until the relations, the
        territories or the whole data change; and, with `fiches`, until any of the listing's
        entries is written."""
        if nom not in self.derives:
            self.derives[nom] = construire()
            if fiches:
                self.derives_des_fiches.add(nom)
        return self.derives[nom]


# One index per listing (FilterSet class), in each process; built and changed under a lock
# (the development server answers in threads).
_index = {}
_verrou = threading.RLock()


def points_ouverts(using=None):
    """The savepoints open on this connection (an atomic block without one is not rolled
    back apart from the one around it)."""
    return frozenset(i for i in transaction.get_connection(using).savepoint_ids if i is not None)


class ChangementDeVersion:
    """The entries a transaction wrote, recorded in VersionDonnees at its commit."""

    def __init__(self, using):
        self.using = using
        # The savepoints open when it was scheduled: rolling back any of them drops it.
        self.savepoints = points_ouverts(using)
        self.fait = False
        self.tout = False  # anything may have changed
        self.cles = {}  # model label → primary keys written
        # (model label, primary keys, savepoints open) of each write, in order.
        self.ecritures = []

    def __call__(self):
        self.fait = True
        VersionDonnees.changer(using=self.using, changements=None if self.tout else self.cles)


def changement_prevu(using=None):
    """The change of version still to come at the commit of this connection's transaction, or
    None: whether a write the listings depend on is in it and not rolled back yet.

    Django drops from `run_on_commit` the callbacks of a savepoint or transaction rolled back,
    and empties it at commit: what is left of ours there is still to come. Except in tests:
    django_capture_on_commit_callbacks(execute=True) runs callbacks and leaves them there.
    """
    for _, fonction, _ in transaction.get_connection(using).run_on_commit:
        if isinstance(fonction, ChangementDeVersion) and not fonction.fait:
            return fonction
    return None


def donnees_modifiees(using=None, *, modele=None, cles=None):
    """The one invalidation of the listings' indexes, called by every write they depend on
    (their entries, their links, and the labels and territories they are filed under).

    `modele` and `cles`: the model and primary keys of the entries written, whose options,
    place and search documents each index reads again; without them, anything may have
    changed and every index is read again whole.

    This process sees its own writes at once, even in a transaction never committed (a
    test's). The other processes learn of them from VersionDonnees, written once per
    transaction, at its commit (at once outside any transaction): a transaction rolled back
    writes nothing there.
    """
    if modele is not None:
        cles = set(cles)
        if not cles:
            return
    changement = changement_prevu(using)
    nouveau = changement is None
    if nouveau:
        changement = ChangementDeVersion(using)
    if modele is not None and not changement.tout:
        ecrites = changement.cles.setdefault(modele._meta.label_lower, set())
        ecrites.update(cles)
        ouverts = points_ouverts(using)
        changement.ecritures.append((modele._meta.label_lower, cles, ouverts))
        if modele._meta.label_lower == RELATIONS:
            for index in list(_index.values()):
                index.derives.clear()
    if modele is None or len(changement.cles.get(modele._meta.label_lower, ())) > CHANGEMENT_MAX:
        # Anything may have changed, or too many entries to tell each of them.
        changement.tout, changement.cles = True, {}
    if changement.tout:
        oublier()
    if nouveau:
        # Last: outside a transaction, it runs at once.
        transaction.on_commit(changement, using=using)


def lire_journal(using, jeton):
    """(the newest version, {model label: BitMap of primary keys}) of what was written since
    the version `jeton`; None when the whole data may have changed since (a change of
    everything, too many entries, a version no longer in the journal)."""
    depuis = int(jeton.split(":")[0]) if jeton else 0
    lignes_journal = list(
        VersionDonnees.objects.using(using)
        .filter(pk__gte=depuis)
        .order_by("pk")
        .values_list("pk", "jeton", "modele", "cles")
    )
    if jeton:
        if not lignes_journal or f"{lignes_journal[0][0]}:{lignes_journal[0][1]}" != jeton:
            return None  # not in the journal any more, or a database restored since
        lignes_journal = lignes_journal[1:]
    if not lignes_journal:
        return None
    ecrites, nombre = {}, 0
    for _pk, _jeton, modele, cles in lignes_journal:
        nombre += len(cles)
        if not modele or nombre > CHANGEMENT_MAX:
            return None
        ecrites.setdefault(modele, BitMap()).update(cles)
    pk, jeton_ligne = lignes_journal[-1][:2]
    return f"{pk}:{jeton_ligne}", ecrites


def index_de(classe, queryset, jeton=None):
    """The index of a listing (its FilterSet class, its entries), brought up to date with
    what was written since it was read; `jeton`: the version of the data, if read already.

    Written by other processes: the journal (VersionDonnees) says which entries; they are
    read again. Written by this process in a transaction not committed yet: they are read
    again at once, and once more when the transaction (or a savepoint) ends, whether it was
    committed or rolled back. A change of everything reads the whole index again; pending in
    this transaction, the index read is good only while it is still to be committed.
    """
    if jeton is None:
        jeton = VersionDonnees.actuelle(queryset.db)
    changement = changement_prevu(queryset.db)
    savepoints = points_ouverts(queryset.db)
    facettes = {nom: f for nom, f in classe.base_filters.items() if hasattr(f, "paires")}
    modele = queryset.model._meta.label_lower
    with _verrou:
        index = _index.get(classe)
        a_relire = BitMap()
        if index is not None and index.changement not in (None, changement):
            index = None  # read while a change of everything was pending, now done or undone
        if index is not None and index.en_cours is not None:
            ancien, ouverts, pks, _lues = index.en_cours
            if ancien is not changement or not ouverts <= savepoints:
                a_relire |= pks
                index.en_cours = None
                index.derives.clear()  # read from writes maybe rolled back
        if index is not None and changement is not None and changement.tout:
            if index.changement is not changement:
                index = None
        if index is not None and jeton != index.jeton:
            lu = lire_journal(queryset.db, index.jeton)
            if lu is None:
                index = None
            else:
                index.jeton, ecrites = lu
                a_relire |= ecrites.get(modele, BitMap())
                if RELATIONS in ecrites:
                    index.derives.clear()
        if index is not None and changement is not None and not changement.tout:
            _ancien, ouverts, deja, lues = index.en_cours or (None, frozenset(), BitMap(), 0)
            nouvelles = changement.ecritures[lues:]
            a_relire |= en_bits(pk for sorte, pks, _o in nouvelles if sorte == modele for pk in pks)
            ouverts = ouverts.union(*(o for _sorte, _pks, o in nouvelles))
            index.en_cours = (changement, ouverts, deja | a_relire, len(changement.ecritures))
        if index is not None and len(a_relire) > CHANGEMENT_MAX:
            index = None
        if index is not None and a_relire:
            index.appliquer(facettes, queryset, a_relire)
        if index is None:
            index = IndexFacettes.construire(facettes, queryset, jeton)
            if changement is not None and changement.tout:
                index.changement = changement
            elif changement is not None:
                ecrites = en_bits(changement.cles.get(modele, ()))
                ouverts = frozenset().union(*(o for _sorte, _pks, o in changement.ecritures))
                index.en_cours = (changement, ouverts, ecrites, len(changement.ecritures))
            if changement is None or not changement.tout or savepoints <= changement.savepoints:
                _index[classe] = index
            else:
                # Read in a savepoint opened since the change was scheduled: its writes may
                # be rolled back while the change stays due. Good for this page only.
                _index.pop(classe, None)
        return index


def oublier():
    """Forget every index: the next listing reads its sets again."""
    with _verrou:
        _index.clear()
