"""Free-text search, identical on SQLite and PostgreSQL.

Every searchable entry stores two normalised documents: `recherche_nom` (its names and
acronyms) and `recherche_texte` (everything else worth finding it by). Both are computed here,
in Python, so that accents, case, punctuation, French word forms and dotted acronyms are
handled the same way on every database. A query word matches a token of a document that
starts with it; a word of five letters or more may also match a word of the vocabulary one
typo away. Each word must match somewhere; matches in the name rank above the rest.
"""

import re
from functools import lru_cache

from django.db import connections
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL

from ecosysteme.alphabetique import sans_accents

LONGUEUR_MAX_REQUETE = 200
MOTS_MAX_REQUETE = 10
# Words shorter than this must match a whole token: "cae" should not find "caen".
LONGUEUR_MIN_PREFIXE = 4
# The shortest word a typo is forgiven in, and the shortest the vocabulary keeps variants of.
LONGUEUR_MIN_CORRECTION = 5

MOTS_VIDES = frozenset(
    """a au aux avec ce ces cet cette d dans de des du elle elles en est et il ils l la le les
    leur leurs ma mais me mes ne nous on ou par pas pour qu que qui s sa sans se ses son sont
    sur ta te tes un une vous y""".split()
)
SIGLE_POINTE = re.compile(r"\b(?:[^\W\d_]\.){2,}(?:[^\W\d_]\b)?")
CONTROLES = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def mots(texte):
    """The words of a text, lowercased, without accents, punctuation or stop words."""
    texte = SIGLE_POINTE.sub(lambda m: m.group(0).replace(".", ""), texte or "")
    texte = sans_accents(texte).lower()
    return [m for m in re.split(r"[^a-z0-9]+", texte) if len(m) > 1 and m not in MOTS_VIDES]


@lru_cache(maxsize=100_000)
def racine(mot):
    """A light French stemmer: plural, feminine and a few endings fold onto one form. Kept for
    the words met most (an import indexes a million names made of a few thousand words)."""
    if len(mot) <= 3 or mot.isdigit():
        return mot
    if mot.endswith("eaux"):
        mot = mot[:-1]
    elif mot.endswith("aux"):
        mot = mot[:-3] + "al"
    elif mot[-1] in "sx" and not mot.endswith(("ss", "us", "is")):
        mot = mot[:-1]
    for fin, remplacement in (
        ("ive", "if"),
        ("euse", "eur"),
        ("rice", "eur"),
        ("ienne", "ien"),
        ("elle", "el"),
        ("ere", "er"),
        ("ee", "e"),
    ):
        if mot.endswith(fin) and len(mot) - len(fin) >= 3:
            mot = mot[: -len(fin)] + remplacement
            break
    if mot.endswith("e") and len(mot) > 4:
        mot = mot[:-1]
    return mot


def document(*textes):
    """A search document: each distinct stem once, space-delimited on both sides."""
    racines = dict.fromkeys(racine(m) for texte in textes for m in mots(texte))
    return f" {' '.join(racines)} " if racines else ""


def nettoyer_requete(texte):
    """The query as it will be searched, and whether it had to be shortened."""
    texte = " ".join(CONTROLES.sub(" ", texte or "").split())
    if len(texte) > LONGUEUR_MAX_REQUETE:
        return texte[:LONGUEUR_MAX_REQUETE].rsplit(" ", 1)[0], True
    return texte, False


def variantes(mot):
    """The mot itself and every form of it with one letter removed."""
    return {mot} | {mot[:i] + mot[i + 1 :] for i in range(len(mot))}


