"""Provisional in-memory search index (replaced by the real one)."""

import bisect

from pyroaring import BitMap

from ecosysteme.recherche.moteur import LONGUEUR_MIN_PREFIXE


class IndexTexte:
    def __init__(self):
        self.nom, self.texte, self.docs = {}, {}, {}

    @classmethod
    def construire(cls, lignes):
        index = cls()
        index.appliquer((), lignes)
        return index

    def appliquer(self, retires, lignes):
        lignes = list(lignes)
        for pk in [*retires, *(ligne[0] for ligne in lignes)]:
            for champ, stems in zip((self.nom, self.texte), self.docs.pop(pk, ((), ()))):
                for stem in stems:
                    champ[stem].discard(pk)
        for pk, nom, texte in lignes:
            stems = (nom.split(), texte.split())
            self.docs[pk] = stems
            for champ, liste in zip((self.nom, self.texte), stems):
                for stem in liste:
                    champ.setdefault(stem, BitMap()).add(pk)
        self.cles = {champ: sorted(d) for champ, d in (("nom", self.nom), ("texte", self.texte))}

    def _prefixe(self, champ, forme):
        d = getattr(self, champ)
        cles = self.cles[champ]
        if len(forme) < LONGUEUR_MIN_PREFIXE:
            return BitMap(d.get(forme, ()))
        resultat = BitMap()
        i = bisect.bisect_left(cles, forme)
        while i < len(cles) and cles[i].startswith(forme):
            resultat |= d[cles[i]]
            i += 1
        return resultat

    def bandes(self, formes_par_mot):
        scores = None
        for formes in formes_par_mot:
            ne = BitMap()
            np = BitMap()
            te = BitMap()
            tp = BitMap()
            for f in formes:
                ne |= self.nom.get(f, BitMap())
                np |= self._prefixe("nom", f)
                te |= self.texte.get(f, BitMap())
                tp |= self._prefixe("texte", f)
            niveaux = {8: ne, 6: np - ne, 2: te - np, 1: tp - np - te}
            if scores is None:
                scores = {s: b for s, b in niveaux.items() if b}
            else:
                nouveaux = {}
                for s, b in scores.items():
                    for s2, b2 in niveaux.items():
                        c = b & b2
                        if c:
                            nouveaux[s + s2] = nouveaux.get(s + s2, BitMap()) | c
                scores = nouveaux
        return sorted((scores or {}).items(), key=lambda x: -x[0])
