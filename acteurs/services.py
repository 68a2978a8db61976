"""Writes that touch several models of the acteurs app."""

import json
import uuid
from dataclasses import dataclass, field

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Prefetch, Q

from ecosysteme.indexation import (
    CHAINE_PARENTS,
    ajouter_au_vocabulaire,
    avec_parents,
    noms_territoire,
    oublier_mots,
    oublier_racines,
    par_nom,
    racines_du_document,
    remplir_documents,
    territoires_avec_parents,
)
from ecosysteme.models import Source, VersionDonnees

from .models import Citation, Fonction, Organisation, Personne, Relation, TerritoireCouvert


def documenter_organisation(organisation, *, types, thematiques, territoires_action, personnes):
    """Sets an organisation's search documents from its related rows; returns the texts the
    vocabulary learns (ecosysteme.indexation.remplir_documents).

    The related rows are passed in, so that the generator of synthetic data indexes the rows
    it has just built exactly as the indexer does those it reads back.
    """
    territoires = [organisation.siege, *sorted(territoires_action, key=par_nom)]
    noms = [organisation.nom, organisation.sigle]
    texte = [
        organisation.description,
        organisation.get_forme_juridique_display(),
        *sorted(t.nom for t in types),
        *sorted(t.nom for t in thematiques),
        *(nom for t in territoires for nom in noms_territoire(t)),
        *sorted(p.nom_complet for p in personnes if p.is_published),
    ]
    return remplir_documents(organisation, noms, texte)


def territoires_couverts(organisation, territoires_action):
    """The TerritoireCouvert rows of an organisation: its seat, where it acts, and above."""
    return [
        TerritoireCouvert(organisation_id=organisation.pk, territoire_id=pk)
        for pk in sorted(avec_parents([organisation.siege, *territoires_action]))
    ]


def documenter_personne(personne, *, fonctions):
    """Sets a person's search documents from their roles (with organisations); returns texts.

    Only their roles in published organisations count: a draft's name, or a title that
    describes it, would find the person, and prefix matching would spell the draft out.
    """
    fonctions = [f for f in fonctions if f.organisation.is_published]
    noms = [personne.prenom, personne.nom, personne.designation]
    texte = [
        personne.biographie,
        *sorted(f.intitule for f in fonctions),
        *sorted(f"{f.organisation.nom} {f.organisation.sigle}" for f in fonctions),
    ]
    return remplir_documents(personne, noms, texte)


def indexer_organisations(*, pks):
    """Recomputes the search documents and the territories covered of these organisations."""
    organisations = (
        Organisation.objects.filter(pk__in=pks)
        .select_related(f"siege__{CHAINE_PARENTS}")
        .prefetch_related(
            "types",
            "thematiques",
            territoires_avec_parents("territoires_action"),
            Prefetch("fonctions", queryset=Fonction.objects.select_related("personne")),
        )
    )
    textes, couverts, retirees = [], [], set()
    for organisation in organisations:
        avant = racines_du_document(organisation)
        textes += documenter_organisation(
            organisation,
            types=organisation.types.all(),
            thematiques=organisation.thematiques.all(),
            territoires_action=organisation.territoires_action.all(),
            personnes=[f.personne for f in organisation.fonctions.all()],
        )
        couverts += territoires_couverts(organisation, organisation.territoires_action.all())
        retirees |= avant - racines_du_document(organisation)
    Organisation.objects.bulk_update(organisations, ["recherche_nom", "recherche_texte"])
    VersionDonnees.changer()
    TerritoireCouvert.objects.filter(organisation__in=[o.pk for o in organisations]).delete()
    TerritoireCouvert.objects.bulk_create(couverts)
    ajouter_au_vocabulaire(textes)
    oublier_racines(retirees)


def indexer_personnes(*, pks):
    """Recomputes the search documents of these people."""
    personnes = Personne.objects.filter(pk__in=pks).prefetch_related(
        Prefetch("fonctions", queryset=Fonction.objects.select_related("organisation"))
    )
    textes, retirees = [], set()
    for personne in personnes:
        avant = racines_du_document(personne)
        textes += documenter_personne(personne, fonctions=personne.fonctions.all())
        retirees |= avant - racines_du_document(personne)
    Personne.objects.bulk_update(personnes, ["recherche_nom", "recherche_texte"])
    VersionDonnees.changer()
    ajouter_au_vocabulaire(textes)
    oublier_racines(retirees)


