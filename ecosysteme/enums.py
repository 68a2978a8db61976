from django.db import models


class NiveauTerritoire(models.TextChoices):
    PAYS = "pays", "pays"
    REGION = "region", "région"
    DEPARTEMENT = "departement", "département ou province"
    INTERCOMMUNALITE = "intercommunalite", "intercommunalité"
    COMMUNE = "commune", "commune"
    AUTRE = "autre", "autre territoire (ancienne région, SCoT, bassin…)"


class PrecisionDate(models.TextChoices):
    ANNEE = "annee", "à l'année"
    MOIS = "mois", "au mois"
    JOUR = "jour", "au jour"


class NatureSource(models.TextChoices):
    ARTICLE = "article", "article"
    ENTRETIEN = "entretien", "entretien"
    COMPTE_RENDU = "compte_rendu", "compte rendu d'événement"
    CANDIDATURE = "candidature", "candidature"
    SITE = "site", "site web"
    REGISTRE = "registre", "registre officiel"
    AUTRE = "autre", "autre document"


class StatutEnvoi(models.TextChoices):
    """Where a mail the site sends stands (ecosysteme.courriels)."""

    A_ENVOYER = "a_envoyer", "à envoyer"
    ENVOYE = "envoye", "envoyé"
    ECHEC = "echec", "échec"


class MotifSignalement(models.TextChoices):
    """Why a visitor reports an error on a profile (ecosysteme.contributions)."""

    N_EXISTE_PLUS = "n_existe_plus", "n'existe plus"
    ERRONEE = "erronee", "information erronée"
    DOUBLON = "doublon", "doublon"
    AUTRE = "autre", "autre"


class EtatSignalement(models.TextChoices):
    NOUVEAU = "nouveau", "nouveau"
    TRAITE = "traite", "traité"
    REJETE = "rejete", "rejeté"


class EtatProposition(models.TextChoices):
    """Where a proposed change stands (ecosysteme.contributions.propositions): it reaches the
    editors only once its author has confirmed their address."""

    A_CONFIRMER = "a_confirmer", "adresse à confirmer"
    NOUVELLE = "nouvelle", "à examiner"
    ACCEPTEE = "acceptee", "acceptée"
    REFUSEE = "refusee", "refusée"
