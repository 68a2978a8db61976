"""The page in each language of the site: the language switcher and the hreflang alternates."""

from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaks_filter as linebreaks
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ecosysteme.models import texte_dans_la_langue

register = template.Library()


def sans_prefixe(chemin, langue):
    """The address of a page in French, from its address in this language.

    Addresses are the same in every language but for the prefix (/nl/, /en/; none in
    French): what the page shows, its slug and its parameters stay as they are.
    """
    prefixe = f"/{langue}/"
    if langue != settings.LANGUAGE_CODE and chemin.startswith(prefixe):
        return chemin[len(prefixe) - 1 :]
    return chemin


def dans_la_langue(chemin, langue):
    return chemin if langue == settings.LANGUAGE_CODE else f"/{langue}{chemin}"


def parametres_de_la_page(context, request):
    """The query string that shows this page again.

    A listing's own parameters, as its links write them (FacettesFilterSet.parametres, and
    the page): a parameter it does not know (utm_source…) is no more carried to another
    language than to its next page. Other pages keep their query string as it came.
    """
    filtres = context.get("filtres")
    if filtres is None or not hasattr(filtres, "parametres"):
        return request.META.get("QUERY_STRING", "")
    parametres = list(filtres.parametres)
    page = context.get("page")
    if getattr(page, "number", 1) > 1:
        parametres.append(("page", page.number))
    return urlencode(parametres)


@register.simple_tag(takes_context=True)
def langues_de_la_page(context):
    """Each language with this page's address in it, the current one marked."""
    request = context.get("request")
    if request is None:
        return []
    actuelle = get_language()
    # Under a script prefix (the site served below /annuaire/, say), the prefix comes first.
    script = request.path[: len(request.path) - len(request.path_info)]
    chemin = sans_prefixe(request.path_info, actuelle)
    requete = parametres_de_la_page(context, request)
    langues = []
    for code, nom in settings.LANGUAGES:
        adresse = script + dans_la_langue(chemin, code) + (f"?{requete}" if requete else "")
        langues.append(
            {
                "code": code,
                "nom": nom,
                "adresse": adresse,
                "adresse_absolue": request.build_absolute_uri(adresse),
                "actuelle": code == actuelle,
            }
        )
    return langues


@register.simple_tag
def langue_du_contenu(entree=None, champ=""):
    """` lang="fr"` on what the directory's entries say (names, descriptions, places), when
    the page is in another language: they are written in French, and a screen reader
    should read them as French. Not on a field of the entry (`champ`) that has its own
    text in the page's language: « Brussel » on a Dutch page."""
    if get_language() == settings.LANGUAGE_CODE:
        return ""
    if entree is not None and champ and texte_dans_la_langue(entree, champ):
        return ""
    return mark_safe(f' lang="{settings.LANGUAGE_CODE}"')


@register.simple_tag
def langue_de(langue):
    """` lang="nl"` on a text in another language than the page's (a name in Dutch on a
    French page)."""
    return "" if langue == get_language() else format_html(' lang="{}"', langue)


@register.simple_tag
def paragraphes(entree, champ):
    """An entry's translated text in paragraphs (|linebreaks), in the page's language, or in
    French marked as such."""
    texte = linebreaks(getattr(entree, champ), autoescape=True)
    return texte if texte_dans_la_langue(entree, champ) else en_francais(texte)


@register.filter
def en_francais(texte_html):
    """An entry's text (|linebreaks), marked as French on the Dutch and English pages."""
    if get_language() == settings.LANGUAGE_CODE:
        return texte_html
    return format_html('<div lang="{}">{}</div>', settings.LANGUAGE_CODE, texte_html)
