"""Personal data on request: anonymising a person, or erasing what the history kept of a
deleted one, wherever a name they have had stands (history, admin log, notes, vocabulary)."""

import json
import re
import uuid
from dataclasses import dataclass, field

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext
from modeltranslation.utils import get_translation_fields

from ecosysteme.models import Source
from ecosysteme.recherche.indexation import (
    oublier_mots,
)

from .models import DESIGNATION_ANONYME, Citation, Fonction, Organisation, Personne, Relation

LONGUEUR_MIN_NOM = 3


@dataclass
class Anonymisation:
    """What anonymising a person does, or did: for the command's report and the admin's page."""

    personne: str
    # Every name they have had, as the history knows them: each is looked for and erased.
    noms: list
    fonctions_gardees: int
    notes_reecrites: int
    citations_supprimees: int
    versions_effacees: int
    journal_reecrit: int
    # Free texts about others that still name the person: for an editor to rewrite by hand.
    mentions_restantes: list = field(default_factory=list)


def anonymiser_personne(*, personne, confirmer=True):
    """Removes everything personal about someone who asked for it; keeps their roles.

    The roles stay, held by « Personne anonymisée », so that an organisation's profile still
    says who held its presidency from 2010 to 2015 without saying who; their notes, which
    are about the person, lose the person's names. The person's quotes are deleted rather
    than detached: they are their own words, which would identify them, and given to the
    organisation they would put words in its mouth. Their earlier versions are deleted from
    the history and their names from the admin's log; the search documents and typo
    vocabulary forget them. Free texts about others (descriptions, source titles) are not
    rewritten, only listed: an editor decides how to word them.

    Every name the person has had is looked for, not only the current one: a rename leaves
    the former one in the texts written before it.

    With confirmer=False, nothing is changed and the report says what would be done.
    """
    noms = noms_portes(personne.pk, personne.nom_complet, personne.nom)
    complets = noms_portes(personne.pk, personne.nom_complet, complets=True)
    journal = _entrees_du_journal(personne.pk, complets)
    notes = _notes_des_fonctions(personne.pk, noms)
    rapport = Anonymisation(
        personne=personne.nom_complet,
        noms=complets,
        fonctions_gardees=personne.fonctions.count(),
        notes_reecrites=len(notes),
        citations_supprimees=personne.citations.count(),
        versions_effacees=personne.history.count(),
        journal_reecrit=len(journal),
        mentions_restantes=mentions(noms, personne=personne),
    )
    if not confirmer:
        return rapport
    with transaction.atomic():
        personne.citations.all().delete()
        personne.sources.clear()
        personne.prenom, personne.nom = "", ""
        personne.designation = DESIGNATION_ANONYME
        personne.slug = f"personne-anonymisee-{uuid.uuid4().hex[:12]}"
        personne.biographie, personne.email, personne.telephone = "", "", ""
        personne.contact_is_published = False
        personne._change_reason = "anonymisation à la demande de la personne"
        # The save signal reindexes the person and their organisations (acteurs.signals),
        # and records a last version, anonymous, that says when and by whom.
        personne.save()
        # Their roles' versions name them by key only, and in their notes, rewritten: they
        # stay, the organisations' history with them.
        personne.history.exclude(pk=personne.history.latest().pk).delete()
        _reecrire_notes(notes, noms, DESIGNATION_ANONYME)
        _reecrire_journal(journal, complets, DESIGNATION_ANONYME)
        oublier_mots(" ".join(noms))
    return rapport


DESIGNATION_SUPPRIMEE = "Personne supprimée"


def effacer_personne_supprimee(*, pk, nom):
    """After the entry of a person (`pk`, named `nom`) is deleted, what the history and the
    admin's log kept of them.

    Their entry is gone from the directory: keeping their names and contact details in
    earlier versions would serve no one. The last version, which records the deletion (who,
    when), stays without anything personal; their roles' versions lose their names from
    their notes; the admin's log and the typo vocabulary forget every name they had.
    """
    noms = noms_portes(pk, nom)
    complets = noms_portes(pk, nom, complets=True)
    journal = _entrees_du_journal(pk, complets)
    _reecrire_notes(_notes_des_fonctions(pk, noms), noms, DESIGNATION_SUPPRIMEE)
    versions = Personne.history.filter(id=pk)
    derniere = versions.order_by("-history_date", "-history_id").first()
    if derniere is not None:
        versions.exclude(pk=derniere.pk).delete()
        versions.update(
            prenom="",
            nom="",
            designation=DESIGNATION_SUPPRIMEE,
            slug=f"personne-supprimee-{pk}",
            biographie="",
            email="",
            telephone="",
            contact_is_published=False,
        )
    _reecrire_journal(journal, complets, DESIGNATION_SUPPRIMEE)
    oublier_mots(" ".join(noms))


