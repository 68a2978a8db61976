"""Writes that touch several models of the acteurs app."""

from django.db.models import Prefetch

from ecosysteme.indexation import (
    CHAINE_PARENTS,
    ajouter_au_vocabulaire,
    noms_territoire,
    territoires_avec_parents,
)
from ecosysteme.recherche import document

from .models import Fonction, Organisation, Personne


def indexer_organisations(*, pks):
    """Recomputes the search documents of these organisations."""
    organisations = (
        Organisation.objects.filter(pk__in=pks)
        .select_related(f"siege__{CHAINE_PARENTS}")
        .prefetch_related(
            "types",
            "thematiques",
            territoires_avec_parents("territoires_action"),
            Prefetch(
                "fonctions",
                queryset=Fonction.objects.filter(personne__is_published=True).select_related(
                    "personne"
                ),
            ),
        )
    )
    textes = []
    for organisation in organisations:
        territoires = [organisation.siege, *organisation.territoires_action.all()]
        texte = [
            organisation.description,
            organisation.get_forme_juridique_display(),
            *(t.nom for t in organisation.types.all()),
            *(t.nom for t in organisation.thematiques.all()),
            *(nom for t in territoires for nom in noms_territoire(t)),
            *(f.personne.nom_complet for f in organisation.fonctions.all()),
        ]
        organisation.recherche_nom = document(organisation.nom, organisation.sigle)
        organisation.recherche_texte = document(*texte)
        textes += [organisation.nom, organisation.sigle, *texte]
    Organisation.objects.bulk_update(organisations, ["recherche_nom", "recherche_texte"])
    ajouter_au_vocabulaire(textes)


def indexer_personnes(*, pks):
    """Recomputes the search documents of these people."""
    personnes = Personne.objects.filter(pk__in=pks).prefetch_related(
        Prefetch("fonctions", queryset=Fonction.objects.select_related("organisation"))
    )
    textes = []
    for personne in personnes:
        fonctions = personne.fonctions.all()
        texte = [
            personne.biographie,
            *(f.intitule for f in fonctions),
            *(f"{f.organisation.nom} {f.organisation.sigle}" for f in fonctions),
        ]
        personne.recherche_nom = document(personne.prenom, personne.nom, personne.designation)
        personne.recherche_texte = document(*texte)
        textes += [personne.prenom, personne.nom, personne.designation, *texte]
    Personne.objects.bulk_update(personnes, ["recherche_nom", "recherche_texte"])
    ajouter_au_vocabulaire(textes)


def indexer_tout():
    """Rebuilds every search document of the app, in batches."""
    for modele, indexer in ((Organisation, indexer_organisations), (Personne, indexer_personnes)):
        pks = list(modele.objects.values_list("pk", flat=True))
        for debut in range(0, len(pks), 1000):
            indexer(pks=pks[debut : debut + 1000])
