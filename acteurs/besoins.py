"""« Déposer un besoin »: a visitor describes what they need; staff validate it; it then goes,
in batches and to a bounded number of them, to the organisations that match it and accept
needs. Each answers « Intéressé » through a signed link, single use and expiring, and the
requester then receives that organisation's published contact details.

Tasks receive an identifier only: the queue of tasks holds no personal data.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from ecosysteme.courriels import (
    LienInvalide,
    adresse_absolue,
    courriel,
    envoyer_une_fois,
    lien_signe,
    pk_du_lien,
    planifier,
    relancer_oublies,
)
from ecosysteme.formulaires import verifier_limites

from .enums import EtatBesoin
from .models import Besoin, Interet, Organisation, Sollicitation

SEL_LIEN = "acteurs.besoin.interet"


@dataclass
class CompteDesDestinataires:
    """How many organisations a need's criteria reach, and what the page says of it."""

    nombre: int | None  # None while no territory is chosen

    @property
    def texte(self):
        maximum = settings.BESOINS_DESTINATAIRES_MAXIMUM
        if self.nombre is None:
            return _(
                "Choisissez un territoire pour savoir combien d'organisations recevront votre "
                "besoin."
            )
        if self.nombre == 0:
            return _(
                "Aucune organisation qui accepte les besoins ne correspond encore à ces critères : "
                "choisissez un territoire plus large ou moins de critères. Vous pouvez aussi le "
                "déposer tel quel ; l'équipe de l'annuaire cherchera qui peut y répondre."
            )
        texte = ngettext(
            "%(nombre)s organisation correspond à ces critères et accepte les besoins.",
            "%(nombre)s organisations correspondent à ces critères et acceptent les besoins.",
            self.nombre,
        ) % {"nombre": self.nombre}
        if self.nombre > maximum:
            texte += " " + _("Votre besoin ira aux %(maximum)s premières.") % {"maximum": maximum}
        return texte


def compte_des_destinataires(*, territoire, types, thematiques):
    if territoire is None:
        return CompteDesDestinataires(None)
    organisations = Organisation.objects.published().open_to_requests()
    organisations = organisations.matching(
        territoire=territoire, types=types, thematiques=thematiques
    )
    return CompteDesDestinataires(organisations.count())


def deposer(*, criteres, **donnees):
    """Store a visitor's need, to validate. `criteres` are its kinds of activity and themes
    ({"types": […], "thematiques": […]}). Raises LimiteAtteinte, storing nothing, when the
    requester has filed enough needs lately."""
    with transaction.atomic():
        verifier_limites(
            (
                lambda duree: Besoin.objects.since(duree).from_sender(donnees["courriel"]).count(),
                settings.BESOINS_LIMITES_DEMANDEUR,
                _(
                    "Vous avez déjà déposé plusieurs besoins {periode} : pour éviter les abus, "
                    "réessayez plus tard, ou écrivez à l'équipe de l'annuaire."
                ),
            )
        )
        besoin = Besoin.objects.create(consented_at=timezone.now(), **donnees)
        besoin.types.set(criteres["types"])
        besoin.thematiques.set(criteres["thematiques"])
    return besoin