def a_une_faute_pres(a, b):
    """True when b is a, or a with one letter inserted, removed, replaced or two swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        ecarts = [i for i in range(len(a)) if a[i] != b[i]]
        if len(ecarts) == 1:
            return True
        i = ecarts[0]
        return len(ecarts) == 2 and ecarts[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    court, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == court for i in range(len(long)))


def corrections(mots_requete):
    """For each query word long enough, the vocabulary words one typo away from it."""
    from ecosysteme.models import Vocabulaire

    candidats = {m for m in mots_requete if len(m) >= LONGUEUR_MIN_CORRECTION - 1}
    if not candidats:
        return {}
    recherchees = set().union(*(variantes(m) for m in candidats))
    lignes = Vocabulaire.objects.filter(variante__in=recherchees).values_list("mot", flat=True)
    vocabulaire = set(lignes)
    return {
        m: {v for v in vocabulaire if v != m and a_une_faute_pres(m, v)}
        for m in candidats
        if m not in vocabulaire
    }


def formes_cherchees(mots_requete):
    """For each query word, the stems that count as a match for it."""
    fautes = corrections(mots_requete)
    return [{racine(m)} | {racine(c) for c in fautes.get(m, ())} for m in mots_requete]


def table_plein_texte(modele):
    """The SQLite FTS5 table (trigram tokenizer) that mirrors a model's search documents."""
    return f"{modele._meta.db_table}_recherche"


def contient(queryset, motifs):
    """Entries whose name or text document contains one of these motifs.

    PostgreSQL answers the LIKEs from trigram GIN indexes on the documents. SQLite has no
    such index on ordinary columns, so the same LIKEs are put to an FTS5 trigram table kept
    in step by triggers; the results are identical, only the index differs.
    """
    if connections[queryset.db].vendor != "sqlite":
        condition = Q()
        for motif in motifs:
            condition |= Q(recherche_nom__contains=motif) | Q(recherche_texte__contains=motif)
        return condition
    table = table_plein_texte(queryset.model)
    # Motifs hold only [a-z0-9 ], so they need no escaping inside LIKE.
    selects = [
        f'SELECT rowid FROM "{table}" WHERE "{colonne}" LIKE %s'
        for _ in motifs
        for colonne in ("recherche_nom", "recherche_texte")
    ]
    parametres = [f"%{motif}%" for motif in motifs for _ in range(2)]
    return Q(pk__in=RawSQL(" UNION ".join(selects), parametres))


def rechercher(queryset, texte):
    """Filter a queryset of a searchable model by free text and annotate its `pertinence`."""
    recherche = analyser(queryset, texte)
    if recherche is None:
        return queryset
    condition, pertinence = recherche
    return queryset.filter(condition).annotate(pertinence=pertinence)


def formes_de_la_requete(texte):
    """For each usable word of a query (at most MOTS_MAX_REQUETE), the stems that count as a
    match for it (formes_cherchees); None if it has no usable word."""
    mots_requete = list(dict.fromkeys(mots(nettoyer_requete(texte)[0])))[:MOTS_MAX_REQUETE]
    return formes_cherchees(mots_requete) if mots_requete else None


def analyser(queryset, texte, formes=None):
    """(condition, pertinence) of a search for this text, or None if it has no usable word.

    The condition finds the matching entries; the pertinence scores each of them. `formes`:
    those of the text (formes_de_la_requete), if known already.
    """
    if formes is None:
        formes = formes_de_la_requete(texte)
    if not formes:
        return None
    condition, scores = Q(), []
    for formes_du_mot in formes:
        motifs = [f" {f}" if len(f) >= LONGUEUR_MIN_PREFIXE else f" {f} " for f in formes_du_mot]
        dans_nom, nom_exact, texte_exact = Q(), Q(), Q()
        for forme, motif in zip(formes_du_mot, motifs, strict=True):
            dans_nom |= Q(recherche_nom__contains=motif)
            nom_exact |= Q(recherche_nom__contains=f" {forme} ")
            texte_exact |= Q(recherche_texte__contains=f" {forme} ")
        condition &= contient(queryset, motifs)
        scores.append(
            Case(
                When(nom_exact, then=Value(8)),
                When(dans_nom, then=Value(6)),
                When(texte_exact, then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
    return condition, sum(scores[1:], scores[0])
