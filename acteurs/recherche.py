"""What makes organisations and people findable: their search documents, the territories
each organisation covers, and the indexers that keep them in step with every write."""

from django.db.models import Prefetch
from django.utils import translation

from ecosysteme.listes.index_facettes import donnees_modifiees
from ecosysteme.recherche.indexation import (
    CHAINE_PARENTS,
    ajouter_au_vocabulaire,
    avec_parents,
    en_toutes_langues,
    noms_territoire,
    oublier_racines,
    par_nom,
    racines_du_document,
    remplir_documents,
    territoires_avec_parents,
)

from .enums import SENS_FORME_JURIDIQUE, SENS_TYPE_ACTIVITE
from .models import Fonction, Organisation, Personne, TerritoireCouvert


def documenter_organisation(organisation, *, types, thematiques, territoires_action, personnes):
    """Sets an organisation's search documents from its related rows; returns the texts the
    vocabulary learns (ecosysteme.recherche.indexation.remplir_documents).

    The related rows are passed in, so that the generator of synthetic data indexes the rows
    it has just built exactly as the indexer does those it reads back.
    """
    territoires = [organisation.siege, *sorted(territoires_action, key=par_nom)]
    noms = [organisation.nom, organisation.sigle, *en_toutes_langues(organisation, "nom_officiel")]
    # The label of its legal form in French, whatever the language of the page that saved it:
    # the documents, and the words that find them, are French.
    with translation.override("fr"):
        forme_juridique = organisation.get_forme_juridique_display()
    texte = [
        *en_toutes_langues(organisation, "description"),
        forme_juridique,
        *sorted(nom for t in types for nom in en_toutes_langues(t, "nom")),
        *sens_en_toutes_lettres(organisation.forme_juridique, [t.slug for t in types]),
        *sorted(nom for t in thematiques for nom in en_toutes_langues(t, "nom")),
        *(nom for t in territoires for nom in noms_territoire(t)),
        *sorted(p.nom_complet for p in personnes if p.is_published),
    ]
    return remplir_documents(organisation, noms, texte)


def sens_en_toutes_lettres(forme_juridique, slugs_types):
    """What a legal form and kinds of activity mean, in full words (acteurs.enums)."""
    return [
        SENS_FORME_JURIDIQUE.get(forme_juridique, ""),
        *sorted(SENS_TYPE_ACTIVITE.get(slug, "") for slug in slugs_types),
    ]


def territoires_couverts(organisation, territoires_action):
    """The TerritoireCouvert rows of an organisation: its seat, where it acts, and above."""
    return [
        TerritoireCouvert(organisation_id=organisation.pk, territoire_id=pk)
        for pk in sorted(avec_parents([organisation.siege, *territoires_action]))
    ]


def documenter_personne(personne, *, fonctions):
    """Sets a person's search documents from their roles (with organisations); returns texts.

    Only their roles in published organisations count: a draft's name, or a title that
    describes it, would find the person, and prefix matching would spell the draft out.
    """
    fonctions = [f for f in fonctions if f.organisation.is_published]
    noms = [personne.prenom, personne.nom, personne.designation]
    texte = [
        personne.biographie,
        *sorted(f.intitule for f in fonctions),
        *sorted(f"{f.organisation.nom} {f.organisation.sigle}" for f in fonctions),
    ]
    return remplir_documents(personne, noms, texte)


def indexer_organisations(*, pks):
    """Recomputes the search documents and the territories covered of these organisations.

    The listings' indexes read these organisations again: their documents, the territories
    covered and their options (ecosysteme.listes.index_facettes.donnees_modifiees()).
    """
    organisations = (
        Organisation.objects.filter(pk__in=pks)
        .select_related(f"siege__{CHAINE_PARENTS}")
        .prefetch_related(
            "types",
            "thematiques",
            territoires_avec_parents("territoires_action"),
            Prefetch("fonctions", queryset=Fonction.objects.select_related("personne")),
        )
    )
    textes, couverts, retirees = [], [], set()
    for organisation in organisations:
        avant = racines_du_document(organisation)
        textes += documenter_organisation(
            organisation,
            types=organisation.types.all(),
            thematiques=organisation.thematiques.all(),
            territoires_action=organisation.territoires_action.all(),
            personnes=[f.personne for f in organisation.fonctions.all()],
        )
        couverts += territoires_couverts(organisation, organisation.territoires_action.all())
        retirees |= avant - racines_du_document(organisation)
    Organisation.objects.bulk_update(organisations, ["recherche_nom", "recherche_texte"])
    donnees_modifiees(modele=Organisation, cles=[entree.pk for entree in organisations])
    TerritoireCouvert.objects.filter(organisation__in=[o.pk for o in organisations]).delete()
    TerritoireCouvert.objects.bulk_create(couverts)
    ajouter_au_vocabulaire(textes)
    oublier_racines(retirees)


def indexer_personnes(*, pks):
    """Recomputes the search documents of these people."""
    personnes = Personne.objects.filter(pk__in=pks).prefetch_related(
        Prefetch("fonctions", queryset=Fonction.objects.select_related("organisation"))
    )
    textes, retirees = [], set()
    for personne in personnes:
        avant = racines_du_document(personne)
        textes += documenter_personne(personne, fonctions=personne.fonctions.all())
        retirees |= avant - racines_du_document(personne)
    Personne.objects.bulk_update(personnes, ["recherche_nom", "recherche_texte"])
    donnees_modifiees(modele=Personne, cles=[entree.pk for entree in personnes])
    ajouter_au_vocabulaire(textes)
    oublier_racines(retirees)


def indexer_tout():
    """Rebuilds every search document of the app, in batches, and the territories covered,
    which the listings' indexes are read from."""
    for modele, indexer in ((Organisation, indexer_organisations), (Personne, indexer_personnes)):
        pks = list(modele.objects.values_list("pk", flat=True))
        for debut in range(0, len(pks), 1000):
            indexer(pks=pks[debut : debut + 1000])
    donnees_modifiees()
