from django.db import models


class NatureDispositif(models.TextChoices):
    INCUBATION = "incubation", "incubation"
    ACCOMPAGNEMENT_CREATION = "accompagnement_creation", "accompagnement à la création"
    FINANCEMENT_PARTICIPATIF = "financement_participatif", "financement participatif"
    FINANCEMENT = "financement", "financement"
    GENERATEUR = "generateur", "générateur"
    FORMATION = "formation", "formation"
    RENCONTRE = "rencontre", "rencontre"
    APPEL_A_PROJETS = "appel_a_projets", "appel à projets"
    ACCUEIL = "accueil", "accueil et orientation"
    OUTIL = "outil", "outil méthodologique"
    AUTRE = "autre", "autre"
