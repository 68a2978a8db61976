"""The reference data's texts in each language of the site (django-modeltranslation).

Each field named here gets a column per language (nom_fr, nom_nl, nom_en); the field itself
reads the page's language, or French where that language has nothing.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Territoire, Thematique


@register(Territoire)
class TerritoireTranslationOptions(TranslationOptions):
    fields = ("nom",)
    required_languages = ("fr",)


@register(Thematique)
class ThematiqueTranslationOptions(TranslationOptions):
    fields = ("nom", "description")
    required_languages = {"fr": ("nom",)}
    # The name is unique: a name not translated is NULL, not the same empty text twice.
    empty_values = {"nom": None}
