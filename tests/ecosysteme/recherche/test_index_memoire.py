"""The in-memory text index gives the database's score bands, before and after changes."""

from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acteurs.models import Organisation
from ecosysteme.listes.index_facettes import par_score
from ecosysteme.recherche import index_memoire
from ecosysteme.recherche.index_memoire import IndexTexte
from ecosysteme.recherche.moteur import (
    MOTS_MAX_REQUETE,
    document,
    formes_cherchees,
    mots,
    nettoyer_requete,
    racine,
    rechercher,
)
from tests.factories import OrganisationFactory

# Accents, plurals, short words, words that are prefixes of others, stop words.
MOTS = """économie économies eco éco écologie sociale social sociaux solidaire solidarité
    coop coopérative coopératives coopération cae caen scop scic s.c.i.c. aide aides aidant
    insertion inser emploi emplois jeu jeux jeune jeunesse art arts artisan artisanat réseau
    réseaux reseau les la de du caf café cafés ateliers atelier lyon lyonnais culture""".split()

mot = st.one_of(st.sampled_from(MOTS), st.text(alphabet="abcéo", min_size=1, max_size=6))
texte = st.lists(mot, max_size=6).map(" ".join)
documents = st.tuples(texte, texte).map(lambda d: (document(d[0]), document(d[1])))
# A form is a stem, or the start of one (the typo corrections are other stems).
forme = st.one_of(
    st.sampled_from(MOTS).map(lambda m: racine(mots(m)[0]) if mots(m) else "eco"),
    st.text(alphabet="abcéo", min_size=1, max_size=5).map(
        lambda m: racine(mots(m)[0]) if mots(m) else "ab"
    ),
)
requete = st.lists(st.sets(forme, min_size=1, max_size=3), min_size=1, max_size=3)


def reference(documents, formes_par_mot):
    """The bands of moteur.analyser's rules, applied literally to each document."""
    bandes = {}
    for pk, (nom, texte) in documents.items():
        total = 0
        for formes in formes_par_mot:
            motifs = [f" {f}" if len(f) >= 4 else f" {f} " for f in formes]
            if not any(m in nom or m in texte for m in motifs):
                break
            if any(f" {f} " in nom for f in formes):
                total += 8
            elif any(m in nom for m in motifs):
                total += 6
            elif any(f" {f} " in texte for f in formes):
                total += 2
            else:
                total += 1
        else:
            bandes.setdefault(total, set()).add(pk)
    return sorted(bandes.items(), reverse=True)


def en_ensembles(bandes):
    return [(score, set(pks)) for score, pks in bandes]


# Stems of more than `seuil` entries get a bitmap, the others share an array: every stem a
# bitmap (0), both kinds (2), every stem in the array (the default, beyond these few
# entries). The arrays gathered while building go into bitmaps every `lot` rows.
reglages = st.tuples(
    st.sampled_from([0, 2, index_memoire.SEUIL_RARES]), st.sampled_from([3, 1 << 16])
)


def regle(seuil, lot):
    return mock.patch.multiple(index_memoire, SEUIL_RARES=seuil, LOT_CONSTRUCTION=lot)


@settings(max_examples=150)
@given(
    st.dictionaries(st.integers(1, 60), documents, max_size=25),
    st.lists(requete, min_size=1, max_size=4),
    reglages,
)
def test_bands_are_those_of_the_rules(docs, requetes, reglage):
    with regle(*reglage):
        index = IndexTexte.construire((pk, nom, texte) for pk, (nom, texte) in docs.items())

        for formes_par_mot in requetes:
            assert en_ensembles(index.bandes(formes_par_mot)) == reference(docs, formes_par_mot)


changement = st.one_of(
    st.tuples(st.just("retrait"), st.integers(1, 40)),
    st.tuples(st.just("ecriture"), st.integers(1, 40), documents),
    st.tuples(st.just("fusion")),
)


