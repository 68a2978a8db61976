from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.utils.html import format_html

from .models import Source, Territoire, Thematique


def url_publique(obj):
    """The entry's public page, or None for a draft: the public site answers 404 for drafts."""
    if getattr(obj, "is_published", True):
        return obj.get_absolute_url()
    return None


@admin.display(description="page publique")
def lien_public(obj):
    url = url_publique(obj)
    return format_html('<a href="{}">Voir sur le site</a>', url) if url else None


@admin.display(description="période", ordering="debut")
def periode(obj):
    return obj.periode


# An address typed without a scheme gets https, as it will by default from Django 6.0 (and
# choosing now silences that deprecation warning).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}

# Tabular inlines hold several text fields per row: ten-line text areas would drown the table.
COMPACT_TEXTAREAS = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 2})}}


class PubliableAdmin(admin.ModelAdmin):
    """Organisations, people and programmes: public entries an editor can keep as drafts."""

    readonly_fields = ["created_at", "updated_at"]
    formfield_overrides = HTTPS_URLS

    def view_on_site(self, obj):
        return url_publique(obj)


@admin.register(Territoire)
class TerritoireAdmin(admin.ModelAdmin):
    list_display = ["nom", "niveau", "code", "parent", lien_public]
    list_filter = ["niveau", "is_synthetic"]
    list_select_related = ["parent"]
    search_fields = ["nom", "code"]
    prepopulated_fields = {"slug": ["nom"]}
    autocomplete_fields = ["parent"]
    fields = ["nom", "slug", "niveau", "code", "parent"]


@admin.register(Thematique)
class ThematiqueAdmin(admin.ModelAdmin):
    list_display = ["nom", lien_public]
    search_fields = ["nom", "description"]
    prepopulated_fields = {"slug": ["nom"]}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["titre", "nature", "editeur", "date_publication", "fichier"]
    list_filter = ["nature", "is_synthetic"]
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
