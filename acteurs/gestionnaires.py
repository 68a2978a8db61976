"""« Vous représentez cette organisation ? »: a person asks to manage a profile and confirms
their address through a signed link, single use and expiring. The request is then approved
at once when the address is of the organisation's own domain (its web site's), otherwise by
staff in the admin or, when the profile already has managers, by them from their space, with
reminders. Managers sign in by a link too (django-sesame): no password, no admin.

Every mail is an Avis, sent by a background task that receives its id only.
"""

from datetime import timedelta
from urllib.parse import urlsplit

import sesame.utils
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
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

from .enums import EtatGestionnaire, SorteAvis
from .models import Avis, Gestionnaire

SEL_LIEN = "acteurs.gestionnaire.confirmation"
# A sign-in link opens the managers' space and nothing else.
PORTEE = "gestion"
# Anyone may open an address there: it proves nothing of an organisation.
MESSAGERIES = {
    *("gmail.com", "googlemail.com", "yahoo.fr", "yahoo.com", "ymail.com", "icloud.com"),
    *("hotmail.fr", "hotmail.com", "outlook.fr", "outlook.com", "live.fr", "live.com", "msn.com"),
    *("orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "neuf.fr", "laposte.net", "bbox.fr"),
    *("aliceadsl.fr", "club-internet.fr", "numericable.fr", "aol.com", "aol.fr", "me.com"),
    *("gmx.fr", "gmx.com", "gmx.net", "protonmail.com", "proton.me", "tutanota.com", "mail.com"),
    *("skynet.be", "telenet.be", "voo.be", "proximus.be", "scarlet.be", "yandex.com", "zoho.com"),
}


def domaine_du_site(site_web):
    """The host of a web address, without « www. », lowercase; "" when there is none."""
    try:
        hote = (urlsplit(site_web).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    return hote.removeprefix("www.")


def domaine_reconnu(courriel, site_web):
    """Whether the address is of the web site's domain: the same host (without « www. ») or one
    of its subdomains (contact@lyon.exemple.org for exemple.org), never a mail provider's. The
    other way round (an address at exemple.org for a site at asso.exemple.org) proves nothing:
    the site may be one of many a host offers."""
    domaine = courriel.rpartition("@")[2].lower().rstrip(".")
    site = domaine_du_site(site_web)
    if not domaine or "." not in site or MESSAGERIES & {domaine, site}:
        return False
    return domaine == site or domaine.endswith(f".{site}")


def avertir(destinataires, sorte, **sujet):
    """One Avis of this kind to each of these requests' addresses, sent once committed."""
    for gestionnaire in destinataires:
        avis = Avis.objects.create(gestionnaire=gestionnaire, sorte=sorte, **sujet)
        planifier(envoyer_avis, avis.pk)


def revendiquer(*, organisation, nom, fonction, courriel):
    """Store a request to manage this organisation's profile and send the link confirming its
    address. Raises LimiteAtteinte, storing nothing, when the address or the organisation has
    had enough requests lately."""
    with transaction.atomic():
        verifier_limites(
            (
                lambda duree: Gestionnaire.objects.since(duree).from_sender(courriel).count(),
                settings.GESTIONNAIRES_LIMITES_DEMANDEUR,
                gettext(
                    "Vous avez déjà fait plusieurs demandes {periode} : pour éviter les abus, "
                    "réessayez plus tard."
                ),
            ),
            (
                lambda duree: (
                    Gestionnaire.objects.since(duree).filter(organisation=organisation).count()
                ),
                settings.GESTIONNAIRES_LIMITES_ORGANISATION,
                gettext(
                    "Cette fiche a reçu plusieurs demandes {periode} : pour éviter les abus, "
                    "réessayez plus tard."
                ),
            ),
        )
        demande = Gestionnaire.objects.create(
            organisation=organisation,
            nom=nom,
            fonction=fonction,
            courriel=courriel,
            consented_at=timezone.now(),
        )
        avertir([demande], SorteAvis.CONFIRMATION)
    return demande


def lien_de_confirmation(demande):
    return lien_signe("gestion_confirmer", demande.pk, sel=SEL_LIEN)


def demande_du_lien(jeton):
    """The request a confirmation link was sent for, if it may still be used; raises
    LienInvalide, saying why, otherwise."""
    pk = pk_du_lien(
        jeton,
        sel=SEL_LIEN,
        jours=settings.GESTIONNAIRES_LIEN_VALIDITE_JOURS,
        si_expire=gettext("Faites une nouvelle demande depuis la fiche de l'organisation."),
    )
    demande = Gestionnaire.objects.select_related("organisation").filter(pk=pk).first()
    if demande is None:
        raise LienInvalide(gettext("Ce lien n'est pas valable : la demande n'existe plus."))
    if demande.etat != EtatGestionnaire.A_CONFIRMER:
        raise LienInvalide(
            gettext("Votre adresse a déjà été confirmée : ce lien ne sert qu'une fois.")
        )
    return demande


def compte(courriel):
    """The account of this address, made (never staff, without a password) if there is none."""
    User = get_user_model()
    # An account named after the address, its address left empty, is that address's too.
    meme_adresse = Q(email__iexact=courriel) | Q(username__iexact=courriel.lower()[:150])
    user = User.objects.filter(meme_adresse).order_by("pk").first()
    if user is None:
        user = User(username=courriel.lower()[:150], email=courriel.lower())
        user.set_unusable_password()
        user.save()
    return user


def confirmer(demande):
    """The address is confirmed (its link was used): leave the request to the profile's
    managers if it has any; otherwise approve it if the address is of the organisation's
    domain, or leave it to staff.
    Returns the request as it now stands; raises LienInvalide if the link was used already."""
    with transaction.atomic():
        a_confirmer = Gestionnaire.objects.select_for_update().filter(
            pk=demande.pk, etat=EtatGestionnaire.A_CONFIRMER
        )
        if not a_confirmer.exists():
            raise LienInvalide(
                gettext("Votre adresse a déjà été confirmée : ce lien ne sert qu'une fois.")
            )
        demande.user = compte(demande.courriel)
        demande.confirmed_at = timezone.now()
        organisation = demande.organisation
        deja = Gestionnaire.objects.filter(
            organisation=organisation,
            user=demande.user,
            etat__in=[EtatGestionnaire.A_APPROUVER, EtatGestionnaire.APPROUVE],
        )
        if deja.exists():
            # Asked twice: the first request stands, this one adds nothing.
            demande.etat = EtatGestionnaire.REFUSE
            demande.save()
            return deja.first()
        # A profile that has managers is theirs to share: they approve newcomers, whatever
        # their address (staff may still decide in the admin).
        gestionnaires = list(organisation.gestionnaires.approved())
        if not gestionnaires and domaine_reconnu(demande.courriel, organisation.site_web):
            demande.etat = EtatGestionnaire.APPROUVE
            demande.approved_at = demande.confirmed_at
            demande.save()
            avertir([demande], SorteAvis.APPROUVEE)
            return demande
        demande.etat = EtatGestionnaire.A_APPROUVER
        demande.save()
        avertir(gestionnaires, SorteAvis.DEMANDE, demande=demande)
    return demande


def decider(demande, *, etat, par):
    """Approve or refuse a request awaiting approval, and tell its author. Returns whether it
    was still awaiting."""
    with transaction.atomic():
        a_approuver = Gestionnaire.objects.to_approve().filter(pk=demande.pk)
        if not a_approuver.update(etat=etat, approved_at=timezone.now(), approved_by=par):
            return False
        demande.refresh_from_db()
        sorte = SorteAvis.APPROUVEE if etat == EtatGestionnaire.APPROUVE else SorteAvis.REFUSEE
        avertir([demande], sorte)
    return True


def approuver(demande, *, par):
    return decider(demande, etat=EtatGestionnaire.APPROUVE, par=par)


def refuser(demande, *, par):
    return decider(demande, etat=EtatGestionnaire.REFUSE, par=par)


def relancer_demandes(*, jours=None):
    """Remind the managers of the requests they have left waiting `jours` days (by default
    GESTIONNAIRES_RELANCE_JOURS) since they were asked or last reminded. Requests to a profile
    without managers wait in the admin's queue. Returns how many requests were reminded."""
    if jours is None:
        jours = settings.GESTIONNAIRES_RELANCE_JOURS
    relancees = 0
    a_relancer = Gestionnaire.objects.to_remind(jours).filter(
        organisation__gestionnaires__etat=EtatGestionnaire.APPROUVE
    )
    for demande in a_relancer.distinct().select_related("organisation"):
        with transaction.atomic():
            gestionnaires = demande.organisation.gestionnaires.approved()
            avertir(gestionnaires, SorteAvis.RELANCE, demande=demande)
            Gestionnaire.objects.filter(pk=demande.pk).update(relance_at=timezone.now())
        relancees += 1
    return relancees


def prevenir_du_signalement(organisation, signalement):
    """Send a report on this organisation's profile to each of its managers."""
    avertir(organisation.gestionnaires.approved(), SorteAvis.SIGNALEMENT, signalement=signalement)


def rappeler_les_fiches_a_verifier(organisations):
    """Ask the managers of these organisations, due for verification, to confirm their profile;
    once every GESTIONNAIRES_RAPPEL_VERIFICATION_JOURS days at most, so that a profile left as
    it is does not bring a mail a day. Returns how many managers were asked."""
    depuis = timezone.now() - timedelta(days=settings.GESTIONNAIRES_RAPPEL_VERIFICATION_JOURS)
    deja = Avis.objects.filter(sorte=SorteAvis.A_VERIFIER, created_at__gte=depuis)
    a_rappeler = list(
        Gestionnaire.objects.approved()
        .filter(organisation__in=organisations)
        .exclude(pk__in=deja.values("gestionnaire"))
    )
    with transaction.atomic():
        avertir(a_rappeler, SorteAvis.A_VERIFIER)
    return len(a_rappeler)


def demander_connexion(courriel):
    """Send a sign-in link to this address if it is a manager's, and nothing otherwise: the
    page says the same either way, so that it tells no one who manages what. Staff accounts
    sign in to the admin, with their password, never by a link. Raises LimiteAtteinte when
    this manager has asked for enough links lately."""
    gestionnaire = (
        Gestionnaire.objects.approved()
        .filter(user__email__iexact=courriel, user__is_staff=False, user__is_active=True)
        .order_by("pk")
        .first()
    )
    if gestionnaire is None:
        return
    with transaction.atomic():
        verifier_limites(
            (
                lambda duree: Avis.objects.filter(
                    gestionnaire__user=gestionnaire.user,
                    sorte=SorteAvis.CONNEXION,
                    created_at__gte=timezone.now() - duree,
                ).count(),
                settings.GESTIONNAIRES_LIMITES_CONNEXION,
                gettext(
                    "Vous avez déjà demandé plusieurs liens de connexion {periode} : utilisez le "
                    "dernier reçu, ou réessayez plus tard."
                ),
            )
        )
        avertir([gestionnaire], SorteAvis.CONNEXION)


def lien_de_connexion(user):
    jeton = sesame.utils.get_token(user, scope=PORTEE)
    return adresse_absolue(reverse("gestion_entrer", args=[jeton]))


def compte_du_lien(request, jeton):
    """The manager a sign-in link was sent to, if it is valid, unused, not expired, and not a
    staff account's; the link is then used up. None otherwise."""
    user = authenticate(request, sesame=jeton, scope=PORTEE)
    if user is None or user.is_staff or user.is_superuser:
        return None
    # One use: the token is bound to the last login, which this changes.
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    return user


def courriel_d_avis(avis_id):
    avis = Avis.objects.select_related(
        "gestionnaire__organisation", "gestionnaire__user", "demande", "signalement"
    ).get(pk=avis_id)
    gestionnaire, organisation = avis.gestionnaire, avis.gestionnaire.organisation
    destinataire = gestionnaire.user.email if gestionnaire.user else gestionnaire.courriel
    if not destinataire:
        return None
    objet, corps = REDACTIONS[avis.sorte](avis, organisation)
    pied = gettext(
        "Vous recevez ce courriel parce que vous gérez, ou avez demandé à gérer, la fiche de "
        "%(organisation)s dans l'annuaire Écosystème."
    ) % {"organisation": organisation.nom}
    bonjour = gettext("Bonjour %(nom)s,") % {"nom": gestionnaire.nom}
    corps = f"{bonjour}\n\n{corps}\n\n-- \n{pied}\n"
    return courriel(objet=objet, corps=corps, destinataire=destinataire)


def espace():
    return adresse_absolue(reverse("gestion_connexion"))


def redaction_confirmation(avis, organisation):
    jours = settings.GESTIONNAIRES_LIEN_VALIDITE_JOURS
    return (
        gettext("Confirmez votre adresse"),
        ngettext(
            "Vous avez demandé à gérer la fiche de %(organisation)s. Pour confirmer votre "
            "adresse, ouvrez ce lien :\n%(lien)s\nIl ne sert qu'une fois et expire dans "
            "%(jours)s jour. Si vous n'avez rien demandé, ignorez ce courriel : rien ne sera fait.",
            "Vous avez demandé à gérer la fiche de %(organisation)s. Pour confirmer votre "
            "adresse, ouvrez ce lien :\n%(lien)s\nIl ne sert qu'une fois et expire dans "
            "%(jours)s jours. Si vous n'avez rien demandé, ignorez ce courriel : rien ne sera "
            "fait.",
            jours,
        )
        % {
            "organisation": organisation.nom,
            "lien": lien_de_confirmation(avis.gestionnaire),
            "jours": jours,
        },
    )


def redaction_connexion(avis, organisation):
    minutes = settings.SESAME_MAX_AGE // 60
    return (
        gettext("Votre lien de connexion"),
        ngettext(
            "Pour entrer dans votre espace de gestionnaire, ouvrez ce lien :\n%(lien)s\n"
            "Il ne sert qu'une fois et expire dans %(minutes)s minute. Si vous ne l'avez pas "
            "demandé, ignorez ce courriel.",
            "Pour entrer dans votre espace de gestionnaire, ouvrez ce lien :\n%(lien)s\n"
            "Il ne sert qu'une fois et expire dans %(minutes)s minutes. Si vous ne l'avez pas "
            "demandé, ignorez ce courriel.",
            minutes,
        )
        % {"lien": lien_de_connexion(avis.gestionnaire.user), "minutes": minutes},
    )


def redaction_demande(avis, organisation, relance=False):
    demande = avis.demande
    valeurs = {
        "organisation": organisation.nom,
        "nom": demande.nom,
        "fonction": demande.fonction,
        "courriel": demande.courriel,
        "espace": espace(),
    }
    if relance:
        objet = gettext("Rappel : une demande pour gérer %(organisation)s")
        corps = gettext(
            "Pour rappel, une demande attend votre réponse : %(nom)s (%(fonction)s, "
            "%(courriel)s) souhaite gérer avec vous la fiche de %(organisation)s. Approuvez ou "
            "refusez cette demande depuis votre espace de gestionnaire :\n%(espace)s"
        )
    else:
        objet = gettext("Une demande pour gérer %(organisation)s")
        corps = gettext(
            "Une personne demande : %(nom)s (%(fonction)s, %(courriel)s) souhaite gérer avec "
            "vous la fiche de %(organisation)s. Approuvez ou refusez cette demande depuis votre "
            "espace de gestionnaire :\n%(espace)s"
        )
    return objet % valeurs, corps % valeurs


def redaction_relance(avis, organisation):
    return redaction_demande(avis, organisation, relance=True)


def redaction_approuvee(avis, organisation):
    valeurs = {"organisation": organisation.nom, "espace": espace()}
    return (
        gettext("Vous gérez la fiche de %(organisation)s") % valeurs,
        gettext(
            "Votre demande est approuvée : vous gérez la fiche de %(organisation)s. Pour entrer "
            "dans votre espace, demandez un lien de connexion ici :\n%(espace)s"
        )
        % valeurs,
    )


def redaction_refusee(avis, organisation):
    valeurs = {"organisation": organisation.nom}
    return (
        gettext("Votre demande pour %(organisation)s") % valeurs,
        gettext(
            "Votre demande pour gérer la fiche de %(organisation)s n'a pas été approuvée. Si "
            "vous pensez que c'est une erreur, écrivez à l'équipe de l'annuaire."
        )
        % valeurs,
    )


def redaction_signalement(avis, organisation):
    signalement = avis.signalement
    valeurs = {
        "organisation": organisation.nom,
        "motif": signalement.get_motif_display(),
        "commentaire": signalement.commentaire,
        "fiche": adresse_absolue(organisation.get_absolute_url()),
    }
    return (
        gettext("Une erreur signalée sur la fiche de %(organisation)s") % valeurs,
        gettext(
            "Un visiteur signale une erreur sur la fiche de %(organisation)s "
            "(motif : %(motif)s) :\n\n%(commentaire)s\n\n"
            "L'équipe de l'annuaire l'examine. La fiche : %(fiche)s"
        )
        % valeurs,
    )


def redaction_a_verifier(avis, organisation):
    if organisation.verified_at:
        depuis = gettext("Sa dernière vérification date du %(date)s.") % {
            "date": date_format(organisation.verified_at, "j F Y")
        }
    else:
        depuis = gettext("Ses informations n'ont encore jamais été vérifiées.")
    return (
        gettext("La fiche de %(organisation)s est-elle toujours à jour ?")
        % {"organisation": organisation.nom},
        gettext(
            "%(depuis)s Relisez-la : %(fiche)s\n"
            "Si tout y est juste, dites-le en un clic depuis votre espace de gestionnaire (bouton "
            "« Toujours à jour ») : la fiche l'affichera.\n%(espace)s"
        )
        % {
            "depuis": depuis,
            "fiche": adresse_absolue(organisation.get_absolute_url()),
            "espace": espace(),
        },
    )


REDACTIONS = {
    SorteAvis.CONFIRMATION: redaction_confirmation,
    SorteAvis.CONNEXION: redaction_connexion,
    SorteAvis.DEMANDE: redaction_demande,
    SorteAvis.RELANCE: redaction_relance,
    SorteAvis.APPROUVEE: redaction_approuvee,
    SorteAvis.REFUSEE: redaction_refusee,
    SorteAvis.SIGNALEMENT: redaction_signalement,
    SorteAvis.A_VERIFIER: redaction_a_verifier,
}


@task()
def envoyer_avis(avis_id, tentative=1):
    """Attempt number `tentative` to send a mail to a manager; sends it at most once."""
    return envoyer_une_fois(
        Avis.objects.all(),
        avis_id,
        tentative=tentative,
        tache=envoyer_avis,
        courriel_de=courriel_d_avis,
    )


def purger_demandes(*, jours=None):
    """Delete the requests refused, or never confirmed, more than `jours` days ago (by default
    MESSAGES_CONSERVATION_JOURS), with their mails. Returns how many were deleted."""
    if jours is None:
        jours = settings.MESSAGES_CONSERVATION_JOURS
    limite = timezone.now() - timedelta(days=jours)
    refusees = Q(etat=EtatGestionnaire.REFUSE) & (
        Q(approved_at__lt=limite) | Q(approved_at__isnull=True, created_at__lt=limite)
    )
    jamais_confirmees = Q(etat=EtatGestionnaire.A_CONFIRMER, created_at__lt=limite)
    _, supprimees = Gestionnaire.objects.filter(refusees | jamais_confirmees).delete()
    return supprimees.get(Gestionnaire._meta.label, 0)


def relancer_avis_oublies():
    """Enqueue again the managers' mails whose task was lost; returns how many."""
    return relancer_oublies(Avis.objects.all(), envoyer_avis, depuis="created_at")
