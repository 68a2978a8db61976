"""Free-text search answered in memory, with the same results and scores as the database.

moteur.analyser() makes the database read every row a word matches: a word found in most
entries reads most of the table, whatever the page shows. Here each process keeps, for both
search documents, the entries holding each stem (an inverted index, as pyroaring bitmaps),
and a search becomes a few unions and intersections of compressed sets: the entries of each
score band (moteur's pertinence) without touching the database.

Most stems are found in one or two entries (names, descriptions), and a bitmap costs a few
hundred bytes of its own; the postings of such rare stems are kept end to end in one array
instead, in the order of the stems, so that those of every stem sharing a prefix are one
slice of it.

The index is built once from every entry's documents, then kept in step with the changes
without reading the documents again: the stale postings of a changed entry stay in the base
but are masked out (`obsoletes`), its new postings go to a small delta index, and the two are
merged in memory when the delta has grown.
"""

from array import array
from bisect import bisect_left, insort
from functools import partial

from pyroaring import BitMap

from ecosysteme.recherche.moteur import LONGUEUR_MIN_PREFIXE

# Stems held by at most this many entries keep their postings in the shared array rather
# than in a bitmap of their own (see the docstring). Below about a hundred entries a bitmap
# costs more than 4 bytes a posting; beyond, it also answers faster.
SEUIL_RARES = 64
# The delta is merged into the base when it holds this many changed entries, or a tenth of
# the base if more: a merge reads every posting, so its cost is spread over that many changes.
FUSION_MIN = 20_000
FUSION_PART = 10
# Every stem of a prefix sorts between the prefix and the prefix followed by this character:
# stems are made of [a-z0-9] only.
APRES = "\x7f"

NOM_EXACT, DANS_NOM, TEXTE_EXACT, PARTOUT = 8, 6, 2, 1


class Postings:
    """The entries holding each stem of one document field, read-only once built."""

    def __init__(self, termes, debuts, rares, frequents, bitmaps):
        self.termes = termes  # every stem, sorted
        # The postings of stem i, if rare, are rares[debuts[i]:debuts[i + 1]]; else empty.
        self.debuts = debuts
        self.rares = rares
        self.frequents = frequents  # sorted indexes (in termes) of the stems with a bitmap
        self.bitmaps = bitmaps  # their bitmaps, in the same order

    @classmethod
    def de(cls, postings, communs=None):
        """From {stem: array or BitMap of pks}; stem strings already in `communs` (another
        field's) are shared rather than kept twice."""
        termes = sorted(postings)
        if communs is not None:
            termes = [communs.get(t, t) for t in termes]
        debuts, rares, frequents, bitmaps = array("I", [0]), array("I"), array("I"), []
        for i, terme in enumerate(termes):
            pks = postings[terme]
            if len(pks) > SEUIL_RARES:
                frequents.append(i)
                bitmaps.append(pks if isinstance(pks, BitMap) else BitMap(pks))
            elif isinstance(pks, BitMap):
                rares.extend(pks.to_array())
            else:
                # In the order the rows came: sorted or not, BitMap() of a slice sorts it.
                rares.extend(pks)
            debuts.append(len(rares))
        return cls(termes, debuts, rares, frequents, bitmaps)

    def plage(self, debut, fin):
        """The entries holding any of the stems termes[debut:fin]."""
        if debut >= fin:
            return BitMap()
        premier, dernier = bisect_left(self.frequents, debut), bisect_left(self.frequents, fin)
        parties = self.bitmaps[premier:dernier]
        a, b = self.debuts[debut], self.debuts[fin]
        if b > a:
            parties.append(BitMap(self.rares[a:b]))
        # union() returns a new bitmap even of one: the caller may change it.
        return BitMap.union(BitMap(), *parties)

    def exact(self, forme):
        i = bisect_left(self.termes, forme)
        return self.plage(i, i + 1 if i < len(self.termes) and self.termes[i] == forme else i)

    def prefixe(self, forme):
        """The entries holding a stem that starts with this form."""
        return self.plage(bisect_left(self.termes, forme), bisect_left(self.termes, forme + APRES))

    def fusion(self, retires, ajouts):
        """These postings without the pks `retires`, with `ajouts` ({stem: BitMap}) added."""
        nouveaux = sorted(ajouts.keys() - set(self.termes))
        # Walk the old and the new stems together, in order, as into a new build.
        fusionnes, j = {}, 0
        for i, terme in enumerate(self.termes):
            while j < len(nouveaux) and nouveaux[j] < terme:
                fusionnes[nouveaux[j]] = ajouts[nouveaux[j]]
                j += 1
            pks = self.plage(i, i + 1)
            pks -= retires
            if terme in ajouts:
                pks |= ajouts[terme]
            if pks:
                fusionnes[terme] = pks
        for terme in nouveaux[j:]:
            fusionnes[terme] = ajouts[terme]
        return Postings.de(fusionnes)


