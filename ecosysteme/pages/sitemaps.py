"""sitemap.xml: every public page, for search engines, in sections of at most 50,000 addresses.

Each language has its index (/sitemap.xml, /nl/sitemap.xml, /en/sitemap.xml) and its sections
(`acteurs`, `acteurs-nl`, `acteurs-en`): the same pages at their French, Dutch and English
addresses. Django's own per-language sitemaps
(`Sitemap.i18n`) build the list of every entry in every language to cut one page of it,
which at a million organisations is seconds a page; a section per language pages its
queryset as the French one does. Each page names its other languages itself (hreflang).
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import translation

from accompagnement.models import Dispositif
from acteurs.models import Organisation, Personne
from ecosysteme.models import Territoire, Thematique


class EnLangue:
    """The addresses of a section in one language."""

    def __init__(self, *args, langue=settings.LANGUAGE_CODE, **kwargs):
        super().__init__(*args, **kwargs)
        self.langue = langue

    def location(self, item):
        with translation.override(self.langue):
            return self.adresse(item)

    def adresse(self, item):
        return item.get_absolute_url()


class PagesSitemap(EnLangue, Sitemap):
    """The home page, the listings and the legal pages."""

    def items(self):
        listes = ["home", "organisation_list", "personne_list", "dispositif_list"]
        return [*listes, "donnees_ouvertes", "mentions_legales", "donnees_personnelles"]

    def adresse(self, item):
        return reverse(item)


class FichesSitemap(EnLangue, Sitemap):
    """The published profiles of a model, with the date of their last update."""

    # Fewer than the protocol's 50,000 a page: a page of 50,000 profiles takes seconds to
    # write, one of 10,000 a fraction of that, however large the directory.
    limit = 10_000

    def __init__(self, modele, **kwargs):
        super().__init__(**kwargs)
        self.modele = modele

    def items(self):
        # Only what an address and its date need, in a stable order for the sections' pages.
        return self.modele.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, fiche):
        return fiche.updated_at

    def get_latest_lastmod(self):
        # For the index: one aggregate, where Django's default reads every profile.
        return self.items().aggregate(Max("updated_at"))["updated_at__max"]


class ReferentielSitemap(EnLangue, Sitemap):
    """Territories and themes: a page each."""

    def __init__(self, modele, **kwargs):
        super().__init__(**kwargs)
        self.modele = modele

    def items(self):
        return self.modele.objects.only("slug").order_by("pk")


SECTIONS = {
    "pages": lambda langue: PagesSitemap(langue=langue),
    "acteurs": lambda langue: FichesSitemap(Organisation, langue=langue),
    "personnes": lambda langue: FichesSitemap(Personne, langue=langue),
    "accompagnement": lambda langue: FichesSitemap(Dispositif, langue=langue),
    "territoires": lambda langue: ReferentielSitemap(Territoire, langue=langue),
    "thematiques": lambda langue: ReferentielSitemap(Thematique, langue=langue),
}
# The sections of each language's index (/sitemap.xml, /nl/sitemap.xml, /en/sitemap.xml).
SITEMAPS_PAR_LANGUE = {
    langue: {
        nom if langue == settings.LANGUAGE_CODE else f"{nom}-{langue}": section(langue)
        for nom, section in SECTIONS.items()
    }
    for langue, _ in settings.LANGUAGES
}
SITEMAPS = SITEMAPS_PAR_LANGUE[settings.LANGUAGE_CODE]
# Every section, as /sitemap-<section>.xml serves it.
TOUTES_LES_SECTIONS = {
    nom: section for sections in SITEMAPS_PAR_LANGUE.values() for nom, section in sections.items()
}
