"""Free-text search answered in memory, with the same results and scores as the database.

moteur.analyser() makes the database read every row a word matches: a word found in most
entries reads most of the table, whatever the page shows. Here each process keeps, for both
search documents, the entries holding each stem (an inverted index, as pyroaring bitmaps),
and a search becomes a few unions and intersections of compressed sets: the entries of each
score band (moteur's pertinence) without touching the database.

Most stems are found in a few entries only (names, descriptions), and a bitmap costs a few
hundred bytes of its own; the postings of such rare stems are kept end to end in one array
instead, in the order of the stems, so that those of every stem sharing a prefix are one
slice of it, turned into a bitmap when a search needs it.

The index is built once from every entry's documents, then kept in step with the changes
without reading the documents again: the stale postings of a changed entry stay in the base
but are masked out (`obsoletes`), its new postings go to a small delta index, and the two are
merged in memory when the delta has grown.
"""

from array import array
from bisect import bisect_left, insort
from collections import defaultdict, deque
from functools import partial
from itertools import accumulate, compress, repeat
from operator import not_

from pyroaring import BitMap

from ecosysteme.recherche.moteur import LONGUEUR_MIN_PREFIXE

# Stems held by at most this many entries keep their postings in the shared array rather
# than in a bitmap of their own (see the docstring). A bitmap costs a few hundred bytes of
# its own, and about 80 more for each block of 65,536 primary keys it has a posting in: a
# stem found in a thousand entries spread over a million has a posting in each of some
# twenty blocks, and costs as much as a thousand postings of 4 bytes. Measured on 1.2 million
# synthetic entries: 30 MB less than with a threshold of 64, for searches as fast.
SEUIL_RARES = 1024
# While building, the postings gathered in arrays go into bitmaps (2 bytes a posting at
# most, 1 bit in dense parts) after every this many rows, so that the arrays of a million
# entries are never all held at once.
LOT_CONSTRUCTION = 1 << 16
# The delta is merged into the base when it holds this many changed entries, or a tenth of
# the base if more: a merge reads every posting, so its cost is spread over that many changes.
FUSION_MIN = 20_000
FUSION_PART = 10
# Every stem of a prefix sorts between the prefix and the prefix followed by this character:
# stems are made of [a-z0-9] only.
APRES = "\x7f"

NOM_EXACT, DANS_NOM, TEXTE_EXACT, PARTOUT = 8, 6, 2, 1


