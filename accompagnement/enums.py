from django.db import models


class NatureDispositif(models.TextChoices):
    INCUBATION = "incubation", "incubation"
    ACCOMPAGNEMENT_CREATION = "accompagnement_creation", "accompagnement à la création"
    FINANCEMENT_PARTICIPATIF = "financement_participatif", "financement participatif"
    FINANCEMENT = "financement", "financement"
    GENERATEUR = "generateur", "générateur"
    FORMATION = "formation", "formation"
    APPEL_A_PROJETS = "appel_a_projets", "appel à projets"
    ACCUEIL = "accueil", "accueil et orientation"
    CONFERENCE = "conference", "conférence"
    FORUM = "forum", "forum"
    RENCONTRE = "rencontre", "rencontre"
    MANIFESTATION = "manifestation", "manifestation"
    OUTIL = "outil", "outil méthodologique"
    PRIX = "prix", "prix ou trophée"
    AUTRE = "autre", "autre"

    @property
    def famille(self):
        """Whether it is a programme one follows, an event one attends, or a resource."""
        for famille, natures in NATURES_PAR_FAMILLE.items():
            if self in natures:
                return famille
        return FamilleDispositif.PROGRAMME


class FamilleDispositif(models.TextChoices):
    """What the listing lets a visitor choose first: the kinds gathered in three."""

    PROGRAMME = "programme", "programmes d'accompagnement"
    EVENEMENT = "evenement", "événements"
    RESSOURCE = "ressource", "ressources (méthodes, prix)"


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
