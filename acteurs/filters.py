"""The FilterSets of the organisation and people listings (/acteurs/, /personnes/)."""

from functools import reduce
from operator import or_

from django.db.models import CharField, Q, Value
from django.utils.translation import gettext_lazy as _

from ecosysteme.listes.facettes import (
    FacetteChoix,
    FacetteInclusion,
    FacetteRelation,
    FacettesFilterSet,
    FacetteTerritoire,
)
from ecosysteme.models import Thematique

from .enums import CategorieFonction, FormeJuridique
from .models import (
    FORMES_COOPERATIVES,
    TYPES_ACCOMPAGNEMENT,
    TYPES_COOPERATIVES,
    Fonction,
    Organisation,
    Personne,
    TypeActivite,
)


class FacetteFamille(FacetteChoix):
    """Families of organisations that no one other facet holds: a cooperative is one by its
    legal form or by its kind (a CAE is a SCOP or a SCIC, when the sources say which). The
    home page's figures count them, and lead here.

    `familles`: {value: (label, legal forms, slugs of kinds of activity)}.
    """

    def __init__(self, *args, familles, **kwargs):
        choices = [(valeur, libelle) for valeur, (libelle, _f, _t) in familles.items()]
        super().__init__(*args, choices=choices, **kwargs)
        self.familles = familles

    def condition(self, valeur):
        _libelle, formes, types = self.familles[valeur]
        liens = Organisation.types.through.objects.filter(typeactivite__slug__in=types)
        return Q(forme_juridique__in=formes) | Q(pk__in=liens.values("organisation"))

    def paires(self, entrees):
        # One query for every family.
        membres = [
            entrees.filter(self.condition(valeur))
            .order_by()
            .values_list(Value(valeur, output_field=CharField()), "pk")
            for valeur in self.familles
        ]
        return membres[0].union(*membres[1:], all=True)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(reduce(or_, (self.condition(valeur) for valeur in value)))


class FacetteThematiqueDesOrganisations(FacetteRelation):
    """People by the themes of the public organisations they hold or held a role in."""

    def paires(self, entrees):
        fonctions = Fonction.objects.filter(
            personne__in=entrees.values("pk"),
            organisation__is_published=True,
            organisation__thematiques__isnull=False,
        )
        # Two roles in one organisation, or two organisations on one theme: one pair.
        return fonctions.order_by().values_list("organisation__thematiques", "personne").distinct()


class OrganisationFilter(FacettesFilterSet):
    famille = FacetteFamille(
        label=_("Famille"),
        familles={
            "cooperative": (_("coopératives"), FORMES_COOPERATIVES, TYPES_COOPERATIVES),
            "accompagnement": (_("structures d'accompagnement"), [], TYPES_ACCOMPAGNEMENT),
        },
        sujet=True,
    )
    forme_juridique = FacetteChoix(
        label=_("Forme juridique"), choices=FormeJuridique.choices, sujet=True
    )
    # Legal form and kind of activity are independent axes: a CAE may be a SCOP or a SCIC.
    type = FacetteRelation(
        label=_("Type d'activité"),
        relation=Organisation.types,
        options=TypeActivite.objects.all(),
        method="filter_types",
        sujet=True,
        precision=_("type"),
    )
    territoire = FacetteTerritoire(label=_("Territoire"), method="filter_territoires")
    thematique = FacetteRelation(
        label=_("Thématique"),
        relation=Organisation.thematiques,
        options=Thematique.objects.all(),
        method="filter_thematiques",
        precision=_("thème"),
    )
    # Left out by default: a directory lists who can be met today. Their profiles stay.
    cessees = FacetteInclusion(
        label=_("Activité"),
        libelle=_("Inclure celles qui ont cessé leur activité"),
        libelle_titre=_("y compris celles qui ont cessé leur activité"),
        masquees="closed",
        visibles="active",
    )

    nom_liste = _("Acteurs")
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
        label=_("Fonction"),
        choices=CategorieFonction.choices,
        method="filter_fonctions",
        # Roles in unpublished organisations are not shown, so they do not count either.
        compte_sur=(Fonction, "personne", "categorie", Q(organisation__is_published=True)),
        precision=_("fonction"),
    )
    thematique = FacetteThematiqueDesOrganisations(
        label=_("Thématique"),
        relation=Organisation.thematiques,
        options=Thematique.objects.all(),
        method="filter_thematiques",
        precision=_("thème"),
    )

    nom_liste = _("Personnes")
    export = "personnes"

    class Meta:
        model = Personne
        fields = []

    def filter_fonctions(self, queryset, name, value):
        return queryset.with_categories_fonction(value)

    def filter_thematiques(self, queryset, name, value):
        return queryset.with_thematiques(value)
