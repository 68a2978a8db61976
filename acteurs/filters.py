"""The FilterSets of the organisation and people listings (/acteurs/, /personnes/)."""

from django.db.models import Q

from ecosysteme.listes.facettes import (
    FacetteChoix,
    FacetteInclusion,
    FacetteRelation,
    FacettesFilterSet,
    FacetteTerritoire,
)
from ecosysteme.models import Thematique

from .enums import CategorieFonction, FormeJuridique
from .models import Fonction, Organisation, Personne, TypeActivite


class OrganisationFilter(FacettesFilterSet):
    forme_juridique = FacetteChoix(
        label="Forme juridique", choices=FormeJuridique.choices, sujet=True
    )
    # Legal form and kind of activity are independent axes: a CAE may be a SCOP or a SCIC.
    type = FacetteRelation(
        label="Type d'activité",
        relation=Organisation.types,
        options=TypeActivite.objects.all(),
        method="filter_types",
        sujet=True,
        precision="type",
    )
    territoire = FacetteTerritoire(label="Territoire", method="filter_territoires")
    thematique = FacetteRelation(
        label="Thématique",
        relation=Organisation.thematiques,
        options=Thematique.objects.all(),
        method="filter_thematiques",
        precision="thème",
    )
    # Left out by default: a directory lists who can be met today. Their profiles stay.
    cessees = FacetteInclusion(
        label="Activité",
        libelle="Inclure celles qui ont cessé leur activité",
        libelle_titre="y compris celles qui ont cessé leur activité",
        masquees="closed",
        visibles="active",
    )

    nom_liste = "Acteurs"
    export = "acteurs"

    class Meta:
        model = Organisation
        fields = []

    def filter_types(self, queryset, name, value):
        return queryset.with_types(value)

    def filter_territoires(self, queryset, name, value):
        return queryset.in_territoires_or_below(value)

    def filter_thematiques(self, queryset, name, value):
        return queryset.with_thematiques(value)


class PersonneFilter(FacettesFilterSet):
    fonction = FacetteChoix(
        label="Fonction",
        choices=CategorieFonction.choices,
        method="filter_fonctions",
        # Roles in unpublished organisations are not shown, so they do not count either.
        compte_sur=(Fonction, "personne", "categorie", Q(organisation__is_published=True)),
        precision="fonction",
    )

    nom_liste = "Personnes"
    export = "personnes"

    class Meta:
        model = Personne
        fields = []

    def filter_fonctions(self, queryset, name, value):
        return queryset.with_categories_fonction(value)