def garder_version_anterieure(personne):
    """Before the first recorded change of a person (loaded from the seed data or an import,
    who has no version yet), records the version they had until then.

    Their former name must stay known to the history: anonymising or deleting them later
    looks for every name they had there (noms_portes).
    """
    if Personne.history.filter(id=personne.pk).exists():
        return
    anterieure = Personne.objects.filter(pk=personne.pk).first()
    if anterieure is not None:
        Personne.history.bulk_history_create(
            [anterieure],
            default_date=anterieure.updated_at,
            default_change_reason="version antérieure à l'historique",
        )


def noms_portes(pk, *actuels, complets=False):
    """Every name the person `pk` has had, longest first: those given, and those of each
    version of their entry. Full names (« Camille Martin », or the designation of someone
    the source does not name), and with complets=False their surnames on their own too.
    """
    noms = set(actuels)
    versions = Personne.history.filter(id=pk).values_list("prenom", "nom", "designation")
    for prenom, nom, designation in versions.distinct():
        noms.add(f"{prenom} {nom}".strip() or designation)
        if not complets:
            noms.add(nom)
    return sorted((n for n in noms if n), key=lambda n: (-len(n), n))


def cherchables(noms):
    """The names worth looking for in texts about others: one or two letters would be found
    inside other words."""
    return [nom for nom in noms if len(nom) >= LONGUEUR_MIN_NOM]


def _remplacer(texte, noms, remplacement):
    """The text with `remplacement` for each of these names, whatever their case, wherever
    they stand as whole words: a Martin is not in « Martinique »."""
    # Longest first: « Camille Martin-Durand » must not become « Personne anonymisée-Durand ».
    for nom in noms:
        motif = rf"(?<!\w){re.escape(nom)}(?!\w)"
        texte = re.sub(motif, lambda _: remplacement, texte, flags=re.IGNORECASE)
    return texte


def _notes_des_fonctions(pk, noms):
    """The roles of the person `pk`, and their versions, whose notes name them."""
    if not noms:
        return []
    condition = _nommant(noms, ["note"])
    fonctions = [
        *Fonction.objects.filter(condition, personne_id=pk),
        *Fonction.history.filter(condition, personne_id=pk),
    ]
    # The database finds a name inside other words too; only whole words are rewritten.
    return [f for f in fonctions if _remplacer(f.note, noms, "") != f.note]


def _reecrire_notes(notes, noms, remplacement):
    """These roles and role versions, with `remplacement` wherever their notes said a name.

    Written over, not saved: the roles' history must not keep a version with the name.
    """
    for fonction in notes:
        fonction.note = _remplacer(fonction.note, noms, remplacement)
    for modele in (Fonction, Fonction.history.model):
        lignes = [f for f in notes if isinstance(f, modele)]
        modele.objects.bulk_update(lignes, ["note"])


def _entrees_du_journal(pk, noms):
    """The admin log entries naming the person by one of these full names: theirs, and those
    of the roles and quotes (whose names include theirs) logged on their own or on an
    organisation's page."""
    condition = Q(content_type=ContentType.objects.get_for_model(Personne), object_id=str(pk))
    for nom in cherchables(noms):
        echappe = json.dumps(nom)[1:-1]  # change_message is JSON, its accents \\u-escaped
        condition |= (
            Q(object_repr__contains=nom)
            | Q(change_message__contains=echappe)
            | Q(change_message__contains=nom)
        )
    return list(LogEntry.objects.filter(condition))


def _reecrire_journal(journal, noms, remplacement):
    """These admin log entries, with `remplacement` wherever they said one of the names."""
    echappes = [json.dumps(nom)[1:-1] for nom in noms]
    echappe = json.dumps(remplacement)[1:-1]
    for entree in journal:
        entree.object_repr = _remplacer(entree.object_repr, noms, remplacement)
        message = _remplacer(entree.change_message, noms, remplacement)
        entree.change_message = _remplacer(message, echappes, echappe)
    LogEntry.objects.bulk_update(journal, ["object_repr", "change_message"])


# Free texts that may name a person, each model with its fields.
TEXTES_LIBRES = [
    (Organisation, ["nom", *get_translation_fields("nom_officiel", "description")]),
    (Fonction, ["intitule", "note"]),
    (Relation, ["description"]),
    (Citation, ["texte"]),
    (Source, ["titre", "description"]),
]


def _nommant(noms, champs):
    """Q: one of these fields contains one of these names, whatever its case."""
    condition = Q()
    for nom in noms:
        for champ in champs:
            condition |= Q(**{f"{champ}__icontains": nom})
    return condition


def mentions(noms, *, personne):
    """« model: entry » for each free text that names the person, theirs excepted."""
    trouvees, noms = [], cherchables(noms)
    for modele, champs in TEXTES_LIBRES:
        objets = modele.objects.filter(_nommant(noms, champs)) if noms else modele.objects.none()
        if modele is Citation:
            objets = objets.exclude(personne=personne)  # deleted with them
        if modele is Fonction:
            # The notes of their own roles are rewritten: only a title naming them is left.
            objets = objets.exclude(Q(personne=personne) & ~_nommant(noms, ["intitule"]))
        trouvees += [
            gettext("%(modele)s : %(objet)s")
            % {"modele": modele._meta.verbose_name, "objet": objet}
            for objet in objets
        ]
    return trouvees