class Postings:
    """The entries holding each stem of one document field, read-only between merges."""

    def __init__(self, frequents, rares, termes_rares, debuts):
        self.frequents = frequents  # stem → BitMap, for the stems of more than SEUIL_RARES
        self.termes_frequents = sorted(frequents)
        self.termes_rares = termes_rares  # the other stems, sorted
        # The postings of termes_rares[i] are rares[debuts[i]:debuts[i + 1]], so those of
        # every rare stem of a prefix are one slice.
        self.rares = rares
        self.debuts = debuts

    @classmethod
    def de(cls, postings):
        """From {stem: BitMap or array of distinct pks}."""
        frequents, termes_rares = {}, []
        rares, debuts = array("I"), array("I", [0])
        for terme in sorted(postings):
            pks = postings[terme]
            if len(pks) > SEUIL_RARES:
                frequents[terme] = pks if isinstance(pks, BitMap) else BitMap(pks)
            elif pks:
                termes_rares.append(terme)
                rares.extend(pks.to_array() if isinstance(pks, BitMap) else pks)
                debuts.append(len(rares))
        return cls(frequents, rares, termes_rares, debuts)

    def exact(self, forme):
        """The entries holding this stem."""
        if forme in self.frequents:
            return self.frequents[forme].copy()
        i = bisect_left(self.termes_rares, forme)
        if i < len(self.termes_rares) and self.termes_rares[i] == forme:
            return BitMap(self.rares[self.debuts[i] : self.debuts[i + 1]])
        return BitMap()

    def prefixe(self, forme):
        """The entries holding a stem that starts with this form."""
        fin = forme + APRES
        termes = self.termes_frequents
        parties = [
            self.frequents[t] for t in termes[bisect_left(termes, forme) : bisect_left(termes, fin)]
        ]
        premier, dernier = (
            bisect_left(self.termes_rares, forme),
            bisect_left(self.termes_rares, fin),
        )
        if dernier > premier:
            parties.append(BitMap(self.rares[self.debuts[premier] : self.debuts[dernier]]))
        # union() gives a new bitmap even of one: the caller may change it.
        return BitMap.union(BitMap(), *parties)

    def fusion(self, retires, ajouts):
        """These postings without the pks `retires`, with `ajouts` ({stem: BitMap}) added.

        A pass over every posting, in C but for the stems changed.
        """
        # In place: the bitmaps of the base are never handed out (see exact(), prefixe()).
        frequents = {}
        for terme, pks in self.frequents.items():
            pks -= retires
            if pks:
                frequents[terme] = pks
        # The rare postings without those retired, and where each stem's now start.
        restants, debuts = self.rares, self.debuts
        if retires:
            gardes = bytes(map(not_, map(retires.__contains__, self.rares)))
            restants = array("I", compress(self.rares, gardes))
            cumuls = array("I", accumulate(gardes, initial=0))
            debuts = array("I", map(cumuls.__getitem__, self.debuts))
        # Rebuild the rare layout: unchanged stems by runs, changed ones merged one by one.
        termes_rares, rares, nouveaux_debuts = [], array("I"), array("I", [0])

        def recopier(premier, dernier):
            for i in range(premier, dernier):
                if debuts[i + 1] > debuts[i]:
                    termes_rares.append(self.termes_rares[i])
                    nouveaux_debuts.append(len(rares) + debuts[i + 1] - debuts[premier])
            rares.extend(restants[debuts[premier] : debuts[dernier]])

        suivant = 0
        for terme in sorted(ajouts):
            if terme in frequents:
                frequents[terme] |= ajouts[terme]
                continue
            if terme in self.frequents:  # all its postings were retired
                frequents[terme] = ajouts[terme].copy()
                continue
            i = bisect_left(self.termes_rares, terme, suivant)
            recopier(suivant, i)
            pks = ajouts[terme].copy()
            if i < len(self.termes_rares) and self.termes_rares[i] == terme:
                pks.update(restants[debuts[i] : debuts[i + 1]])
                i += 1
            suivant = i
            if len(pks) > SEUIL_RARES:
                frequents[terme] = pks
            else:
                termes_rares.append(terme)
                rares.extend(pks.to_array())
                nouveaux_debuts.append(len(rares))
        recopier(suivant, len(self.termes_rares))
        return Postings(frequents, rares, termes_rares, nouveaux_debuts)


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
        postings = (defaultdict(BitMap), defaultdict(BitMap))
        lots = (defaultdict(partial(array, "I")), defaultdict(partial(array, "I")))
        presents = BitMap()
        # Per stem and row, a C call (no Python bytecode): most of the time of a build.
        ajouter, vider = array.append, deque(maxlen=0).extend
        for rang, (pk, nom, texte) in enumerate(lignes, 1):
            if not (nom or texte):
                continue  # a draft: found by nothing
            presents.add(pk)
            vider(map(ajouter, map(lots[0].__getitem__, (nom or "").split()), repeat(pk)))
            vider(map(ajouter, map(lots[1].__getitem__, (texte or "").split()), repeat(pk)))
            if rang % LOT_CONSTRUCTION == 0:
                for champ, lot in zip(postings, lots, strict=True):
                    _verser(lot, champ)
        for champ, lot in zip(postings, lots, strict=True):
            _verser(lot, champ)
            for terme, pks in lot.items():
                if terme in champ:
                    champ[terme].update(pks)
                else:
                    champ[terme] = pks  # rare: stays an array
        del lots
        nom = Postings.de(postings[0])
        # The stems of both fields share their strings.
        communs = {t: t for t in nom.termes_frequents}
        communs.update((t, t) for t in nom.termes_rares)
        texte = Postings.de({communs.get(t, t): pks for t, pks in postings[1].items()})
        return cls(nom, texte, presents)

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


def _verser(lot, postings):
    """Move the arrays of `lot` long enough to be worth a bitmap into `postings`."""
    for terme in [t for t, pks in lot.items() if len(pks) > SEUIL_RARES]:
        postings[terme].update(lot.pop(terme))
