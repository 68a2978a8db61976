"""Freshness: an editor confirms that a profile is still true (« Toujours à jour »).

A verification is recorded apart from the profile's content: it sets when and by whom, leaves
« Mis à jour le » (updated_at, the last change of content) as it was, and is a version of its
own in the history, with its reason. Organisations, people and programmes alike (Publiable).
"""

from django.apps import apps
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_noop

from .models import Publiable

# What a verification writes: a save of these fields only is not a change of content.
CHAMPS_VERIFICATION = frozenset({"verified_at", "verified_by"})
# Kept in French in the history, as every reason there; marked, to be translated where shown.
RAISON_VERIFICATION = gettext_noop("Informations vérifiées : toujours à jour")


def is_verification(update_fields):
    """Whether a save (its post_save `update_fields`) only recorded a verification."""
    return bool(update_fields) and set(update_fields) <= CHAMPS_VERIFICATION


def confirmer(fiches, *, par, maintenant=None):
    """Records that these profiles were verified now by `par` (a user, or None); returns how
    many. One save each, so that each has its version in the history, with who and why."""
    maintenant = maintenant or timezone.now()
    nombre = 0
    with transaction.atomic():
        for fiche in fiches:
            fiche.verified_at, fiche.verified_by = maintenant, par
            fiche._change_reason = RAISON_VERIFICATION
            fiche._history_user = par
            # update_fields: updated_at (auto_now) is neither computed nor written.
            fiche.save(update_fields=sorted(CHAMPS_VERIFICATION))
            nombre += 1
    return nombre


def modeles_publiables():
    """The models of the public profiles (organisations, people, programmes), in the order of
    the apps: whatever app declares them, without importing it."""
    return [modele for modele in apps.get_models() if issubclass(modele, Publiable)]


def fiches_a_verifier(maintenant=None):
    """[(model, its published profiles due for verification)], the never verified first, then
    the longest ago."""
    return [
        (
            modele,
            modele.objects.published()
            .due_for_verification(maintenant)
            .order_by(F("verified_at").asc(nulls_first=True), *modele._meta.ordering, "pk"),
        )
        for modele in modeles_publiables()
    ]