class Delta:
    """The documents of the entries changed since the base was built, and their postings."""

    def __init__(self):
        self.documents = {}  # pk → (nom, texte)
        self.postings = ({}, {})  # per field, stem → BitMap
        self.termes = ([], [])  # per field, its stems, sorted

    def ajouter(self, pk, nom, texte):
        self.documents[pk] = (nom, texte)
        for document, postings, termes in zip(
            (nom, texte), self.postings, self.termes, strict=True
        ):
            for terme in document.split():
                if terme not in postings:
                    postings[terme] = BitMap()
                    insort(termes, terme)
                postings[terme].add(pk)

    def retirer(self, pk):
        documents = self.documents.pop(pk, None)
        if documents is None:
            return
        for document, postings, termes in zip(documents, self.postings, self.termes, strict=True):
            for terme in document.split():
                postings[terme].discard(pk)
                if not postings[terme]:
                    del postings[terme]
                    del termes[bisect_left(termes, terme)]

    def exact(self, champ, forme):
        return self.postings[champ].get(forme, BitMap())

    def prefixe(self, champ, forme):
        termes = self.termes[champ]
        debut, fin = bisect_left(termes, forme), bisect_left(termes, forme + APRES)
        return BitMap.union(BitMap(), *(self.postings[champ][t] for t in termes[debut:fin]))


class IndexTexte:
    """The search documents of a set of entries, for moteur's score bands in memory."""

    def __init__(self, nom, texte, presents):
        self.champs = (nom, texte)  # Postings of recherche_nom, of recherche_texte
        self.presents = presents  # pks of the entries of the base
        self.obsoletes = BitMap()  # pks whose postings in the base are stale
        self.delta = Delta()

    @classmethod
    def construire(cls, lignes):
        """lignes: iterable of (pk: int, recherche_nom: str, recherche_texte: str) as stored."""
        nouvelle = partial(array, "I")
        noms, textes, presents = {}, {}, BitMap()
        for pk, nom, texte in lignes:
            if not (nom or texte):
                continue  # a draft: found by nothing
            presents.add(pk)
            for terme in (nom or "").split():
                liste = noms.get(terme)
                if liste is None:
                    liste = noms[terme] = nouvelle()
                liste.append(pk)
            for terme in (texte or "").split():
                liste = textes.get(terme)
                if liste is None:
                    liste = textes[terme] = nouvelle()
                liste.append(pk)
        nom = Postings.de(noms)
        del noms
        communs = {t: t for t in nom.termes}
        return cls(nom, Postings.de(textes, communs), presents)

    def appliquer(self, retires, lignes):
        """Apply what changed: `retires` pks no longer in the index (deleted, unpublished) and
        `lignes` (pk, nom, texte) the new documents of changed entries (their old postings go).
        """
        for pk in retires:
            self.obsoletes.add(pk)
            self.delta.retirer(pk)
        for pk, nom, texte in lignes:
            self.obsoletes.add(pk)
            self.delta.retirer(pk)
            if nom or texte:
                self.delta.ajouter(pk, nom or "", texte or "")
        if len(self.obsoletes) > max(FUSION_MIN, len(self.presents) // FUSION_PART):
            self.fusionner()

    def fusionner(self):
        """Fold the delta into the base: one pass over every posting."""
        self.champs = tuple(
            champ.fusion(self.obsoletes, ajouts)
            for champ, ajouts in zip(self.champs, self.delta.postings, strict=True)
        )
        self.presents = (self.presents - self.obsoletes) | BitMap(self.delta.documents)
        self.obsoletes = BitMap()
        self.delta = Delta()

    def bandes(self, formes_par_mot):
        """[(pertinence, BitMap of pks)] best first, empty bands omitted; formes_par_mot is
        the list of sets that moteur.formes_cherchees gives (one set per query word)."""
        if not formes_par_mot:
            return []
        scores = None
        for formes in formes_par_mot:
            niveaux = self.niveaux(formes)
            if scores is None:
                scores = niveaux
                continue
            suivants = {}
            for score, pks in scores.items():
                for points, cibles in niveaux.items():
                    communs = pks & cibles
                    if communs:
                        if score + points in suivants:
                            suivants[score + points] |= communs
                        else:
                            suivants[score + points] = communs
            scores = suivants
            if not scores:
                return []
        return sorted(((s, pks) for s, pks in scores.items() if pks), reverse=True, key=_score)

    def niveaux(self, formes):
        """{points: pks} of one query word, the sets disjoint (see moteur.analyser)."""
        nom_exact, dans_nom, texte_exact, dans_texte = (self.champ(c, formes) for c in range(4))
        dans_nom -= nom_exact
        texte_exact -= nom_exact | dans_nom
        dans_texte -= nom_exact | dans_nom | texte_exact
        return {
            NOM_EXACT: nom_exact,
            DANS_NOM: dans_nom,
            TEXTE_EXACT: texte_exact,
            PARTOUT: dans_texte,
        }

    def champ(self, cas, formes):
        """The entries matching any form: 0 a whole token of the name, 1 a motif in the name,
        2 a whole token of the text, 3 a motif in the text (motif: the form as a prefix if it
        is long enough, else as a whole token)."""
        champ = cas // 2
        prefixe = cas % 2
        base, delta = BitMap(), BitMap()
        for forme in formes:
            if prefixe and len(forme) >= LONGUEUR_MIN_PREFIXE:
                base |= self.champs[champ].prefixe(forme)
                delta |= self.delta.prefixe(champ, forme)
            else:
                base |= self.champs[champ].exact(forme)
                delta |= self.delta.exact(champ, forme)
        if self.obsoletes:
            base -= self.obsoletes
        return base | delta


def _score(bande):
    return bande[0]
