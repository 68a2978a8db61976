"""Writes that touch several models of the accompagnement app."""

from ecosysteme.indexation import (
    ajouter_au_vocabulaire,
    noms_territoire,
    par_nom,
    territoires_avec_parents,
)
from ecosysteme.models import VersionDonnees
from ecosysteme.recherche import document

from .models import Dispositif


def documenter_dispositif(dispositif, *, porteurs, partenaires, thematiques, territoires):
    """Sets a programme's search documents from its related rows; returns their texts.

    Shared with the generator of synthetic data, like acteurs.services.documenter_organisation.
    """
    texte = [
        dispositif.description,
        dispositif.public,
        dispositif.etapes,
        dispositif.get_nature_display(),
        *sorted(f"{o.nom} {o.sigle}" for o in porteurs),
        *sorted(f"{o.nom} {o.sigle}" for o in partenaires),
        *sorted(t.nom for t in thematiques),
        *(nom for t in sorted(territoires, key=par_nom) for nom in noms_territoire(t)),
    ]
    dispositif.recherche_nom = document(dispositif.nom)
    dispositif.recherche_texte = document(*texte)
    return [dispositif.nom, *texte]


def indexer_dispositifs(*, pks):
    """Recomputes the search documents of these programmes."""
    dispositifs = Dispositif.objects.filter(pk__in=pks).prefetch_related(
        "porteurs", "partenaires", "thematiques", territoires_avec_parents("territoires")
    )
    textes = []
    for dispositif in dispositifs:
        textes += documenter_dispositif(
            dispositif,
            porteurs=dispositif.porteurs.all(),
            partenaires=dispositif.partenaires.all(),
            thematiques=dispositif.thematiques.all(),
            territoires=dispositif.territoires.all(),
        )
    Dispositif.objects.bulk_update(dispositifs, ["recherche_nom", "recherche_texte"])
    VersionDonnees.changer()
    ajouter_au_vocabulaire(textes)


def indexer_tout():
    pks = list(Dispositif.objects.values_list("pk", flat=True))
    for debut in range(0, len(pks), 1000):
        indexer_dispositifs(pks=pks[debut : debut + 1000])
