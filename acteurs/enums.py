from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FormeJuridique(models.TextChoices):
    ASSOCIATION = "association", _("association")
    ASBL = "asbl", _("ASBL")
    SCOP = "scop", _("SCOP")
    SCIC = "scic", _("SCIC")
    COOPERATIVE = "cooperative", _("autre société coopérative")
    MUTUELLE = "mutuelle", _("mutuelle")
    FONDATION = "fondation", _("fondation")
    COLLECTIVITE = "collectivite", _("collectivité")
    ORGANISME_PUBLIC = "organisme_public", _("organisme public")
    SA = "sa", _("SA")
    SARL = "sarl", _("SARL")
    SAS = "sas", _("SAS")
    NON_CONSTITUEE = "non_constituee", _("non constituée")
    AUTRE = "autre", _("autre")


# What a legal form means, in full words: an organisation is found by them too, so that
# « coopérative » finds a SCOP, and « association » an ASBL (acteurs.recherche). Indexed words,
# in French whatever the page's language: not translated.
SENS_FORME_JURIDIQUE = {
    FormeJuridique.ASSOCIATION: "association loi 1901",
    FormeJuridique.ASBL: "association sans but lucratif",
    FormeJuridique.SCOP: "société coopérative et participative, société coopérative de production",
    FormeJuridique.SCIC: "société coopérative d'intérêt collectif",
    FormeJuridique.COLLECTIVITE: "collectivité territoriale",
    FormeJuridique.ORGANISME_PUBLIC: "établissement public",
    FormeJuridique.SA: "société anonyme",
    FormeJuridique.SARL: "société à responsabilité limitée",
    FormeJuridique.SAS: "société par actions simplifiée",
}

# The same for the kinds of activity (TypeActivite, by slug) that go by their acronym.
SENS_TYPE_ACTIVITE = {
    "cae": "coopérative d'activité et d'emploi",
    "ptce": "pôle territorial de coopération économique",
}


class CategorieFonction(models.TextChoices):
    DIRECTION = "direction", _("direction")
    GOUVERNANCE = "gouvernance", _("gouvernance (présidence, conseil d'administration)")
    SALARIE = "salarie", _("salarié ou salariée")
    FONDATION = "fondation", pgettext_lazy("fonction", "fondation")
    MEMBRE = "membre", _("membre ou adhérent")
    ELU = "elu", _("mandat électif")
    AUTRE = "autre", _("autre")


class TypeRelation(models.TextChoices):
    """Relation types; the label reads from the source organisation to the target."""

    MEMBRE = "membre", _("membre de")
    PARTENAIRE = "partenaire", _("partenaire de")
    FUSION = "fusion", _("issue de la fusion de")
    FONDATION = "fondation", _("fondée par")
    MUTUALISATION = "mutualisation", _("mutualise des services avec")
    ACCOMPAGNEMENT = "accompagnement", _("accompagne")
    FINANCEMENT = "financement", pgettext_lazy("relation", "finance")
    PILOTAGE = "pilotage", pgettext_lazy("relation", "pilote")
    HEBERGEMENT = "hebergement", _("héberge")
    COORDINATION = "coordination", _("coordonne")
    SOUTIEN = "soutien", _("soutient")
    ANTENNE = "antenne", _("antenne de")


# Headings of a relation group on a profile: (seen from the source, seen from the target).
# "Membre de : GRAIS" on the Pôle's page, "Membres : Pôle d'économie solidaire…" on GRAIS's.
INTITULES_RELATION = {
    TypeRelation.MEMBRE: (_("Membre de"), _("Membres")),
    TypeRelation.PARTENAIRE: (_("Partenaires"), _("Partenaires")),
    TypeRelation.FUSION: (_("Issue de la fusion de"), _("A fusionné pour former")),
    TypeRelation.FONDATION: (_("Fondée par"), _("A fondé")),
    TypeRelation.MUTUALISATION: (
        _("Mutualise des services avec"),
        _("Mutualise des services avec"),
    ),
    TypeRelation.ACCOMPAGNEMENT: (_("Accompagne"), _("Accompagnée par")),
    TypeRelation.FINANCEMENT: (pgettext_lazy("relation", "Finance"), _("Financée par")),
    TypeRelation.PILOTAGE: (pgettext_lazy("relation", "Pilote"), _("Pilotée par")),
    TypeRelation.HEBERGEMENT: (_("Héberge"), _("Hébergée par")),
    TypeRelation.COORDINATION: (_("Coordonne"), _("Coordonnée par")),
    TypeRelation.SOUTIEN: (_("Soutient"), _("Soutenue par")),
    TypeRelation.ANTENNE: (_("Antenne de"), _("Antennes")),
}

RELATIONS_SYMETRIQUES = {TypeRelation.PARTENAIRE, TypeRelation.MUTUALISATION}


class NatureBesoin(models.TextChoices):
    DEVIS = "devis", _("demande de devis")
    PARTENAIRE = "partenaire", _("recherche de partenaire")
    APPEL_A_PROJETS = "appel_a_projets", _("appel à projets")
    ACCOMPAGNEMENT = "accompagnement", _("besoin d'accompagnement")


class TrancheBudget(models.TextChoices):
    MOINS_5000 = "moins_5000", _("moins de 5 000 €")
    DE_5000_A_20000 = "5000_20000", _("de 5 000 à 20 000 €")
    DE_20000_A_50000 = "20000_50000", _("de 20 000 à 50 000 €")
    DE_50000_A_200000 = "50000_200000", _("de 50 000 à 200 000 €")
    PLUS_200000 = "plus_200000", _("plus de 200 000 €")


class EtatBesoin(models.TextChoices):
    A_VALIDER = "a_valider", _("à valider")
    ENVOYE = "envoye", _("envoyée")
    CLOS = "clos", _("close")


class EtatGestionnaire(models.TextChoices):
    """Where a request to manage an organisation's profile stands."""

    A_CONFIRMER = "a_confirmer", _("adresse à confirmer")
    A_APPROUVER = "a_approuver", _("à approuver")
    APPROUVE = "approuve", _("approuvé")
    REFUSE = "refuse", _("refusé")


class SorteAvis(models.TextChoices):
    """What a mail to a manager, or to a person asking to become one, says."""

    CONFIRMATION = "confirmation", _("confirmation de l'adresse")
    CONNEXION = "connexion", _("lien de connexion")
    DEMANDE = "demande", _("nouvelle demande à approuver")
    RELANCE = "relance", _("relance d'une demande à approuver")
    APPROUVEE = "approuvee", _("demande approuvée")
    REFUSEE = "refusee", _("demande refusée")
    SIGNALEMENT = "signalement", _("signalement sur la fiche")
    A_VERIFIER = "a_verifier", _("fiche à vérifier")
