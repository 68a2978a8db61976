"""« Intégrer à votre site »: a listing or a map, with its filters, in a light page that any
site may show in a frame (a network's own site, say), and the page that gives the code to do so.

The embedded listings are the public listings themselves (same FilterSet, same QuerySet
method, so nothing a listing hides shows here); only their frame changes.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import TooManyFieldsSent
from django.http import QueryDict
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.translation import gettext

from accompagnement.filters import DispositifFilter
from acteurs.filters import OrganisationFilter, PersonneFilter
from acteurs.models import Organisation
from ecosysteme.courriels import adresse_absolue
from ecosysteme.listes.index_facettes import index_de
from ecosysteme.models import Territoire, VersionDonnees
from ecosysteme.pages.carte import carte_du_territoire, cartes
from ecosysteme.securite import integrable

SLUG = re.compile(r"[-\w]+", re.ASCII)


@dataclass(frozen=True)
class Liste:
    """A listing that can be embedded: its FilterSet, its page, the embed's template."""

    filtres: type
    page: str  # the listing's url name
    gabarit: str

    def filtres_de(self, donnees, request=None):
        publiees = self.filtres._meta.model.objects.published()
        return self.filtres(donnees, publiees.for_annuaire(), request=request)


# The address of each embed (/integrer/<name>/) and the listing it shows.
LISTES = {
    "acteurs": Liste(OrganisationFilter, "organisation_list", "ecosysteme/integrer_acteurs.html"),
    "personnes": Liste(PersonneFilter, "personne_list", "ecosysteme/integrer_personnes.html"),
    "accompagnement": Liste(
        DispositifFilter, "dispositif_list", "ecosysteme/integrer_accompagnement.html"
    ),
}


def adresse(chemin, parametres):
    return f"{chemin}?{urlencode(parametres)}" if parametres else chemin


@integrable
def integrer_liste(request, liste):
    filtres = LISTES[liste].filtres_de(request.GET, request)
    context = {
        "filtres": filtres,
        "page": filtres.page,
        "source": adresse(reverse(LISTES[liste].page), filtres.parametres),
    }
    return render(request, LISTES[liste].gabarit, context)


def territoire_demande(valeur):
    """The territory a map is asked to show, or None (none asked, unknown, malformed)."""
    if not SLUG.fullmatch(valeur):
        return None
    return Territoire.objects.for_page().filter(slug=valeur).first()


@integrable
def integrer_carte(request):
    """The home page's maps, or, given a territory, its territory page's one."""
    territoire = territoire_demande(request.GET.get("territoire", ""))
    nom = carte_du_territoire(territoire) if territoire else None
    index = index_de(
        OrganisationFilter, Organisation.objects.published(), VersionDonnees.actuelle()
    )
    dessins = cartes(index, [nom], territoire) if nom else cartes(index)
    # An area of the map is an SVG link, which Chromium opens in the frame whatever the
    # page's <base target>: it leads to the embedded listing, which may be framed.
    liste, integree = reverse("organisation_list"), reverse("integrer_acteurs")
    for dessin in dessins:
        for zone in dessin.zones:
            if zone.url.startswith(liste):
                zone.url = integree + zone.url.removeprefix(liste)
    context = {
        "cartes": dessins,
        "territoire": territoire if nom else None,
        "source": territoire.get_absolute_url() if nom else reverse("home"),
    }
    return render(request, "ecosysteme/integrer_carte.html", context)


@dataclass
class Integration:
    """What the page « Intégrer à votre site » offers to embed."""

    nom: str  # what it shows: « SCOP en Gironde »
    adresse: str  # the embed's path and parameters
    source: str  # the page of the site it shows
    sorte: str = "liste"  # or « carte »

    @property
    def titre(self):
        """The frame's title, as a screen reader announces it."""
        return f"{self.nom} – Écosystème"

    @property
    def adresse_absolue(self):
        return adresse_absolue(self.adresse)

    @property
    def code(self):
        """The HTML to copy, as text: the template escapes it once more to show it."""
        return (
            f'<iframe src="{escape(self.adresse_absolue)}" title="{escape(self.titre)}" '
            'width="100%" height="720" loading="lazy"></iframe>'
        )


def integration_de(texte):
    """The embed of the page at `texte` (a listing or a map page of this site, with its
    parameters; only its path and query are read), or None for any other address."""
    try:
        morceaux = urlsplit(texte)
        vue = resolve(morceaux.path)
    except (ValueError, Resolver404):
        return None
    try:
        parametres = QueryDict(morceaux.query, mutable=True)
    except TooManyFieldsSent:
        return None
    parametres.pop("page", None)  # an embed starts at its first page
    for nom, liste in LISTES.items():
        if vue.url_name == liste.page:
            filtres = liste.filtres_de(parametres)
            return Integration(
                nom=filtres.titre,
                adresse=adresse(reverse(f"integrer_{nom}"), filtres.parametres),
                source=adresse(reverse(liste.page), filtres.parametres),
            )
    if vue.url_name == "home":
        return Integration(gettext("La carte des acteurs"), reverse("integrer_carte"), "/", "carte")
    if vue.url_name == "territoire_detail":
        territoire = territoire_demande(vue.kwargs["slug"])
        if territoire is not None:
            return Integration(
                gettext("%(territoire)s sur la carte") % {"territoire": territoire.nom},
                adresse(reverse("integrer_carte"), {"territoire": territoire.slug}),
                territoire.get_absolute_url(),
                "carte",
            )
    return None


def integrer(request):
    """« Intégrer à votre site »: the code of the frame showing the page at ?adresse=, with a
    preview; without a page it can embed, a choice of what to embed."""
    demandee = request.GET.get("adresse", "")
    integration = integration_de(demandee)
    choix = [
        (libelle, f"{reverse('integrer')}?{urlencode({'adresse': reverse(page)})}")
        for libelle, page in (
            (gettext("Les acteurs"), "organisation_list"),
            (gettext("Les personnes"), "personne_list"),
            (gettext("Les dispositifs d'accompagnement"), "dispositif_list"),
            (gettext("La carte des acteurs"), "home"),
        )
    ]
    context = {"integration": integration, "is_inconnue": bool(demandee), "choix": choix}
    return render(request, "ecosysteme/integrer.html", context)
