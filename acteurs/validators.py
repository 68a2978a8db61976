"""Checks of the official identifiers an organisation may have (none is ever required).

The check digits are python-stdnum's (La Poste's SIRETs, which follow a digit-sum rule instead of
Luhn's, included); the format checks stay here and strict, because the stored value is the bare
one: stdnum would also accept spaces, dots or a « BE » prefix.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.be import vat as numero_entreprise_belge
from stdnum.exceptions import ValidationError as ErreurStdnum
from stdnum.fr import siren, siret


def is_valid_number(module, valeur):
    try:
        module.validate(valeur)
    except ErreurStdnum:
        return False
    return True


def validate_siren(valeur):
    if not re.fullmatch(r"[0-9]{9}", valeur):
        raise ValidationError(_("Le SIREN compte 9 chiffres, sans espace."), code="siren_format")
    if not is_valid_number(siren, valeur):
        raise ValidationError(
            _("Ce SIREN n'est pas valide (clé de contrôle erronée)."), code="siren_cle"
        )


def validate_siret(valeur):
    if not re.fullmatch(r"[0-9]{14}", valeur):
        raise ValidationError(_("Le SIRET compte 14 chiffres, sans espace."), code="siret_format")
    if not is_valid_number(siret, valeur):
        raise ValidationError(
            _("Ce SIRET n'est pas valide (clé de contrôle erronée)."), code="siret_cle"
        )


def validate_rna(valeur):
    # The RNA number (« numéro waldec ») is W followed by nine characters; it carries no check
    # digit, so its documented pattern is all there is to check.
    if not re.fullmatch(r"W[0-9A-Z]{9}", valeur):
        raise ValidationError(
            _("Le numéro RNA commence par W suivi de 9 caractères (chiffres ou majuscules)."),
            code="rna_format",
        )


def validate_bce(valeur):
    if not re.fullmatch(r"[01][0-9]{9}", valeur):
        raise ValidationError(
            _(
                "Le numéro d'entreprise BCE compte 10 chiffres et commence par 0 ou 1, "
                "sans point ni espace."
            ),
            code="bce_format",
        )
    # stdnum.be.vat is the Belgian enterprise number (ondernemingsnummer), VAT or not.
    if not is_valid_number(numero_entreprise_belge, valeur):
        raise ValidationError(
            _("Ce numéro BCE n'est pas valide (clé modulo 97 erronée)."), code="bce_cle"
        )


def validate_code_postal(valeur):
    # Five digits in France, four in Belgium.
    if not re.fullmatch(r"[0-9]{4,5}", valeur):
        raise ValidationError(
            _("Un code postal compte 5 chiffres (France) ou 4 chiffres (Belgique)."),
            code="code_postal_format",
        )