def indexer_tout():
    """Rebuilds every search document of the app, in batches."""
    for modele, indexer in ((Organisation, indexer_organisations), (Personne, indexer_personnes)):
        pks = list(modele.objects.values_list("pk", flat=True))
        for debut in range(0, len(pks), 1000):
            indexer(pks=pks[debut : debut + 1000])


DESIGNATION_ANONYME = "Personne anonymisée"


@dataclass
class Anonymisation:
    """What anonymising a person does, or did: for the command's report and the admin's page."""

    personne: str
    fonctions_gardees: int
    citations_supprimees: int
    versions_effacees: int
    journal_reecrit: int
    # Free texts about others that still name the person: for an editor to rewrite by hand.
    mentions_restantes: list = field(default_factory=list)


def anonymiser_personne(*, personne, confirmer=True):
    """Removes everything personal about someone who asked for it; keeps their roles.

    The roles stay, held by « Personne anonymisée », so that an organisation's profile still
    says who held its presidency from 2010 to 2015 without saying who. The person's quotes
    are deleted rather than detached: they are their own words, which would identify them,
    and given to the organisation they would put words in its mouth. Their earlier versions
    are deleted from the history and their name from the admin's log; the search documents
    and typo vocabulary forget it. Free texts about others (descriptions, source titles) are
    not rewritten, only listed: an editor decides how to word them.

    With confirmer=False, nothing is changed and the report says what would be done.
    """
    noms = [n for n in {personne.nom_complet, personne.nom} if len(n) >= 3]
    ancien_nom = personne.nom_complet
    journal = _entrees_du_journal(personne.pk, ancien_nom)
    rapport = Anonymisation(
        personne=ancien_nom,
        fonctions_gardees=personne.fonctions.count(),
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
        # Their roles' versions name them by key only: they stay, the organisations' history
        # with them.
        personne.history.exclude(pk=personne.history.latest().pk).delete()
        _reecrire_journal(journal, ancien_nom, DESIGNATION_ANONYME)
        oublier_mots(ancien_nom)
    return rapport


DESIGNATION_SUPPRIMEE = "Personne supprimée"


def effacer_personne_supprimee(*, pk, nom):
    """After the entry of a person (`pk`, named `nom`) is deleted, what the history and the
    admin's log kept of them.

    Their entry is gone from the directory: keeping their name and contact details in earlier
    versions would serve no one. The last version, which records the deletion (who, when),
    stays without anything personal; the admin's log and the typo vocabulary forget the name.
    """
    journal = _entrees_du_journal(pk, nom)
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
    _reecrire_journal(journal, nom, DESIGNATION_SUPPRIMEE)
    oublier_mots(nom)


def _entrees_du_journal(pk, nom):
    """The admin log entries naming the person: theirs, and those of the roles and quotes
    (whose names include theirs) logged on their own or on an organisation's page."""
    condition = Q(content_type=ContentType.objects.get_for_model(Personne), object_id=str(pk))
    # A name of one or two letters would be found inside other words: their own entries only.
    if len(nom) >= 3:
        echappe = json.dumps(nom)[1:-1]  # change_message is JSON, its accents \\u-escaped
        condition |= (
            Q(object_repr__contains=nom)
            | Q(change_message__contains=echappe)
            | Q(change_message__contains=nom)
        )
    return list(LogEntry.objects.filter(condition))


def _reecrire_journal(journal, nom, remplacement):
    """These admin log entries, with `remplacement` wherever they said `nom`."""
    echappes = json.dumps(nom)[1:-1], json.dumps(remplacement)[1:-1]
    for entree in journal:
        entree.object_repr = entree.object_repr.replace(nom, remplacement)
        message = entree.change_message.replace(nom, remplacement)
        entree.change_message = message.replace(*echappes)
    LogEntry.objects.bulk_update(journal, ["object_repr", "change_message"])


# Free texts that may name a person, each model with its fields.
TEXTES_LIBRES = [
    (Organisation, ["nom", "description"]),
    (Fonction, ["intitule", "note"]),
    (Relation, ["description"]),
    (Citation, ["texte"]),
    (Source, ["titre", "description"]),
]


def mentions(noms, *, personne):
    """« model: entry » for each free text that names the person, theirs excepted."""
    trouvees = []
    for modele, champs in TEXTES_LIBRES:
        condition = Q()
        for nom in noms:
            for champ in champs:
                condition |= Q(**{f"{champ}__icontains": nom})
        objets = modele.objects.filter(condition)
        if modele is Citation:
            objets = objets.exclude(personne=personne)  # deleted with them
        trouvees += [f"{modele._meta.verbose_name} : {objet}" for objet in objets]
    return trouvees
