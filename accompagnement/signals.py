"""Keeps the programmes' search documents and the listings' indexes in step with every write
(see acteurs.signals, which invalidates the indexes for the organisations, the themes and the
territories)."""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from acteurs.models import Organisation
from ecosysteme.fraicheur import is_verification
from ecosysteme.listes.index_facettes import donnees_modifiees
from ecosysteme.models import Territoire, Thematique

from .models import Dispositif
from .recherche import indexer_dispositifs


@receiver(post_save, sender=Dispositif)
def dispositif_enregistre(sender, instance, update_fields=None, **kwargs):
    if is_verification(update_fields):  # nothing found or listed has changed
        return
    indexer_dispositifs(pks=[instance.pk])


def liens_dispositif_modifies(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        indexer_dispositifs(pks=[instance.pk])
    elif pk_set:
        indexer_dispositifs(pks=pk_set)
    else:  # an organisation, a theme or a territory cleared of all its programmes
        donnees_modifiees()


for champ in ("porteurs", "partenaires", "territoires", "thematiques"):
    m2m_changed.connect(
        liens_dispositif_modifies,
        sender=getattr(Dispositif, champ).through,
        dispatch_uid=f"indexer_dispositif_{champ}",
    )


@receiver(post_save, sender=Organisation)
def organisation_renommee(sender, instance, created, **kwargs):
    if not created:
        dispositifs = Dispositif.objects.filter(Q(porteurs=instance) | Q(partenaires=instance))
        indexer_dispositifs(pks=dispositifs.values("pk"))


@receiver(post_save, sender=Thematique)
def thematique_renommee(sender, instance, created, **kwargs):
    if not created:
        indexer_dispositifs(pks=instance.dispositifs.values("pk"))


@receiver(post_save, sender=Territoire)
def territoire_renomme(sender, instance, created, **kwargs):
    if not created:
        territoires = Territoire.objects.with_descendants(instance)
        indexer_dispositifs(pks=Dispositif.objects.filter(territoires__in=territoires).values("pk"))


@receiver(post_delete, sender=Dispositif)
def dispositif_supprime(sender, instance, **kwargs):
    donnees_modifiees(modele=Dispositif, cles=[instance.pk])
