from django import template
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag(takes_context=True)
def lien_integrer(context):
    """The page « Intégrer à votre site » of the page shown: with its listing's filters as the
    listing understood them, never a parameter it set aside."""
    adresse = context["request"].path
    filtres = context.get("filtres")
    if filtres is not None and filtres.parametres:
        adresse += f"?{urlencode(filtres.parametres)}"
    return f"{reverse('integrer')}?{urlencode({'adresse': adresse})}"
