from django.db import models
from django.utils.translation import gettext_lazy as _


class NiveauTerritoire(models.TextChoices):
    PAYS = "pays", _("pays")
    REGION = "region", _("région")
    DEPARTEMENT = "departement", _("département ou province")
    INTERCOMMUNALITE = "intercommunalite", _("intercommunalité")
    COMMUNE = "commune", _("commune")
    AUTRE = "autre", _("autre territoire (ancienne région, SCoT, bassin…)")


class PrecisionDate(models.TextChoices):
    ANNEE = "annee", _("à l'année")
    MOIS = "mois", _("au mois")
    JOUR = "jour", _("au jour")


class NatureSource(models.TextChoices):
    ARTICLE = "article", _("article")
    ENTRETIEN = "entretien", _("entretien")
    COMPTE_RENDU = "compte_rendu", _("compte rendu d'événement")
    CANDIDATURE = "candidature", _("candidature")
    SITE = "site", _("site web")
    IMPORT = "import", _("import d'un tableur")
    REGISTRE = "registre", _("registre officiel")
    AUTRE = "autre", _("autre document")


class StatutEnvoi(models.TextChoices):
    """Where a mail the site sends stands (ecosysteme.courriels)."""

    A_ENVOYER = "a_envoyer", _("à envoyer")
    ENVOYE = "envoye", _("envoyé")
    ECHEC = "echec", _("échec")


class MotifSignalement(models.TextChoices):
    """Why a visitor reports an error on a profile (ecosysteme.contributions)."""

    N_EXISTE_PLUS = "n_existe_plus", _("n'existe plus")
    ERRONEE = "erronee", _("information erronée")
    DOUBLON = "doublon", _("doublon")
    AUTRE = "autre", _("autre")


class EtatSignalement(models.TextChoices):
    NOUVEAU = "nouveau", _("nouveau")
    TRAITE = "traite", _("traité")
    REJETE = "rejete", _("rejeté")


class EtatProposition(models.TextChoices):
    """Where a proposed change stands (ecosysteme.contributions.propositions): it reaches the
    editors only once its author has confirmed their address."""

    A_CONFIRMER = "a_confirmer", _("adresse à confirmer")
    NOUVELLE = "nouvelle", _("à examiner")
    ACCEPTEE = "acceptee", _("acceptée")
    REFUSEE = "refusee", _("refusée")
