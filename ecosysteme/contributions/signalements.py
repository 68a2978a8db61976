"""« Signaler une erreur »: a visitor reports an error on a public profile (an organisation, a
person, a programme); the report is checked against the rate limits and stored for the
editors' moderation queue. Once an editor has processed or rejected it, the reporter, if they
left an address, is told the outcome once by a background task; their address is erased
after the retention period.

The task receives the report's id only: the queue of tasks holds no personal data.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from accompagnement.models import Dispositif
from acteurs.gestionnaires import prevenir_du_signalement
from acteurs.models import Organisation, Personne
from ecosysteme.courriels import (
    adresse_absolue,
    courriel,
    envoyer_une_fois,
    planifier,
    relancer_oublies,
)
from ecosysteme.enums import EtatSignalement
from ecosysteme.formulaires import verifier_limites
from ecosysteme.models import Signalement

# The profiles that can be reported, by the word of their address: /acteurs/<slug>/signaler/…
FICHES = {"acteurs": Organisation, "personnes": Personne, "accompagnement": Dispositif}


def fiche_publiee(sorte, slug):
    """The published profile of this kind and slug, or None (a draft, an unknown slug)."""
    return FICHES[sorte].objects.published().filter(slug=slug).first()


def signaler(*, fiche, motif, commentaire, courriel=""):
    """Store a visitor's report on a profile. Raises LimiteAtteinte, storing nothing, when the
    address or the profile has had enough reports lately."""
    with transaction.atomic():
        regles = [
            (
                lambda duree: Signalement.objects.since(duree).about(fiche).count(),
                settings.SIGNALEMENTS_LIMITES_FICHE,
                _(
                    "Cette fiche a déjà été signalée plusieurs fois {periode} : l'équipe de "
                    "l'annuaire les examine ; réessayez plus tard si besoin."
                ),
            )
        ]
        if courriel:
            regles.insert(
                0,
                (
                    lambda duree: Signalement.objects.since(duree).from_sender(courriel).count(),
                    settings.SIGNALEMENTS_LIMITES_EXPEDITEUR,
                    _(
                        "Vous avez déjà envoyé plusieurs signalements {periode} : pour éviter "
                        "les abus, réessayez plus tard."
                    ),
                ),
            )
        verifier_limites(*regles)
        signalement = Signalement.objects.create(
            fiche=fiche,
            motif=motif,
            commentaire=commentaire,
            courriel=courriel,
            consented_at=timezone.now() if courriel else None,
        )
        prevenir_gestionnaires(signalement)
    return signalement


def prevenir_gestionnaires(signalement):
    """A report on an organisation's profile also goes to its managers, by mail in the
    background; the editors' moderation queue has it either way."""
    if isinstance(signalement.fiche, Organisation):
        prevenir_du_signalement(signalement.fiche, signalement)


def conclure(signalement, *, etat, reponse, par):
    """Mark a new report processed or rejected, with the team's answer, and tell its reporter
    once, in the background, if they left an address. Returns whether it was still new."""
    with transaction.atomic():
        nouveau = Signalement.objects.filter(pk=signalement.pk, etat=EtatSignalement.NOUVEAU)
        if not nouveau.update(
            etat=etat, reponse=reponse, processed_at=timezone.now(), processed_by=par
        ):
            return False
        if signalement.courriel:
            planifier(informer_signaleur, signalement.pk)
    signalement.refresh_from_db()
    return True


def traiter(signalement, *, reponse="", par):
    return conclure(signalement, etat=EtatSignalement.TRAITE, reponse=reponse, par=par)


def rejeter(signalement, *, reponse="", par):
    return conclure(signalement, etat=EtatSignalement.REJETE, reponse=reponse, par=par)


def a_informer():
    """The reports whose reporter may still be told the outcome."""
    return Signalement.objects.processed().exclude(courriel="").filter(purged_at__isnull=True)


def courriel_de_reponse(signalement_id):
    signalement = Signalement.objects.select_related("type_fiche").get(pk=signalement_id)
    if not signalement.courriel:
        return None
    fiche = signalement.fiche
    nom = str(fiche) if fiche else _("une fiche supprimée depuis")
    if signalement.etat == EtatSignalement.TRAITE:
        issue = _("L'équipe de l'annuaire a traité votre signalement : merci de votre aide.")
    else:
        issue = _("L'équipe de l'annuaire n'a pas donné suite à votre signalement.")
    signale = _(
        "Vous avez signalé une erreur sur la fiche « %(nom)s » de l'annuaire Écosystème "
        "(motif : %(motif)s)."
    ) % {"nom": nom, "motif": signalement.get_motif_display()}
    corps = _("Bonjour,") + f"\n\n{signale}\n\n{issue}\n"
    if signalement.reponse:
        corps += f"\n{signalement.reponse}\n"
    if fiche is not None and getattr(fiche, "is_published", False):
        adresse = adresse_absolue(fiche.get_absolute_url())
        corps += "\n" + _("La fiche : %(adresse)s") % {"adresse": adresse} + "\n"
    pourquoi = _(
        "Vous recevez ce courriel parce que vous avez laissé votre adresse en signalant cette "
        "erreur. Elle est effacée de l'annuaire %(jours)s jours après ce traitement."
    ) % {"jours": settings.SIGNALEMENTS_CONSERVATION_JOURS}
    corps += f"\n-- \n{pourquoi}\n"
    return courriel(objet=_("Votre signalement"), corps=corps, destinataire=signalement.courriel)


@task()
def informer_signaleur(signalement_id, tentative=1):
    """Attempt number `tentative` to tell a reporter the outcome; sends it at most once."""
    return envoyer_une_fois(
        a_informer(),
        signalement_id,
        tentative=tentative,
        tache=informer_signaleur,
        courriel_de=courriel_de_reponse,
    )


def relancer_signalements_oublies():
    """Enqueue again the outcomes whose task was lost (relancer_oublies); returns how many."""
    return relancer_oublies(a_informer(), informer_signaleur, depuis="processed_at")


def purger_signalements(*, jours=None):
    """Erase the reporter's address of the reports processed more than `jours` days ago (by
    default SIGNALEMENTS_CONSERVATION_JOURS); what was reported, on which profile, and how it
    was processed stay. Returns how many were erased."""
    if jours is None:
        jours = settings.SIGNALEMENTS_CONSERVATION_JOURS
    return Signalement.objects.to_purge(jours).update(
        courriel="", erreur="", purged_at=timezone.now()
    )
