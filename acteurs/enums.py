from django.db import models


class FormeJuridique(models.TextChoices):
    ASSOCIATION = "association", "association"
    ASBL = "asbl", "ASBL"
    SCOP = "scop", "SCOP"
    SCIC = "scic", "SCIC"
    COOPERATIVE = "cooperative", "autre société coopérative"
    MUTUELLE = "mutuelle", "mutuelle"
    FONDATION = "fondation", "fondation"
    COLLECTIVITE = "collectivite", "collectivité"
    ORGANISME_PUBLIC = "organisme_public", "organisme public"
    SA = "sa", "SA"
    SARL = "sarl", "SARL"
    SAS = "sas", "SAS"
    NON_CONSTITUEE = "non_constituee", "non constituée"
    AUTRE = "autre", "autre"


# What a legal form means, in full words: an organisation is found by them too, so that
# « coopérative » finds a SCOP, and « association » an ASBL (acteurs.recherche).
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
    DIRECTION = "direction", "direction"
    GOUVERNANCE = "gouvernance", "gouvernance (présidence, conseil d'administration)"
    SALARIE = "salarie", "salarié ou salariée"
    FONDATION = "fondation", "fondation"
    MEMBRE = "membre", "membre ou adhérent"
    ELU = "elu", "mandat électif"
    AUTRE = "autre", "autre"


class TypeRelation(models.TextChoices):
    """Relation types; the label reads from the source organisation to the target."""

    MEMBRE = "membre", "membre de"
    PARTENAIRE = "partenaire", "partenaire de"
    FUSION = "fusion", "issue de la fusion de"
    FONDATION = "fondation", "fondée par"
    MUTUALISATION = "mutualisation", "mutualise des services avec"
    ACCOMPAGNEMENT = "accompagnement", "accompagne"
    FINANCEMENT = "financement", "finance"
    PILOTAGE = "pilotage", "pilote"
    HEBERGEMENT = "hebergement", "héberge"
    COORDINATION = "coordination", "coordonne"
    SOUTIEN = "soutien", "soutient"
    ANTENNE = "antenne", "antenne de"


# Headings of a relation group on a profile: (seen from the source, seen from the target).
# "Membre de : GRAIS" on the Pôle's page, "Membres : Pôle d'économie solidaire…" on GRAIS's.
INTITULES_RELATION = {
    TypeRelation.MEMBRE: ("Membre de", "Membres"),
    TypeRelation.PARTENAIRE: ("Partenaires", "Partenaires"),
    TypeRelation.FUSION: ("Issue de la fusion de", "A fusionné pour former"),
    TypeRelation.FONDATION: ("Fondée par", "A fondé"),
    TypeRelation.MUTUALISATION: ("Mutualise des services avec", "Mutualise des services avec"),
    TypeRelation.ACCOMPAGNEMENT: ("Accompagne", "Accompagnée par"),
    TypeRelation.FINANCEMENT: ("Finance", "Financée par"),
    TypeRelation.PILOTAGE: ("Pilote", "Pilotée par"),
    TypeRelation.HEBERGEMENT: ("Héberge", "Hébergée par"),
    TypeRelation.COORDINATION: ("Coordonne", "Coordonnée par"),
    TypeRelation.SOUTIEN: ("Soutient", "Soutenue par"),
    TypeRelation.ANTENNE: ("Antenne de", "Antennes"),
}

RELATIONS_SYMETRIQUES = {TypeRelation.PARTENAIRE, TypeRelation.MUTUALISATION}


class NatureBesoin(models.TextChoices):
    DEVIS = "devis", "demande de devis"
    PARTENAIRE = "partenaire", "recherche de partenaire"
    APPEL_A_PROJETS = "appel_a_projets", "appel à projets"
    ACCOMPAGNEMENT = "accompagnement", "besoin d'accompagnement"


class TrancheBudget(models.TextChoices):
    MOINS_5000 = "moins_5000", "moins de 5 000 €"
    DE_5000_A_20000 = "5000_20000", "de 5 000 à 20 000 €"
    DE_20000_A_50000 = "20000_50000", "de 20 000 à 50 000 €"
    DE_50000_A_200000 = "50000_200000", "de 50 000 à 200 000 €"
    PLUS_200000 = "plus_200000", "plus de 200 000 €"


class EtatBesoin(models.TextChoices):
    A_VALIDER = "a_valider", "à valider"
    ENVOYE = "envoye", "envoyée"
    CLOS = "clos", "close"


class EtatGestionnaire(models.TextChoices):
    """Where a request to manage an organisation's profile stands."""

    A_CONFIRMER = "a_confirmer", "adresse à confirmer"
    A_APPROUVER = "a_approuver", "à approuver"
    APPROUVE = "approuve", "approuvé"
    REFUSE = "refuse", "refusé"


class SorteAvis(models.TextChoices):
    """What a mail to a manager, or to a person asking to become one, says."""

    CONFIRMATION = "confirmation", "confirmation de l'adresse"
    CONNEXION = "connexion", "lien de connexion"
    DEMANDE = "demande", "nouvelle demande à approuver"
    RELANCE = "relance", "relance d'une demande à approuver"
    APPROUVEE = "approuvee", "demande approuvée"
    REFUSEE = "refusee", "demande refusée"
    SIGNALEMENT = "signalement", "signalement sur la fiche"
    A_VERIFIER = "a_verifier", "fiche à vérifier"