@settings(max_examples=200)
@given(
    st.dictionaries(st.integers(1, 40), documents, max_size=20),
    st.lists(st.lists(changement, max_size=5), max_size=6),
    st.lists(requete, min_size=1, max_size=3),
    st.sampled_from([0, 3, 1000]),
    reglages,
)
def test_bands_follow_changes_and_merges(docs, lots, requetes, fusion_min, reglage):
    # A merge after every call (0), every few calls (3), or never (1000).
    with regle(*reglage), mock.patch.object(index_memoire, "FUSION_MIN", fusion_min):
        index = IndexTexte.construire((pk, nom, texte) for pk, (nom, texte) in docs.items())
        docs = dict(docs)
        for lot in lots:
            retires, lignes = [], []
            for change in lot:
                if change[0] == "fusion":
                    index.fusionner()
                elif change[0] == "retrait":
                    docs.pop(change[1], None)
                    retires.append(change[1])
                    lignes = [ligne for ligne in lignes if ligne[0] != change[1]]
                else:
                    docs[change[1]] = change[2]
                    # One call may not retire and write the same entry: apply what came so far.
                    if change[1] in retires:
                        index.appliquer(retires, lignes)
                        retires, lignes = [], []
                    lignes = [ligne for ligne in lignes if ligne[0] != change[1]]
                    lignes.append((change[1], *change[2]))
            index.appliquer(retires, lignes)
            for formes_par_mot in requetes:
                assert en_ensembles(index.bandes(formes_par_mot)) == reference(docs, formes_par_mot)


def test_changes_in_one_call_apply_in_order_and_merge_when_the_delta_grows(monkeypatch):
    monkeypatch.setattr(index_memoire, "FUSION_MIN", 2)
    index = IndexTexte.construire([(1, " cooperatif ", " lyon "), (2, " atelier ", "")])

    index.appliquer([2], [(3, " atelier velo ", " lyon "), (1, "", " cooperatif ")])

    assert en_ensembles(index.bandes([{"lyon"}])) == [(2, {3})]
    assert en_ensembles(index.bandes([{"coop"}])) == [(1, {1})]
    assert en_ensembles(index.bandes([{"atelier"}, {"velo"}])) == [(16, {3})]
    # Three changed entries, more than FUSION_MIN: the delta went into the base.
    assert not index.obsoletes
    assert not index.delta.documents


def test_rare_and_frequent_stems_answer_alike(monkeypatch):
    monkeypatch.setattr(index_memoire, "SEUIL_RARES", 2)
    lignes = [
        (pk, f" atelier{pk % 3} ", " lyon " if pk % 2 else " lyonnais ") for pk in range(1, 12)
    ]
    index = IndexTexte.construire(lignes)

    assert en_ensembles(index.bandes([{"lyon"}])) == [
        (2, set(range(1, 12, 2))),
        (1, set(range(2, 12, 2))),
    ]
    assert en_ensembles(index.bandes([{"atelier0"}])) == [(8, {3, 6, 9})]
    assert en_ensembles(index.bandes([{"atelier"}])) == [(6, set(range(1, 12)))]


def formes(q):
    """The forms of each word of a query, as moteur.analyser searches them."""
    mots_requete = list(dict.fromkeys(mots(nettoyer_requete(q)[0])))[:MOTS_MAX_REQUETE]
    return formes_cherchees(mots_requete)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q",
    [
        "économie",
        "ECONOMIE solidaire",
        "cooperatves",
        "S.C.I.C.",
        "scic",
        "réseaux",
        "cae",
        "coop",
        "lyon café",
    ],
)
def test_bands_are_those_of_the_database(q):
    OrganisationFactory(
        nom="Pôle d'économie solidaire", description="Réseau des coopératives de Lyon"
    )
    OrganisationFactory(
        nom="Coopérative d'activité et d'emploi", sigle="CAE", description="Atelier à Caen"
    )
    OrganisationFactory(
        nom="Le café des réseaux", sigle="S.C.I.C.", description="Économie sociale à Lyon"
    )
    OrganisationFactory(nom="Atelier de Caen", description="Une SCIC solidaire")
    OrganisationFactory(nom="Coopaname", description="Coopérative d'activité, économie circulaire")
    lignes = Organisation.objects.values_list("pk", "recherche_nom", "recherche_texte")
    index = IndexTexte.construire(lignes)

    attendu = {
        score: set(pks)
        for score, pks in par_score(rechercher(Organisation.objects.all(), q)).items()
    }
    assert attendu
    assert {score: set(pks) for score, pks in index.bandes(formes(q))} == attendu
