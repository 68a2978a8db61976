"""Shared pieces of the search index: territory names and the typo vocabulary."""

from django.apps import apps
from django.db.models import Prefetch
from modeltranslation.utils import get_translation_fields

from ecosysteme.models import CHAINE_PARENTS, Recherchable, Territoire, Vocabulaire
from ecosysteme.recherche.moteur import (
    LONGUEUR_MIN_CORRECTION,
    contient,
    document,
    mots,
    racine,
    variantes,
)

TAILLE_LOT = 500
# Stems looked for at once in the documents: on SQLite, contient() puts two SELECTs per
# stem in one compound SELECT, which may hold 500 of them.
RACINES_PAR_LOT = 100
# Documents read at once when looking for the stems that some document still holds.
DOCUMENTS_PAR_LECTURE = 100


def territoires_avec_parents(chemin):
    """A prefetch of territories that brings their parents along, for noms_territoire()."""
    return Prefetch(chemin, queryset=Territoire.objects.select_related(CHAINE_PARENTS))


def en_toutes_langues(entree, champ):
    """A translated field's texts (django-modeltranslation) in each language of the site,
    French first, each once: an entry is found by its name in any of them, whatever the
    language of the page that searches or of the one that saved it."""
    textes = (getattr(entree, colonne) for colonne in get_translation_fields(champ))
    return list(dict.fromkeys(texte for texte in textes if texte))


def noms_territoire(territoire):
    """A territory's names and its parents' names, in each language: an entry in Dijon is
    found by "Côte-d'Or", one in Bruxelles by "Brussel"."""
    if territoire is None:
        return []
    return [nom for t in territoire.lignee() for nom in en_toutes_langues(t, "nom")]


def avec_parents(territoires):
    """The primary keys of these territories and of every one above them.

    The territories come with their parents loaded (territoires_avec_parents, or built in
    memory by the generator of synthetic data): no query.
    """
    territoires = [territoire for territoire in territoires if territoire is not None]
    return {parent.pk for territoire in territoires for parent in territoire.lignee()}


def par_nom(territoire):
    """Sort key of territories in search documents.

    Python's order rather than the database's collation: the same document on SQLite and
    PostgreSQL, from the indexer and from the generator of synthetic data alike.
    """
    return (territoire.nom_fr or "", territoire.slug)


def remplir_documents(entree, noms, texte):
    """Sets an entry's search documents from its names and other texts; returns the texts
    the typo vocabulary learns.

    A draft gets empty documents and teaches nothing: it must not be found, nor be told by a
    correction proposed or withheld. The entries whose texts name it leave it out too (the
    apps' documenter_… functions), so its name is found nowhere until it is published.
    """
    if not entree.is_published:
        entree.recherche_nom = entree.recherche_texte = ""
        return []
    entree.recherche_nom, entree.recherche_texte = document(*noms), document(*texte)
    return [*noms, *texte]


def racines_du_document(entree):
    """The stems an entry's search documents hold, as stored."""
    return {*entree.recherche_nom.split(), *entree.recherche_texte.split()}


def ajouter_au_vocabulaire(textes):
    """Records the words of these texts that typo correction can propose."""
    # A large batch repeats the same words many times: normalise each distinct one once. No
    # rule of mots() spans a space, so the words of the distinct tokens are those of the texts.
    jetons = {jeton for texte in set(textes) if texte for jeton in texte.split()}
    candidats = {m for m in mots(" ".join(jetons)) if len(m) >= LONGUEUR_MIN_CORRECTION}
    candidats = sorted(m for m in candidats if len(m) <= 100)
    for debut in range(0, len(candidats), TAILLE_LOT):
        lot = candidats[debut : debut + TAILLE_LOT]
        connus = set(Vocabulaire.objects.filter(mot__in=lot).values_list("mot", flat=True))
        lignes = [
            Vocabulaire(mot=mot, racine=racine(mot), variante=variante)
            for mot in lot
            if mot not in connus
            for variante in variantes(mot)
        ]
        Vocabulaire.objects.bulk_create(lignes, ignore_conflicts=True)


def oublier_mots(texte):
    """Forgets the words of this text that no search document holds any more.

    Typo correction proposes only known words: a name erased from every document (a person
    anonymised) must not stay among them.
    """
    oublier_racines({racine(mot) for mot in mots(texte)})


def oublier_racines(racines):
    """Forgets the words of these stems that no search document holds any more.

    The indexers call it with the stems their entries' documents lost: a draft's words, an
    old name, leave the vocabulary with the last document that held them.
    """
    restantes = sorted(racines)
    for debut in range(0, len(restantes), RACINES_PAR_LOT):
        lot = restantes[debut : debut + RACINES_PAR_LOT]
        # Most stems of a document (short words, numbers) were never in the vocabulary.
        connues = Vocabulaire.objects.filter(racine__in=lot).order_by().distinct()
        lot = set(connues.values_list("racine", flat=True))
        for modele in apps.get_models():
            if issubclass(modele, Recherchable):
                lot -= racines_presentes(modele, lot)
        Vocabulaire.objects.filter(racine__in=lot).delete()


def racines_presentes(modele, racines):
    """Those of these stems that a search document of the model holds.

    Reads a few documents holding any of them, notes which they hold, and asks again for the
    others: a common stem is settled by its first document, without reading all of them.
    """
    trouvees = set()
    while cherchees := racines - trouvees:
        motifs = [f" {r} " for r in cherchees]
        lignes = modele.objects.filter(contient(modele.objects.all(), motifs)).values_list(
            "recherche_nom", "recherche_texte"
        )[:DOCUMENTS_PAR_LECTURE]
        nouvelles = {
            r for nom, texte in lignes for r in cherchees if f" {r} " in nom or f" {r} " in texte
        }
        if not nouvelles:
            break
        trouvees |= nouvelles
    return trouvees
