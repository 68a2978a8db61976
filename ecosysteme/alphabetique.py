"""Names in the order a French reader expects: « Active 71 » before « ALDESS », « Énergie
Partagée » among the E, whatever the case and the accents.

The names' columns are declared with the collation ORDRE_ALPHABETIQUE, so that every
ORDER BY on them, and the indexes that serve it, follow it on both databases. PostgreSQL's
is the ICU French collation, created by a migration (creer_collation); SQLite's compares
cle_alphabetique(), registered on each connection as it opens. Both are deterministic: two
names are equal only when they are the same string, so uniqueness and lookups are unchanged.

Outside this site, the SQLite command-line shell does not know the collation: a query
sorting these columns, or a write to their indexes, fails there with « no such collation
sequence ». Go through the site (`manage.py shell`) instead.
"""

import functools
import re
import unicodedata

from django.db.models import CharField, Func
from django.db.models.functions import Collate

ORDRE_ALPHABETIQUE = "francais"

LIGATURES = (("œ", "oe"), ("Œ", "oe"), ("æ", "ae"), ("Æ", "ae"), ("ß", "ss"))
NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def sans_accents(texte):
    """The text without accents, its ligatures spelt out: what search and sorting compare."""
    if texte.isascii():  # nothing to decompose nor spell out
        return texte
    # Indexing a million entries reads millions of characters: replace() and a regular
    # expression over the runs of non-ASCII characters, rather than a Python test on each
    # character, make it three times faster.
    for ligature, lettres in LIGATURES:
        if ligature in texte:
            texte = texte.replace(ligature, lettres)
    return NON_ASCII.sub(sans_diacritiques, unicodedata.normalize("NFKD", texte))


@functools.lru_cache(maxsize=4096)
def _sans_diacritiques(morceau):
    return "".join(c for c in morceau if not unicodedata.combining(c))


def sans_diacritiques(correspondance):
    return _sans_diacritiques(correspondance.group())


# Folded names kept: SQLite compares a new name with the same names of its index again and
# again (those near the root), and sorting calls the collation n log n times.
PLIS_GARDES = 65536


@functools.lru_cache(maxsize=PLIS_GARDES)
def pli(texte):
    """The name without case, accents nor ligatures."""
    if texte.isascii():  # most names: no decomposition needed
        return texte.lower()
    return sans_accents(texte).casefold()


def cle_alphabetique(texte):
    """What a name is sorted by: its fold, then the name itself, so that two different names
    are never equal."""
    return pli(texte), texte


def comparer(a, b):
    """The SQLite collation: -1, 0 or 1 as a is before, with or after b."""
    pli_a, pli_b = pli(a), pli(b)
    if pli_a != pli_b:
        return -1 if pli_a < pli_b else 1
    return (a > b) - (a < b)


class NonVideOu(Func):
    """NonVideOu(a, b): a, or b where a is empty.

    The empty string is written in the SQL, not passed as a parameter: SQLite serves an ORDER
    BY from an index on an expression only when both are the same SQL, and a parameter is
    not the literal the index was created with.
    """

    arity = 2
    template = "COALESCE(NULLIF(%(expressions)s)"
    arg_joiner = ", ''), "
    output_field = CharField()


def par_ordre_alphabetique(expression):
    """An expression (not a bare column, which has its collation) sorted alphabetically."""
    return Collate(expression, ORDRE_ALPHABETIQUE)


def collation_sur_sqlite(sender, connection, **kwargs):
    """connection_created: teaches each new SQLite connection the collation, before any
    query (migrations included) can need it."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(ORDRE_ALPHABETIQUE, comparer)


def creer_collation(apps, schema_editor):
    """RunPython: creates PostgreSQL's collation (SQLite's lives in collation_sur_sqlite)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE COLLATION IF NOT EXISTS "{ORDRE_ALPHABETIQUE}" '
            "(provider = icu, locale = 'fr')"
        )


def supprimer_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP COLLATION IF EXISTS "{ORDRE_ALPHABETIQUE}"')
