import datetime
from collections import defaultdict

from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.utils import get_translation_fields
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .fraicheur import confirmer
from .models import Source, Territoire, Thematique


def url_publique(obj):
    """The entry's public page, or None for a draft: the public site answers 404 for drafts."""
    if getattr(obj, "is_published", True):
        return obj.get_absolute_url()
    return None


@admin.display(description=_("page publique"))
def lien_public(obj):
    url = url_publique(obj)
    return format_html('<a href="{}">{}</a>', url, gettext("Voir sur le site")) if url else None


@admin.display(description=_("période"), ordering="debut")
def periode(obj):
    return obj.periode


# An address typed without a scheme gets https, as it will by default from Django 6.0 (and
# choosing now silences that deprecation warning).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}

# Tabular inlines hold several text fields per row: ten-line text areas would drown the table.
COMPACT_TEXTAREAS = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 2})}}


class AffichageModifications(HistoricalRecordContextHelper):
    """Old and new values as the change form shows them: labels of choices, « oui »/« non »."""

    def prepare_delta_change_value(self, change, value):
        champ = self.model._meta.get_field(change.field)
        if value is None or value == "" or value == []:
            return "—"
        if champ.choices and not isinstance(value, list):
            return dict(champ.flatchoices).get(value, value)
        if isinstance(champ, models.BooleanField):
            return gettext("oui") if value else gettext("non")
        if isinstance(value, datetime.date):
            return date_format(value)
        return super().prepare_delta_change_value(change, value)


