"""What makes programmes findable: their search documents and their indexer."""

from django.conf import settings
from django.utils import translation

from ecosysteme.listes.index_facettes import donnees_modifiees
from ecosysteme.recherche.indexation import (
    ajouter_au_vocabulaire,
    en_toutes_langues,
    noms_territoire,
    oublier_racines,
    par_nom,
    racines_du_document,
    remplir_documents,
    territoires_avec_parents,
)

from .models import Dispositif


def documenter_dispositif(dispositif, *, porteurs, partenaires, thematiques, territoires):
    """Sets a programme's search documents from its related rows; returns their texts.

    Shared with the generator of synthetic data, like acteurs.recherche.documenter_organisation.
    Organisations kept as drafts are left out, as from a person's documents.
    """
    # The documents are in French, whatever the language of the page that saved the programme.
    with translation.override(settings.LANGUAGE_CODE):
        nature = dispositif.get_nature_display()
    texte = [
        dispositif.description,
        dispositif.public,
        dispositif.etapes,
        dispositif.lieu,
        nature,
        *sorted(f"{o.nom} {o.sigle}" for o in porteurs if o.is_published),
        *sorted(f"{o.nom} {o.sigle}" for o in partenaires if o.is_published),
        *sorted(nom for t in thematiques for nom in en_toutes_langues(t, "nom")),
        *(nom for t in sorted(territoires, key=par_nom) for nom in noms_territoire(t)),
    ]
    return remplir_documents(dispositif, [dispositif.nom], texte)


def indexer_dispositifs(*, pks):
    """Recomputes the search documents of these programmes."""
    dispositifs = Dispositif.objects.filter(pk__in=pks).prefetch_related(
        "porteurs", "partenaires", "thematiques", territoires_avec_parents("territoires")
    )
    textes, retirees = [], set()
    for dispositif in dispositifs:
        avant = racines_du_document(dispositif)
        textes += documenter_dispositif(
            dispositif,
            porteurs=dispositif.porteurs.all(),
            partenaires=dispositif.partenaires.all(),
            thematiques=dispositif.thematiques.all(),
            territoires=dispositif.territoires.all(),
        )
        retirees |= avant - racines_du_document(dispositif)
    Dispositif.objects.bulk_update(dispositifs, ["recherche_nom", "recherche_texte"])
    donnees_modifiees(modele=Dispositif, cles=[entree.pk for entree in dispositifs])
    ajouter_au_vocabulaire(textes)
    oublier_racines(retirees)


def indexer_tout():
    """Rebuilds every search document of the app, in batches."""
    pks = list(Dispositif.objects.values_list("pk", flat=True))
    for debut in range(0, len(pks), 1000):
        indexer_dispositifs(pks=pks[debut : debut + 1000])
    donnees_modifiees()
