from django.db import models
from django.utils.translation import gettext_lazy as _


class NatureDispositif(models.TextChoices):
    INCUBATION = "incubation", _("incubation")
    ACCOMPAGNEMENT_CREATION = "accompagnement_creation", _("accompagnement à la création")
    FINANCEMENT_PARTICIPATIF = "financement_participatif", _("financement participatif")
    FINANCEMENT = "financement", _("financement")
    GENERATEUR = "generateur", _("générateur")
    FORMATION = "formation", _("formation")
    APPEL_A_PROJETS = "appel_a_projets", _("appel à projets")
    ACCUEIL = "accueil", _("accueil et orientation")
    CONFERENCE = "conference", _("conférence")
    FORUM = "forum", _("forum")
    RENCONTRE = "rencontre", _("rencontre")
    MANIFESTATION = "manifestation", _("manifestation")
    OUTIL = "outil", _("outil méthodologique")
    PRIX = "prix", _("prix ou trophée")
    AUTRE = "autre", _("autre")

    @property
    def famille(self):
        """Whether it is a programme one follows, an event one attends, or a resource."""
        for famille, natures in NATURES_PAR_FAMILLE.items():
            if self in natures:
                return famille
        return FamilleDispositif.PROGRAMME


class FamilleDispositif(models.TextChoices):
    """What the listing lets a visitor choose first: the kinds gathered in three."""

    PROGRAMME = "programme", _("programmes d'accompagnement")
    EVENEMENT = "evenement", _("événements")
    RESSOURCE = "ressource", _("ressources (méthodes, prix)")


# Every kind not named here is a programme.
NATURES_PAR_FAMILLE = {
    FamilleDispositif.EVENEMENT: frozenset(
        {
            NatureDispositif.CONFERENCE,
            NatureDispositif.FORUM,
            NatureDispositif.RENCONTRE,
            NatureDispositif.MANIFESTATION,
        }
    ),
    FamilleDispositif.RESSOURCE: frozenset({NatureDispositif.OUTIL, NatureDispositif.PRIX}),
}


def natures_de(famille):
    """The kinds gathered in this family."""
    return [nature for nature in NatureDispositif if nature.famille == famille]
