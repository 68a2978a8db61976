"""Keeps fixtures out of the entries' history.

simple-history skips the raw saves of loaddata, but not the links (types, territories,
sources) that loaddata sets next on the same object: marked here, they are skipped too, so
that the history holds only what editors and services changed.
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver


@receiver(pre_save, dispatch_uid="fixtures_sans_historique")
def chargement_sans_historique(sender, instance, raw, **kwargs):
    if raw:
        instance.skip_history_when_saving = True
