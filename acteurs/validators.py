"""Checks of the official identifiers an organisation may have (none is ever required)."""

import re

from django.core.exceptions import ValidationError

# La Poste's establishments share one SIREN; their SIRET may follow a digit-sum rule instead of
# Luhn's.
SIREN_LA_POSTE = "356000000"


def luhn_valide(chiffres):
    total = 0
    for position, caractere in enumerate(reversed(chiffres)):
        valeur = int(caractere)
        if position % 2 == 1:
            valeur *= 2
            if valeur > 9:
                valeur -= 9
        total += valeur
    return total % 10 == 0


def validate_siren(valeur):
    if not re.fullmatch(r"\d{9}", valeur):
        raise ValidationError("Le SIREN compte 9 chiffres, sans espace.", code="siren_format")
    if not luhn_valide(valeur):
        raise ValidationError(
            "Ce SIREN n'est pas valide (clé de contrôle erronée).", code="siren_cle"
        )


def validate_siret(valeur):
    if not re.fullmatch(r"\d{14}", valeur):
        raise ValidationError("Le SIRET compte 14 chiffres, sans espace.", code="siret_format")
    la_poste = valeur.startswith(SIREN_LA_POSTE) and sum(int(c) for c in valeur) % 5 == 0
    if not (luhn_valide(valeur) or la_poste):
        raise ValidationError(
            "Ce SIRET n'est pas valide (clé de contrôle erronée).", code="siret_cle"
        )


def validate_rna(valeur):
    if not re.fullmatch(r"W[0-9A-Z]{9}", valeur):
        raise ValidationError(
            "Le numéro RNA commence par W suivi de 9 caractères (chiffres ou majuscules).",
            code="rna_format",
        )


def validate_bce(valeur):
    if not re.fullmatch(r"[01]\d{9}", valeur):
        raise ValidationError(
            "Le numéro d'entreprise BCE compte 10 chiffres et commence par 0 ou 1, "
            "sans point ni espace.",
            code="bce_format",
        )
    if 97 - int(valeur[:8]) % 97 != int(valeur[8:]):
        raise ValidationError(
            "Ce numéro BCE n'est pas valide (clé modulo 97 erronée).", code="bce_cle"
        )


def validate_code_postal(valeur):
    # Five digits in France, four in Belgium.
    if not re.fullmatch(r"\d{4,5}", valeur):
        raise ValidationError(
            "Un code postal compte 5 chiffres (France) ou 4 chiffres (Belgique).",
            code="code_postal_format",
        )
