"""sitemap.xml: every public page, for search engines, in sections of at most 50,000 addresses."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from accompagnement.models import Dispositif
from acteurs.models import Organisation, Personne
from ecosysteme.models import Territoire, Thematique


class PagesSitemap(Sitemap):
    """The home page, the listings and the legal pages."""

    def items(self):
        listes = ["home", "organisation_list", "personne_list", "dispositif_list"]
        return [*listes, "donnees_ouvertes", "mentions_legales", "donnees_personnelles"]

    def location(self, item):
        return reverse(item)


class FichesSitemap(Sitemap):
    """The published profiles of a model, with the date of their last update."""

    # Fewer than the protocol's 50,000 a page: a page of 50,000 profiles takes seconds to
    # write, one of 10,000 a fraction of that, however large the directory.
    limit = 10_000

    def __init__(self, modele):
        self.modele = modele

    def items(self):
        # Only what an address and its date need, in a stable order for the sections' pages.
        return self.modele.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, fiche):
        return fiche.updated_at

    def get_latest_lastmod(self):
        # For the index: one aggregate, where Django's default reads every profile.
        return self.items().aggregate(Max("updated_at"))["updated_at__max"]


class ReferentielSitemap(Sitemap):
    """Territories and themes: a page each."""

    def __init__(self, modele):
        self.modele = modele

    def items(self):
        return self.modele.objects.only("slug").order_by("pk")


SITEMAPS = {
    "pages": PagesSitemap,
    "acteurs": FichesSitemap(Organisation),
    "personnes": FichesSitemap(Personne),
    "accompagnement": FichesSitemap(Dispositif),
    "territoires": ReferentielSitemap(Territoire),
    "thematiques": ReferentielSitemap(Thematique),
}
