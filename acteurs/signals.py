"""Keeps the search documents and the listings' indexes in step with every write.

loaddata saves with raw=True and never calls save(), so signals are the one hook that sees
admin edits, fixtures and imports alike. Each handler only delegates: to the indexers, and to
ecosysteme.listes.index_facettes.donnees_modifiees(), the one invalidation of the listings'
indexes (once per transaction, however many handlers call it).
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from ecosysteme.fraicheur import is_verification
from ecosysteme.listes.index_facettes import donnees_modifiees
from ecosysteme.models import Territoire, Thematique

from .anonymisation import garder_version_anterieure
from .models import Fonction, Organisation, Personne, Relation, TypeActivite
from .recherche import indexer_organisations, indexer_personnes


@receiver(post_save, sender=Organisation)
def organisation_enregistree(sender, instance, update_fields=None, **kwargs):
    if is_verification(update_fields):  # nothing found or listed has changed
        return
    indexer_organisations(pks=[instance.pk])
    # People are found by the names of their organisations.
    indexer_personnes(pks=instance.fonctions.values("personne_id"))


@receiver(pre_save, sender=Personne)
def personne_a_enregistrer(sender, instance, raw, **kwargs):
    if not raw and not instance._state.adding:
        garder_version_anterieure(instance)


@receiver(post_save, sender=Personne)
def personne_enregistree(sender, instance, update_fields=None, **kwargs):
    if is_verification(update_fields):  # nothing found or listed has changed
        return
    indexer_personnes(pks=[instance.pk])
    # Organisations are found by the names of their (published) people.
    indexer_organisations(pks=instance.fonctions.values("organisation_id"))


@receiver(post_save, sender=Fonction)
@receiver(post_delete, sender=Fonction)
def fonction_modifiee(sender, instance, **kwargs):
    indexer_organisations(pks=[instance.organisation_id])
    indexer_personnes(pks=[instance.personne_id])


def liens_organisation_modifies(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        organisations = [instance.pk]
    elif pk_set:
        organisations = list(pk_set)
    else:  # a label cleared of all its organisations: which ones, nobody said
        donnees_modifiees()
        return
    indexer_organisations(pks=organisations)
    # People are listed by the themes of their organisations.
    fonctions = Fonction.objects.filter(organisation__in=organisations)
    donnees_modifiees(modele=Personne, cles=fonctions.values_list("personne", flat=True))


for champ in ("types", "territoires_action", "thematiques"):
    m2m_changed.connect(
        liens_organisation_modifies,
        sender=getattr(Organisation, champ).through,
        dispatch_uid=f"indexer_organisation_{champ}",
    )


@receiver(post_save, sender=TypeActivite)
@receiver(post_save, sender=Thematique)
def libelle_renomme(sender, instance, created, **kwargs):
    # A new label holds no entry yet; the listings read their options' names each time.
    if not created:
        indexer_organisations(pks=instance.organisations.values("pk"))


@receiver(post_save, sender=Territoire)
def territoire_renomme(sender, instance, created, **kwargs):
    # Even a new one, where nothing lies yet: the maps' areas are kept with the index.
    donnees_modifiees()
    if created:
        return
    territoires = Territoire.objects.with_descendants(instance)
    organisations = Organisation.objects.filter(
        Q(siege__in=territoires) | Q(territoires_action__in=territoires)
    )
    indexer_organisations(pks=organisations.values("pk"))


@receiver(post_save, sender=Relation)
@receiver(post_delete, sender=Relation)
def relation_modifiee(sender, instance, **kwargs):
    # The organisations ranked by their relations (acteurs.graphe), and what the profiles of
    # the most linked show of theirs (acteurs.liens), are kept with the facets.
    donnees_modifiees(modele=Relation, cles=[instance.pk])


@receiver(post_delete, sender=Organisation)
@receiver(post_delete, sender=Personne)
def fiche_supprimee(sender, instance, **kwargs):
    donnees_modifiees(modele=sender, cles=[instance.pk])


@receiver(post_delete, sender=TypeActivite)
@receiver(post_delete, sender=Thematique)
@receiver(post_delete, sender=Territoire)
def entree_supprimee(sender, instance, **kwargs):
    donnees_modifiees()
