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

import heapq
import itertools
import json
from array import array
from dataclasses import dataclass, field

from django.db import connections, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL

from ecosysteme.models import VersionDonnees

# Bitsets, once built, are kept: up to this many by index (a bitset of 100,000 entries is
# 12.5 kB), so that a process does not keep one for each of thousands of communes. Those
# asked for first are the options every listing shows: countries, régions, kinds, themes.
GARDES_MAX = 512


def en_bits(pks):
    """The bitset of these primary keys."""
    pks = list(pks)
    if not pks:
        return 0
    octets = bytearray(max(pks) // 8 + 1)
    for pk in pks:
        octets[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(octets, "little")


def pks_de(bits):
    """The primary keys in a bitset, in increasing order."""
    octets = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    return [
        8 * rang + bit
        for rang, octet in enumerate(octets)
        if octet
        for bit in range(8)
        if octet >> bit & 1
    ]


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


@dataclass
class Classement:
    """Entries in an order (the model's, the most linked first…), to find the first few of
    any set of them without sorting the whole set."""

    ordre: array  # the primary keys, first first
    rangs: array  # primary key → rank

    @classmethod
    def de(cls, pks):
        ordre = array("q", pks)
        rangs = array("q", bytes(8 * (max(ordre, default=0) + 1)))
        for rang, pk in enumerate(ordre):
            rangs[pk] = rang
        return cls(ordre, rangs)

    def rang(self, pk):
        # An entry written since the order was read (in the instant between the two) has no
        # rank yet: last, rather than an error.
        return self.rangs[pk] if pk < len(self.rangs) else len(self.rangs)

    def premiers(self, pks, nombre):
        """The `nombre` first of these entries in this order."""
        return heapq.nsmallest(nombre, pks, key=self.rang)

    def premiers_de(self, bits, nombre):
        """The `nombre` first entries of a bitset of ranked entries, in this order.

        A set that holds a good part of the order is read along it until enough are found
        (a dozen steps for the whole directory); a smaller one is sorted. Either way, a cost
        bounded by the size of the set, not by that of the directory.
        """
        compte = bits.bit_count()
        if compte * compte > nombre * len(self.ordre):
            octets = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
            trouves = []
            # Four times the expected number of steps: beyond, the set is bunched at the end.
            for pk in itertools.islice(self.ordre, 4 * nombre * len(self.ordre) // compte):
                if pk >> 3 < len(octets) and octets[pk >> 3] >> (pk & 7) & 1:
                    trouves.append(pk)
                    if len(trouves) == nombre:
                        return trouves
        return self.premiers(pks_de(bits), nombre)


@dataclass
class IndexFacettes:
    """The entries of a listing and, for each facet, the entries under each option."""

    jeton: str
    entrees: int  # bitset of every entry the listing can show
    classement: Classement  # the entries in the model's order (by name)
    membres: dict  # facet name → {option key: array of primary keys}
    # Bitset of the entries the listing shows when nothing is chosen: all but those a facet
    # leaves out by default (the organisations that have ceased their activity).
    visibles: int = 0
    gardes: dict = field(default_factory=dict)  # (facet name, option key) → bitset
    derives: dict = field(default_factory=dict)  # see derive()
    # The change of version still to come when it was read (see index_de), if any.
    changement: "ChangementDeVersion" = None

    @classmethod
    def construire(cls, facettes, queryset, jeton):
        entrees = queryset.prefetch_related(None).order_by()
        membres = {}
        for nom, facette in facettes.items():
            par_option = {}
            for cle, pk in facette.paires(entrees):
                par_option.setdefault(cle, array("q")).append(pk)
            membres[nom] = par_option
        # In the database's order (its collation), as the pages are.
        ordre = [*queryset.model._meta.ordering, "pk"]
        pks = list(entrees.order_by(*ordre).values_list("pk", flat=True))
        tout = en_bits(pks)
        masquees = 0
        for nom, facette in facettes.items():
            if getattr(facette, "masque_par_defaut", False):
                for membres_option in membres[nom].values():
                    masquees |= en_bits(membres_option)
        return cls(jeton, tout, Classement.de(pks), membres, visibles=tout & ~masquees)

    def rang(self, pk):
        return self.classement.rang(pk)

    def premiers(self, pks, nombre):
        """The `nombre` first of these entries in the model's order."""
        return self.classement.premiers(pks, nombre)

    def premiers_de(self, bits, nombre):
        """The `nombre` first entries of a bitset in the model's order."""
        return self.classement.premiers_de(bits, nombre)

    def bits(self, nom, cle):
        """The bitset of the entries under this option of this facet."""
        if (nom, cle) in self.gardes:
            return self.gardes[nom, cle]
        bits = en_bits(self.membres[nom].get(cle, ()))
        if len(self.gardes) < GARDES_MAX:
            self.gardes[nom, cle] = bits
        return bits

    def par_defaut(self, nom, cle):
        """The entries under this option that the listing shows when nothing else is chosen:
        what a link to it from another page (the home page, a map) counts."""
        return self.bits(nom, cle) & self.visibles

    def derive(self, nom, construire):
        """What `construire()` reads from the same version of the data (the organisations
        ranked by their relations, say), read once and kept as long as this index."""
        if nom not in self.derives:
            self.derives[nom] = construire()
        return self.derives[nom]


# One index per listing (FilterSet class), in each process.
_index = {}


class ChangementDeVersion:
    """The change of VersionDonnees's token due at the commit of one transaction."""

    def __init__(self, using):
        self.using = using
        # The savepoints open when it was scheduled: rolling back any of them drops it.
        self.savepoints = set(transaction.get_connection(using).savepoint_ids)
        self.fait = False

    def __call__(self):
        self.fait = True
        VersionDonnees.changer(using=self.using)


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


def donnees_modifiees(using=None):
    """The one invalidation of the listings' indexes, called by every write they depend on
    (their entries, their links, and the labels and territories they are filed under).

    This process forgets its indexes at once, so that it reads its own writes, even in a
    transaction never committed (a test's). The other processes learn it from the token, which
    changes once per transaction, at its commit (at once outside any transaction): a
    transaction rolled back changes nothing, and the token's row is not held while it runs.
    """
    oublier()
    if changement_prevu(using) is None:
        transaction.on_commit(ChangementDeVersion(using), using=using)


def index_de(classe, queryset, jeton=None):
    """The index of a listing (its FilterSet class, its entries), read again from the
    database if the data changed; `jeton`: the version of the data, if read already.

    An index read in a transaction with writes not committed yet holds them: it is good only
    while they are still to be committed, so it is kept with the change of version they
    scheduled, and read again once that has run (a new token) or been rolled back.
    """
    if jeton is None:
        jeton = VersionDonnees.actuelle()
    changement = changement_prevu(queryset.db)
    index = _index.get(classe)
    if index is None or index.jeton != jeton or index.changement is not changement:
        facettes = {nom: f for nom, f in classe.base_filters.items() if hasattr(f, "paires")}
        index = IndexFacettes.construire(facettes, queryset, jeton)
        index.changement = changement
        savepoints = set(transaction.get_connection(queryset.db).savepoint_ids)
        if changement is None or savepoints <= changement.savepoints:
            _index[classe] = index
        else:
            # Read in a savepoint opened since the change was scheduled: its writes may be
            # rolled back while the change stays due. Good for this page only.
            _index.pop(classe, None)
    return index


def oublier():
    """Forget every index: the next listing reads its sets again."""
    _index.clear()
