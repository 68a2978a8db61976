from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ecosysteme.admin import PUBLICATION, AVerifierFilter, PubliableAdmin, lien_public, periode

from .models import ChiffreDispositif, Dispositif


class ChiffreDispositifInline(admin.TabularInline):
    model = ChiffreDispositif
    fields = ["libelle", "valeur", "est_approximatif", "annee", "source"]
    autocomplete_fields = ["source"]
    extra = 0


@admin.register(Dispositif)
class DispositifAdmin(PubliableAdmin):
    list_display = [
        "nom",
        "nature",
        "liste_porteurs",
        periode,
        "is_published",
        "updated_at",
        "verified_at",
        lien_public,
    ]
    list_filter = ["is_published", AVerifierFilter, "nature", "thematiques"]
    search_fields = ["nom", "porteurs__nom", "porteurs__sigle"]
    prepopulated_fields = {"slug": ["nom"]}
    autocomplete_fields = ["porteurs", "partenaires", "territoires", "thematiques", "sources"]
    fieldsets = [
        (
            _("Identité"),
            {
                "fields": [
                    "nom",
                    "slug",
                    "nature",
                    "site_web",
                    ("debut", "debut_precision"),
                    ("fin", "fin_precision"),
                ]
            },
        ),
        (
            _("Accompagnement"),
            {
                "fields": [
                    "description",
                    "public",
                    "etapes",
                    "candidature",
                    "candidature_url",
                    "contact",
                    "thematiques",
                ]
            },
        ),
        (_("Organisations"), {"fields": ["porteurs", "partenaires"]}),
        (_("Lieu et territoire"), {"fields": ["lieu", "territoires"]}),
        (_("Sources"), {"fields": ["sources"]}),
        PUBLICATION,
    ]
    inlines = [ChiffreDispositifInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("porteurs")

    @admin.display(description=_("organisations porteuses"))
    def liste_porteurs(self, obj):
        return ", ".join(porteur.sigle or porteur.nom for porteur in obj.porteurs.all())
