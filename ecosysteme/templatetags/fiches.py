"""Display helpers for the public pages, so that templates only branch and loop."""

from dataclasses import dataclass, field

from django import template
from django.utils.safestring import mark_safe

from acteurs.enums import TypeRelation

register = template.Library()

IDENTIFIANTS = ["siren", "siret", "rna", "bce"]
SORTANTE, ENTRANTE = 0, 1  # the two ends of a relation, in the order their groups are shown


@dataclass
class GroupeLiens:
    """Related organisations under one heading, e.g. « Membre de », each with its relation."""

    intitule: str
    liens: list = field(default_factory=list)

    def ajouter(self, organisation, relation):
        # Partners recorded both ways (A→B and B→A) are listed once.
        if all(lien[0].pk != organisation.pk for lien in self.liens):
            self.liens.append((organisation, relation))


@register.simple_tag
def groupes_de_liens(organisation):
    """The organisation's relations (prefetched), grouped by the heading they read with from it.

    An outgoing relation reads from its source (« Membre de »), an incoming one from its target
    (« Membres »); a symmetric type reads the same both ways, so its two directions merge.
    Groups follow the order of TypeRelation, the outgoing reading first.
    """
    groupes = {}
    for relation in organisation.relations_sortantes.all():
        groupe = groupes.setdefault(
            (relation.type, SORTANTE), GroupeLiens(relation.intitule_depuis_source)
        )
        groupe.ajouter(relation.cible, relation)
    for relation in organisation.relations_entrantes.all():
        if relation.est_symetrique:
            cle, intitule = (relation.type, SORTANTE), relation.intitule_depuis_source
        else:
            cle, intitule = (relation.type, ENTRANTE), relation.intitule_depuis_cible
        groupes.setdefault(cle, GroupeLiens(intitule)).ajouter(relation.source, relation)
    ordre = list(TypeRelation.values)
    for groupe in groupes.values():
        groupe.liens.sort(key=lambda lien: lien[0].nom.casefold())
    return [groupes[cle] for cle in sorted(groupes, key=lambda c: (ordre.index(c[0]), c[1]))]


@register.filter
def actuelles(fonctions):
    """The roles still held (no end date), from a prefetched list."""
    return [fonction for fonction in fonctions if fonction.est_actuelle]


@register.filter
def passees(fonctions):
    return [fonction for fonction in fonctions if not fonction.est_actuelle]


@register.simple_tag
def identifiants(organisation):
    """(label, number) for each official identifier the organisation has."""
    champs = [organisation._meta.get_field(nom) for nom in IDENTIFIANTS]
    return [
        (champ.verbose_name, getattr(organisation, champ.name))
        for champ in champs
        if getattr(organisation, champ.name)
    ]


@register.filter
def lignes(texte):
    """The non-empty lines of a text, e.g. the stages of a programme, one per line."""
    return [ligne.strip() for ligne in texte.splitlines() if ligne.strip()]


@register.filter
def courriel_protege(adresse):
    """A mailto link whose address is written only as HTML character references.

    Browsers show and follow it as usual; harvesting robots that read the raw HTML for
    addresses do not find it. Every character is encoded, so nothing of it is left unescaped.
    """
    entites = "".join(f"&#{ord(caractere)};" for caractere in adresse)
    return mark_safe(f'<a href="mailto:{entites}">{entites}</a>')


@register.simple_tag
def coordonnees(personne):
    """(label, value) for each contact detail shown: none unless an editor published them."""
    if not personne.contact_is_published:
        return []
    details = []
    if personne.email:
        details.append(("Adresse électronique", courriel_protege(personne.email)))
    if personne.telephone:
        details.append(("Téléphone", personne.telephone))
    return details