class HistoriqueAdmin(SimpleHistoryAdmin):
    """Every version of the entry kept: « Historique » shows who changed which fields, old → new.

    Subclasses name, in `historiques_lies`, the rows edited inline on their page (roles,
    relations), whose versions the page also lists: a role deleted from an organisation's
    page has no page of its own left to show its history.
    """

    object_history_template = "admin/historique.html"
    historiques_lies = []  # (title, model, function of the object's pk giving a Q)

    def revert_disabled(self, request, obj=None):
        # A record, not an undo: reverting through the form would bring back the fields but
        # not the roles, relations and links around them.
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history only hides the button: its form would still save an old version.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def history_view_title(self, request, obj):
        return gettext("Historique : %(objet)s") % {"objet": obj}

    def get_historical_record_context_helper(self, request, historical_record):
        return AffichageModifications(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        groupes = [
            {"titre": titre, "versions": versions_liees(modele, condition(object_id))}
            for titre, modele, condition in self.historiques_lies
        ]
        return super().history_view(
            request, object_id, {**(extra_context or {}), "historiques_lies": groupes}
        )


VERSIONS_LIEES_MAX = 50


def versions_liees(modele, condition):
    """The latest versions of the rows of `modele` matching `condition`, with their changes."""
    versions = modele.history.filter(condition).select_related("history_user")
    versions = versions._select_related_history_tracked_objs()
    versions = versions.order_by("-history_date", "-history_id")
    recentes = list(versions[:VERSIONS_LIEES_MAX])
    # Every version of those rows, to compare each recent one with the one before it.
    toutes = versions.filter(id__in={v.id for v in recentes})
    par_objet = defaultdict(list)
    for version in toutes:
        par_objet[version.id].append(version)
    precedente = {}
    for suite in par_objet.values():
        precedente.update({r.history_id: a for r, a in zip(suite, suite[1:], strict=False)})
    for version in recentes:
        version.libelle = libelle(version)
        if version.history_id in precedente:
            delta = version.diff_against(precedente[version.history_id], foreign_keys_are_objs=True)
            affichage = AffichageModifications(modele, version)
            version.history_delta_changes = affichage.context_for_delta_changes(delta)
    return recentes


def libelle(version):
    try:
        return str(version.history_object)
    except ObjectDoesNotExist:  # an end of a role or a relation deleted since
        return gettext("%(sorte)s n° %(numero)s") % {
            "sorte": version.history_object._meta.verbose_name,
            "numero": version.id,
        }


class AVerifierFilter(admin.SimpleListFilter):
    """The profiles verified longer ago than their frequency, or never."""

    title = _("vérification")
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [("a_verifier", _("à vérifier")), ("a_jour", _("vérifiées récemment"))]

    def queryset(self, request, queryset):
        dues = queryset.due_for_verification()
        if self.value() == "a_verifier":
            return dues
        if self.value() == "a_jour":
            return queryset.exclude(pk__in=dues.values("pk"))
        return queryset


# The fieldset that ends the form of every public entry.
PUBLICATION = (
    _("Publication"),
    {
        "description": _(
            "« Mis à jour le » change avec le contenu de la fiche ; « informations "
            "vérifiées le », quand un éditeur confirme qu'elle est toujours à jour (bouton "
            "« Toujours à jour » en haut de la page)."
        ),
        "fields": [
            "is_published",
            ("created_at", "updated_at"),
            ("verified_at", "verified_by"),
            "frequence_verification",
        ],
    },
)


class SynthetiqueAdmin(admin.ModelAdmin):
    """Entries of a synthetic directory (generated by `manage.py` to measure the site) are told
    apart by a filter shown only to those who may delete entries, the administrators who clear
    such data away: editors never meet that flag."""

    def get_list_filter(self, request):
        filtres = list(super().get_list_filter(request))
        if self.has_delete_permission(request):
            filtres.append("is_synthetic")
        return filtres


class ActionsDeLaPageAdmin(admin.ModelAdmin):
    """An entry's page with buttons above it that run one of the list's actions on it alone,
    those actions_de_la_page() gives; a page only read (`lecture_seule`) has no save buttons."""

    change_form_template = "admin/change_form_actions.html"
    lecture_seule = False

    def actions_de_la_page(self, objet):
        """(action, label) pairs for this entry."""
        return []

    def change_view(self, request, object_id, form_url="", extra_context=None):
        objet = self.get_object(request, object_id)
        contexte = {"actions_de_la_page": self.actions_de_la_page(objet) if objet else []}
        if self.lecture_seule:
            contexte.update(show_save=False, show_save_and_continue=False)
        return super().change_view(request, object_id, form_url, contexte | (extra_context or {}))


class PubliableAdmin(SynthetiqueAdmin, ActionsDeLaPageAdmin, HistoriqueAdmin):
    """Organisations, people and programmes: public entries an editor can keep as drafts, and
    confirm as still true (« Toujours à jour »), from the list or from their page."""

    readonly_fields = ["created_at", "updated_at", "verified_at", "verified_by"]
    formfield_overrides = HTTPS_URLS
    actions = ["confirmer_a_jour"]

    def view_on_site(self, obj):
        return url_publique(obj)

    def actions_de_la_page(self, fiche):
        return [("confirmer_a_jour", gettext("Toujours à jour"))]

    @admin.action(
        description=_("Toujours à jour : confirmer les informations des fiches choisies"),
        permissions=["change"],
    )
    def confirmer_a_jour(self, request, queryset):
        nombre = confirmer(queryset, par=request.user)
        self.message_user(
            request,
            ngettext(
                "Informations vérifiées aujourd'hui : %(nombre)s fiche(s).",
                "Informations vérifiées aujourd'hui : %(nombre)s fiche(s).",
                nombre,
            )
            % {"nombre": nombre},
            messages.SUCCESS,
        )


@admin.register(Territoire)
class TerritoireAdmin(TranslationAdmin, SynthetiqueAdmin):
    list_display = ["nom", "niveau", "code", "parent", lien_public]
    list_filter = ["niveau"]
    list_select_related = ["parent"]
    search_fields = [*get_translation_fields("nom"), "code"]
    prepopulated_fields = {"slug": ["nom"]}
    autocomplete_fields = ["parent"]
    fields = ["nom", "slug", "niveau", "code", "parent"]


@admin.register(Thematique)
class ThematiqueAdmin(TranslationAdmin):
    list_display = ["nom", lien_public]
    search_fields = [*get_translation_fields("nom"), *get_translation_fields("description")]
    prepopulated_fields = {"slug": ["nom"]}


@admin.register(Source)
class SourceAdmin(SynthetiqueAdmin):
    list_display = ["titre", "nature", "editeur", "date_publication", "fichier"]
    list_filter = ["nature"]
    search_fields = ["titre", "editeur", "fichier", "url"]
    prepopulated_fields = {"slug": ["titre"]}
    formfield_overrides = HTTPS_URLS
    fields = [
        "titre",
        "slug",
        "nature",
        "editeur",
        "date_publication",
        "url",
        "fichier",
        "description",
    ]
