"""The FilterSet of the support programmes listing (/accompagnement/)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from acteurs.models import Organisation
from ecosysteme.listes.facettes import (
    FacetteChoix,
    FacetteRegroupement,
    FacetteRelation,
    FacettesFilterSet,
    FacetteTerritoire,
)
from ecosysteme.models import Thematique

from .enums import FamilleDispositif, NatureDispositif, natures_de
from .models import Dispositif

# The organisations that carry programmes offered as filters: those that carry the most.
PORTEURS_PROPOSES = 20


def porteurs():
    """Public organisations that carry at least one public programme."""
    liens = Dispositif.porteurs.through.objects.filter(dispositif__is_published=True)
    return Organisation.objects.published().filter(pk__in=liens.values("organisation"))


# The `precision` words stay plain French strings: the listing's title joins them as such.
# They are marked for extraction only (gettext_noop), to be translated where the title is made.
class DispositifFilter(FacettesFilterSet):
    famille = FacetteRegroupement(
        field_name="nature",
        label=_("Programmes ou événements"),
        choices=FamilleDispositif.choices,
        regroupement={f.value: [n.value for n in natures_de(f)] for f in FamilleDispositif},
        sujet=True,
    )
    type = FacetteChoix(
        field_name="nature",
        label=_("Type de dispositif"),
        choices=NatureDispositif.choices,
        sujet=True,
    )
    territoire = FacetteTerritoire(label=_("Territoire"), method="filter_territoires")
    thematique = FacetteRelation(
        label=_("Thématique"),
        relation=Dispositif.thematiques,
        options=Thematique.objects.all(),
        method="filter_thematiques",
        precision=gettext_noop("thème"),
    )
    porteur = FacetteRelation(
        label=_("Porté par"),
        relation=Dispositif.porteurs,
        options=porteurs(),
        limite=PORTEURS_PROPOSES,
        method="filter_porteurs",
        precision=gettext_noop("porté par"),
    )

    nom_liste = _("Dispositifs d'accompagnement")
    export = "accompagnement"
    demonstratif = "ce"

    class Meta:
        model = Dispositif
        fields = []

    def filter_territoires(self, queryset, name, value):
        return queryset.in_territoires_or_below(value)

    def filter_thematiques(self, queryset, name, value):
        return queryset.with_thematiques(value)

    def filter_porteurs(self, queryset, name, value):
        return queryset.with_porteurs(value)
