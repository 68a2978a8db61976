"""Writes that touch several models of the accompagnement app."""

from ecosysteme.indexation import ajouter_au_vocabulaire, noms_territoire, territoires_avec_parents
from ecosysteme.recherche import document

from .models import Dispositif


def indexer_dispositifs(*, pks):
    """Recomputes the search documents of these programmes."""
    dispositifs = Dispositif.objects.filter(pk__in=pks).prefetch_related(
        "porteurs", "partenaires", "thematiques", territoires_avec_parents("territoires")
    )
    textes = []
    for dispositif in dispositifs:
        organisations = [*dispositif.porteurs.all(), *dispositif.partenaires.all()]
        texte = [
            dispositif.description,
            dispositif.public,
            dispositif.etapes,
            dispositif.get_nature_display(),
            *(f"{o.nom} {o.sigle}" for o in organisations),
            *(t.nom for t in dispositif.thematiques.all()),
            *(nom for t in dispositif.territoires.all() for nom in noms_territoire(t)),
        ]
        dispositif.recherche_nom = document(dispositif.nom)
        dispositif.recherche_texte = document(*texte)
        textes += [dispositif.nom, *texte]
    Dispositif.objects.bulk_update(dispositifs, ["recherche_nom", "recherche_texte"])
    ajouter_au_vocabulaire(textes)


def indexer_tout():
    pks = list(Dispositif.objects.values_list("pk", flat=True))
    for debut in range(0, len(pks), 1000):
        indexer_dispositifs(pks=pks[debut : debut + 1000])
