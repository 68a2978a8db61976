"""An Atom feed of the entries created or updated lately: organisations, people, programmes."""

import heapq

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_lazy

from accompagnement.models import Dispositif
from acteurs.models import Organisation, Personne
from ecosysteme.textes import pour_xml

NOMBRE = 50


class AtomTexte(Atom1Feed):
    """Atom whose summaries say what they are, plain text (Django declares them HTML), and
    which leaves out what XML 1.0 cannot hold, however it was stored: a stray control
    character in one profile would otherwise make the whole feed fail."""

    def add_item(self, **elements):
        super().add_item(**{nom: pour_xml(valeur) for nom, valeur in elements.items()})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class Nouveautes(Feed):
    feed_type = AtomTexte
    title = gettext_lazy("Écosystème – fiches nouvelles ou mises à jour")
    subtitle = gettext_lazy(
        "Les organisations, personnes et dispositifs de l'annuaire de l'économie sociale et "
        "solidaire créés ou mis à jour récemment."
    )
    link = "/"

    def items(self):
        # The latest of each kind, then the latest of them all.
        dernieres = [
            list(modele.objects.published().order_by("-updated_at", "-pk")[:NOMBRE])
            for modele in (Organisation, Personne, Dispositif)
        ]
        return heapq.nlargest(
            NOMBRE, (f for liste in dernieres for f in liste), key=lambda fiche: fiche.updated_at
        )

    def item_title(self, fiche):
        return gettext("%(sorte)s : %(fiche)s") % {
            "sorte": fiche._meta.verbose_name.capitalize(),
            "fiche": fiche,
        }

    def item_description(self, fiche):
        texte = getattr(fiche, "description", "") or getattr(fiche, "biographie", "")
        return Truncator(texte).words(60)

    def item_pubdate(self, fiche):
        return fiche.created_at

    def item_updateddate(self, fiche):
        return fiche.updated_at
