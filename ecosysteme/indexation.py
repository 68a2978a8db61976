"""Shared pieces of the search index: territory names and the typo vocabulary."""

from django.apps import apps
from django.db.models import Prefetch, Q

from .models import CHAINE_PARENTS, Recherchable, Territoire, Vocabulaire
from .recherche import LONGUEUR_MIN_CORRECTION, mots, racine, variantes

TAILLE_LOT = 500


def territoires_avec_parents(chemin):
    """A prefetch of territories that brings their parents along, for noms_territoire()."""
    return Prefetch(chemin, queryset=Territoire.objects.select_related(CHAINE_PARENTS))


def noms_territoire(territoire):
    """A territory's name and its parents' names: an entry in Dijon is found by "Côte-d'Or"."""
    return [t.nom for t in territoire.lignee()] if territoire is not None else []


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
    return (territoire.nom, territoire.slug)


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
            Vocabulaire(mot=mot, variante=variante)
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
    modeles = [m for m in apps.get_models() if issubclass(m, Recherchable)]
    for mot in set(mots(texte)):
        forme = f" {racine(mot)} "
        condition = Q(recherche_nom__contains=forme) | Q(recherche_texte__contains=forme)
        if not any(modele.objects.filter(condition).exists() for modele in modeles):
            Vocabulaire.objects.filter(mot=mot).delete()
