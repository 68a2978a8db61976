"""The organisations' and kinds of activity's texts in each language of the site
(django-modeltranslation): a column per language, read in the page's language, or French."""

from modeltranslation.translator import TranslationOptions, register

from .models import Organisation, TypeActivite


@register(TypeActivite)
class TypeActiviteTranslationOptions(TranslationOptions):
    fields = ("nom", "description")
    required_languages = {"fr": ("nom",)}
    # The name is unique: a name not translated is NULL, not the same empty text twice.
    empty_values = {"nom": None}


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    # The official name in each language, where a registry gives one (the BCE gives French
    # and Dutch); the description in French, translated where someone has.
    fields = ("nom_officiel", "description")
