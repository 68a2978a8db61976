"""The administration's titles in French: Django's translation builds them from the model's
name without an article (« Modification de organisation », « Ajouter organisation »). In the
other languages, the titles Django gives, and « Add … » translated."""

import re

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

register = template.Library()

# The gender of each model's name in the administration, ours and those of the apps it uses
# (accounts, login attempts, background tasks). A model missing here keeps Django's wording;
# a test lists them all, so that a new one is not forgotten.
FEMININS = {
    "organisation",
    "personne",
    "fonction",
    "relation",
    "citation",
    "thématique",
    "source",
    "proposition de modification",
    "tentative de connexion",
    "connexion",
}
MASCULINS = {
    "territoire",
    "type d'activité",
    "message",
    "besoin",
    "gestionnaire",
    "dispositif d'accompagnement",
    "signalement",
    "utilisateur",
    "groupe",
    "échec de connexion",
    "Task Result",  # django-tasks, named in English by its app
}
VOYELLES = set("aeiouyàâéèêëîïôûüœ")


def en_francais():
    """Whether the page is in French, the only language the articles below are for."""
    return (get_language() or "fr").split("-")[0] == "fr"


def avec_article(nom, *, defini):
    """« une organisation », « l'organisation », « le dispositif »…; None for an unknown name."""
    if nom not in FEMININS | MASCULINS:
        return None
    feminin = nom in FEMININS
    if defini:
        if nom[0] in VOYELLES:
            return f"l'{nom}"
        return f"{'la' if feminin else 'le'} {nom}"
    return f"{'une' if feminin else 'un'} {nom}"


@register.simple_tag
def titre_ajout(opts):
    """« Ajouter une organisation »: the add page's title and the list's button."""
    nom = avec_article(str(opts.verbose_name), defini=False) if en_francais() else None
    if nom:
        return f"Ajouter {nom}"  # French only: the article is part of the name here
    return gettext("Ajouter %(nom)s") % {"nom": opts.verbose_name}


@register.simple_tag(takes_context=True)
def titre_formulaire(context):
    """The title of an entry's page: add, change, or only view it, as Django decides."""
    if context["add"]:
        return titre_ajout(context["opts"])
    nom = avec_article(str(context["opts"].verbose_name), defini=True) if en_francais() else None
    if not nom:
        return context["title"]
    return f"{'Modifier' if context['has_change_permission'] else 'Consulter'} {nom}"


@register.filter
def sans_style(html):
    """An import preview's cell without the inline colours of its diff, which the
    Content-Security-Policy refuses: admin.css colours <ins> and <del> instead."""
    return mark_safe(re.sub(r' style="[^"]*"', "", str(html)))