def valider(besoin, *, par):
    """Validate a need and send it: to the organisations it matches now, the first
    BESOINS_DESTINATAIRES_MAXIMUM of them, in batches of BESOINS_TAILLE_LOT a few minutes
    apart. Returns how many it goes to; 0 when it was no longer to validate."""
    with transaction.atomic():
        a_valider = Besoin.objects.filter(pk=besoin.pk, etat=EtatBesoin.A_VALIDER)
        maintenant = timezone.now()
        if not a_valider.update(etat=EtatBesoin.ENVOYE, validated_at=maintenant, validated_by=par):
            return 0
        destinataires = besoin.destinataires_possibles().order_by("nom", "pk")
        destinataires = destinataires[: settings.BESOINS_DESTINATAIRES_MAXIMUM]
        intervalle = timedelta(minutes=settings.BESOINS_INTERVALLE_LOTS_MINUTES)
        sollicitations = Sollicitation.objects.bulk_create(
            Sollicitation(
                besoin=besoin,
                organisation=organisation,
                planned_at=maintenant + intervalle * (rang // settings.BESOINS_TAILLE_LOT),
            )
            for rang, organisation in enumerate(destinataires)
        )
        for sollicitation in sollicitations:
            planifier(envoyer_sollicitation, sollicitation.pk, a_partir_de=sollicitation.planned_at)
    besoin.refresh_from_db()
    return len(sollicitations)


def clore(besoin):
    """Close a need: its links « Intéressé » no longer work. Returns whether it was open."""
    ouvert = Besoin.objects.filter(pk=besoin.pk).exclude(etat=EtatBesoin.CLOS)
    return bool(ouvert.update(etat=EtatBesoin.CLOS, closed_at=timezone.now()))


def lien_interesse(sollicitation):
    """The signed link through which an organisation says it is interested."""
    return lien_signe("besoin_interesse", sollicitation.pk, sel=SEL_LIEN)


def sollicitation_du_lien(jeton):
    """The sollicitation a link « Intéressé » was sent for, if it may still be used; raises
    LienInvalide, saying why, otherwise."""
    pk = pk_du_lien(jeton, sel=SEL_LIEN, jours=settings.BESOINS_LIEN_VALIDITE_JOURS)
    sollicitation = (
        Sollicitation.objects.select_related("besoin", "organisation", "interet")
        .filter(pk=pk)
        .first()
    )
    if sollicitation is None:
        raise LienInvalide(_("Ce lien n'est pas valable : le besoin n'existe plus."))
    return sollicitation


def verifier_ouvert(sollicitation):
    """Raises LienInvalide if the need no longer takes answers or this one has been given."""
    if hasattr(sollicitation, "interet"):
        raise LienInvalide(
            _("Votre intérêt a déjà été transmis au demandeur : ce lien ne sert qu'une fois.")
        )
    if sollicitation.besoin.etat != EtatBesoin.ENVOYE or sollicitation.besoin.purged_at:
        raise LienInvalide(_("Ce besoin est clos : il ne reçoit plus de réponses."))


def se_dire_interesse(sollicitation):
    """Record the organisation's interest, once, and tell the requester in the background.
    Raises LienInvalide if it cannot be recorded."""
    verifier_ouvert(sollicitation)
    try:
        with transaction.atomic():
            interet = Interet.objects.create(sollicitation=sollicitation)
            planifier(informer_demandeur, interet.pk)
    except IntegrityError as erreur:  # the same link used twice at once: one wins
        raise LienInvalide(
            _("Votre intérêt a déjà été transmis au demandeur : ce lien ne sert qu'une fois.")
        ) from erreur
    return interet


def courriel_de_sollicitation(sollicitation_id):
    sollicitation = Sollicitation.objects.select_related("besoin__territoire", "organisation").get(
        pk=sollicitation_id
    )
    besoin, organisation = sollicitation.besoin, sollicitation.organisation
    if not organisation.courriel_contact:
        return None
    details = [
        _("Nature : %(nature)s") % {"nature": besoin.get_nature_display()},
        _("Territoire : %(territoire)s") % {"territoire": besoin.territoire},
    ]
    if besoin.budget:
        details.append(_("Budget : %(budget)s") % {"budget": besoin.get_budget_display()})
    if besoin.echeance:
        details.append(_("Échéance : %(echeance)s") % {"echeance": f"{besoin.echeance:%d/%m/%Y}"})
    corps = (
        _("Un besoin déposé dans l'annuaire Écosystème correspond à %(organisation)s.")
        % {"organisation": organisation.nom}
        + "\n\n"
        + f"{besoin.titre}\n"
        + "\n".join(details)
        + "\n\n"
        + f"{besoin.description}\n"
        + "\n"
        + _(
            "Si vous êtes intéressés, dites-le par ce lien : le demandeur recevra alors les "
            "coordonnées que votre fiche publie, et vous contactera."
        )
        + "\n"
        + f"{lien_interesse(sollicitation)}\n"
        + _(
            "Ce lien ne sert qu'une fois et expire dans %(jours)s jours. Sans réponse de votre "
            "part, rien n'est transmis."
        )
        % {"jours": settings.BESOINS_LIEN_VALIDITE_JOURS}
        + "\n\n-- \n"
        + _(
            "Vous recevez ce courriel parce que votre organisation accepte, dans l'annuaire, les "
            "besoins de ses visiteurs ; pour ne plus en recevoir, écrivez à l'équipe de "
            "l'annuaire."
        )
        + "\n"
    )
    return courriel(
        objet=_("Un besoin pour vous : %(titre)s") % {"titre": besoin.titre},
        corps=corps,
        destinataire=organisation.courriel_contact,
    )


def courriel_d_interet(interet_id):
    interet = Interet.objects.select_related(
        "sollicitation__besoin", "sollicitation__organisation__commune"
    ).get(pk=interet_id)
    besoin, organisation = interet.sollicitation.besoin, interet.sollicitation.organisation
    if not besoin.courriel:
        return None
    coordonnees = [
        *organisation.adresse_publiee,
        organisation.courriel_publie,
        organisation.telephone_publie,
        organisation.site_web,
    ]
    coordonnees = [ligne for ligne in coordonnees if ligne]
    if organisation.is_joignable:
        ecrire = reverse("organisation_ecrire", args=[organisation.slug])
        coordonnees.append(
            _("Lui écrire par l'annuaire : %(adresse)s") % {"adresse": adresse_absolue(ecrire)}
        )
    if coordonnees:
        contacter = _("Pour la contacter :") + "\n" + "\n".join(coordonnees) + "\n"
    else:
        # The organisation was told, when it answered, that it should publish some.
        contacter = (
            _(
                "Elle n'a pas encore publié de coordonnées dans l'annuaire : sa fiche les donnera "
                "dès qu'elle l'aura fait."
            )
            + "\n"
        )
    corps = (
        _("Bonjour %(nom)s,") % {"nom": besoin.nom}
        + "\n\n"
        + _("%(organisation)s est intéressée par votre besoin « %(titre)s ».")
        % {"organisation": organisation.nom, "titre": besoin.titre}
        + "\n\n"
        + contacter
        + _("Sa fiche : %(adresse)s")
        % {"adresse": adresse_absolue(organisation.get_absolute_url())}
        + "\n\n-- \n"
        + _(
            "Vous recevez ce courriel parce que vous avez déposé ce besoin dans l'annuaire "
            "Écosystème. Vos nom et adresse n'ont pas été communiqués aux organisations."
        )
        + "\n"
    )
    return courriel(
        objet=_("%(organisation)s est intéressée par votre besoin")
        % {"organisation": organisation.nom},
        corps=corps,
        destinataire=besoin.courriel,
    )


@task()
def envoyer_sollicitation(sollicitation_id, tentative=1):
    """Attempt number `tentative` to send a need to one organisation; sends it at most once."""
    return envoyer_une_fois(
        Sollicitation.objects.filter(besoin__etat=EtatBesoin.ENVOYE),
        sollicitation_id,
        tentative=tentative,
        tache=envoyer_sollicitation,
        courriel_de=courriel_de_sollicitation,
    )


@task()
def informer_demandeur(interet_id, tentative=1):
    """Attempt number `tentative` to tell the requester an organisation is interested."""
    return envoyer_une_fois(
        Interet.objects.filter(sollicitation__besoin__purged_at__isnull=True),
        interet_id,
        tentative=tentative,
        tache=informer_demandeur,
        courriel_de=courriel_d_interet,
    )


def relancer_besoins_oublies():
    """Enqueue again the needs' mails whose task was lost; returns how many."""
    sollicitations = Sollicitation.objects.filter(besoin__etat=EtatBesoin.ENVOYE)
    interets = Interet.objects.filter(sollicitation__besoin__purged_at__isnull=True)
    return relancer_oublies(
        sollicitations, envoyer_sollicitation, depuis="planned_at"
    ) + relancer_oublies(interets, informer_demandeur, depuis="created_at")


def purger_besoins(*, jours=None):
    """Erase the requester's personal data (name, address, organisation) of the needs filed
    more than `jours` days ago (by default BESOINS_CONSERVATION_JOURS), and close them; what
    they asked for, where, and to whom they went stay. Returns how many were erased."""
    if jours is None:
        jours = settings.BESOINS_CONSERVATION_JOURS
    maintenant = timezone.now()
    a_purger = Besoin.objects.to_purge(jours)
    a_purger.exclude(etat=EtatBesoin.CLOS).update(etat=EtatBesoin.CLOS, closed_at=maintenant)
    return a_purger.update(nom="", courriel="", organisation_demandeur="", purged_at=maintenant)
