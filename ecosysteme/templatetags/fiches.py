"""Display helpers for the public pages, so that templates only branch and loop."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from acteurs.models import IDENTIFIANTS
from ecosysteme import textes

register = template.Library()


@register.filter
def actuelles(fonctions):
    """The roles still held (no end date), from a prefetched list."""
    return [fonction for fonction in fonctions if fonction.est_actuelle]


@register.filter
def passees(fonctions):
    return [fonction for fonction in fonctions if not fonction.est_actuelle]


@register.simple_tag
def identifiants(organisation):
    """(label, number) for each official identifier the organisation has."""
    champs = [organisation._meta.get_field(nom) for nom in IDENTIFIANTS]
    return [
        (champ.verbose_name, getattr(organisation, champ.name))
        for champ in champs
        if getattr(organisation, champ.name)
    ]


# A stored address becomes a link only if it is http(s), whatever stored it.
register.filter("lien_sur", textes.lien_sur)


@register.filter
def lignes(texte):
    """The non-empty lines of a text, e.g. the stages of a programme, one per line."""
    return [ligne.strip() for ligne in texte.splitlines() if ligne.strip()]


@register.filter
def courriel_protege(adresse):
    """A mailto link whose address is written only as HTML character references.

    Browsers show and follow it as usual; harvesting robots that read the raw HTML for
    addresses do not find it. Every character is encoded, so nothing of it is left unescaped.
    """
    entites = "".join(f"&#{ord(caractere)};" for caractere in adresse)
    return mark_safe(f'<a href="mailto:{entites}">{entites}</a>')


@register.simple_tag
def coordonnees(personne):
    """(label, value) for each contact detail shown: none unless an editor published them."""
    if not personne.contact_is_published:
        return []
    details = []
    if personne.email:
        details.append((_("Adresse électronique"), courriel_protege(personne.email)))
    if personne.telephone:
        details.append((_("Téléphone"), personne.telephone))
    return details
