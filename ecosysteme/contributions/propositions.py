"""« Proposer une modification », « Ajouter une organisation », « Ajouter un dispositif »: a
visitor proposes new values for some public fields of a profile, or a new profile. Nothing is
applied: the proposal stores the proposed values and those they were based on (JSON). Its
author confirms their address through a signed link, single use and expiring, sent in the
background; only then does it reach the editors' queue. An editor accepts all or some fields,
applied through the model's full validation and recorded in the profile's history with the
author as its origin, or refuses it with a reason; the author is told once, in the background.
Their address is erased after the retention period.

The tasks receive the proposal's id only: the queue of tasks holds no personal data.
"""

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks import task

from accompagnement.models import Dispositif
from acteurs.models import Gestionnaire, Organisation, Personne
from acteurs.registres.commun import CHAMPS_REGISTRE
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
from ecosysteme.enums import EtatProposition, StatutEnvoi
from ecosysteme.formulaires import verifier_limites
from ecosysteme.models import Proposition, colonne_francaise

from .signalements import FICHES as SIGNALABLES

SEL_LIEN = "ecosysteme.proposition.confirmation"

# The profiles open to proposals, by the word of their address: /acteurs/<slug>/proposer/…
# The same profiles as « Signaler une erreur »; only organisations and programmes may be added
# (ecosysteme/urls.py): a person comes with a role, which an editor records.
FICHES = SIGNALABLES
# What a visitor may propose: the public facts of a profile, never its publication, its slug,
# its private contact address, its flags, nor anything that points to another entry (seat,
# territories, carriers, sources: an editor links those).
CHAMPS = {
    Organisation: [
        "nom",
        "sigle",
        "forme_juridique",
        "annee_creation",
        "annee_fin",
        "description",
        "site_web",
        "adresse",
        "complement_adresse",
        "code_postal",
        "courriel",
        "telephone",
        "siren",
        "siret",
        "rna",
        "bce",
    ],
    Dispositif: ["nom", "nature", "public", "etapes", "description", "site_web"],
    # A person's public role only: never their contact details, which they publish themselves.
    Personne: ["prenom", "nom", "designation", "biographie"],
}


def champs_de(proposition, modele):
    """The fields this proposal may set: a visitor's, or a registry's (acteurs.registres)."""
    if proposition.source_id is not None and modele is Organisation:
        return CHAMPS_REGISTRE
    return CHAMPS[modele]


# The history's change reason holds 100 characters: a long address is shortened there.
ADRESSE_DANS_HISTORIQUE = 40


def fiche_publiee(sorte, slug):
    """The published profile of this kind and slug, or None (a draft, an unknown slug, a person
    anonymised at their request: nobody may propose their name back)."""
    fiches = FICHES[sorte].objects.published().filter(slug=slug)
    if FICHES[sorte] is Personne:
        fiches = fiches.not_anonymised()
    return fiches.first()


def en_json(valeur):
    """A field's value as stored in a proposal: a date as ISO, a phone number as E.164."""
    if valeur is None or isinstance(valeur, (str, int, float, bool)):
        return valeur
    if isinstance(valeur, date):
        return valeur.isoformat()
    return str(valeur)


def attribut(modele, champ):
    """What a proposal reads and writes of a field: for one with a text per language
    (translation.py), its French, whatever the language of the page that proposes or of the
    admin that accepts: the proposals are about what the entry says in French."""
    return modele._meta.get_field(colonne_francaise(modele, champ)).attname


def valeurs_de(instance, champs=None):
    """The values of the proposable fields of this profile (saved or not), or of these fields,
    as JSON."""
    modele = type(instance)
    return {
        champ: en_json(getattr(instance, attribut(modele, champ)))
        for champ in champs or CHAMPS[modele]
    }


def proposer(*, modele, valeurs, courriel, commentaire="", fiche=None):
    """Store a proposal (a change to `fiche`, or a new profile of `modele` when it is None),
    to be confirmed, and send its author the link. Only the proposable fields are kept, and of
    a change only those that differ. Raises LimiteAtteinte, storing nothing, when the address
    or the profile has had enough proposals lately."""
    initiales = valeurs_de(fiche) if fiche is not None else {}
    valeurs = {champ: en_json(valeurs[champ]) for champ in CHAMPS[modele] if champ in valeurs}
    if fiche is not None:
        valeurs = {champ: v for champ, v in valeurs.items() if v != initiales[champ]}
    with transaction.atomic():
        regles = [
            (
                lambda duree: Proposition.objects.since(duree).from_sender(courriel).count(),
                settings.PROPOSITIONS_LIMITES_EXPEDITEUR,
                _(
                    "Vous avez déjà fait plusieurs propositions {periode} : pour éviter les "
                    "abus, réessayez plus tard."
                ),
            )
        ]
        if fiche is not None:
            regles.append(
                (
                    lambda duree: Proposition.objects.since(duree).about(fiche).count(),
                    settings.PROPOSITIONS_LIMITES_FICHE,
                    _(
                        "Cette fiche a déjà reçu plusieurs propositions {periode} : l'équipe de "
                        "l'annuaire les examine ; réessayez plus tard si besoin."
                    ),
                )
            )
        verifier_limites(*regles)
        proposition = Proposition.objects.create(
            type_fiche=ContentType.objects.get_for_model(modele),
            fiche_id=fiche.pk if fiche is not None else None,
            is_creation=fiche is None,
            valeurs=valeurs,
            valeurs_initiales={champ: initiales[champ] for champ in valeurs if initiales},
            commentaire=commentaire,
            courriel=courriel,
            consented_at=timezone.now(),
        )
        planifier(envoyer_confirmation, proposition.pk)
    return proposition


# A manager's edits of their own organisation


def changements(fiche, valeurs):
    """Of these values, the proposable ones that differ from the profile's, as JSON."""
    initiales = valeurs_de(fiche)
    valeurs = {champ: en_json(valeurs[champ]) for champ in CHAMPS[type(fiche)] if champ in valeurs}
    return {champ: v for champ, v in valeurs.items() if v != initiales[champ]}


def is_trusted(gestionnaire):
    """Whether this manager's edits are applied at once: the editors have accepted
    GESTIONNAIRES_MODIFICATIONS_MODEREES of them (refused ones do not count). Reads
    `acceptees` when the manager was annotated with it."""
    acceptees = getattr(gestionnaire, "acceptees", None)
    if acceptees is None:
        acceptees = gestionnaire.propositions.filter(etat=EtatProposition.ACCEPTEE).count()
    return acceptees >= settings.GESTIONNAIRES_MODIFICATIONS_MODEREES


def gestionnaire_de(user, slug):
    """The approved manager this account is of the organisation of this slug, its organisation
    and account with it, annotated with their accepted edits; None when it manages no such
    organisation."""
    acceptees = Count("propositions", filter=Q(propositions__etat=EtatProposition.ACCEPTEE))
    if not user.is_authenticated:
        return None
    return (
        Gestionnaire.objects.approved()
        .filter(user=user, organisation__slug=slug)
        .select_related("organisation", "user")
        .annotate(acceptees=acceptees)
        .order_by("pk")
        .first()
    )


def raison_gestionnaire(gestionnaire):
    return f"modifié par {gestionnaire.nom} (gestionnaire)"[:100]


def modifier(*, gestionnaire, valeurs):
    """A manager's edit of their organisation's public profile (the proposable fields only,
    those that differ). Until they are trusted it becomes a proposal already confirmed (they
    are signed in), in the editors' queue, returned; once trusted it is applied at once,
    through the model's full validation, with the manager in the history, and None is
    returned. Raises ValidationError, storing nothing, when the values are refused, and
    LimiteAtteinte when an untrusted manager has sent enough edits lately."""
    fiche = gestionnaire.organisation
    modele = type(fiche)
    with transaction.atomic():
        if not is_trusted(gestionnaire):
            verifier_limites(
                (
                    lambda duree: gestionnaire.propositions.since(duree).count(),
                    settings.GESTIONNAIRES_LIMITES_MODIFICATION,
                    _(
                        "Vous avez déjà envoyé plusieurs modifications {periode} : l'équipe de "
                        "l'annuaire les relit ; réessayez plus tard."
                    ),
                )
            )
            maintenant = timezone.now()
            initiales = valeurs_de(fiche)
            valeurs = changements(fiche, valeurs)
            return Proposition.objects.create(
                type_fiche=ContentType.objects.get_for_model(modele),
                fiche_id=fiche.pk,
                valeurs=valeurs,
                valeurs_initiales={champ: initiales[champ] for champ in valeurs},
                courriel=gestionnaire.user.email or gestionnaire.courriel,
                consented_at=gestionnaire.consented_at or maintenant,
                etat=EtatProposition.NOUVELLE,
                confirmed_at=maintenant,
                gestionnaire=gestionnaire,
            )
        a_jour = modele.objects.select_for_update().get(pk=fiche.pk)
        for champ, valeur in changements(a_jour, valeurs).items():
            champ_modele = modele._meta.get_field(champ)
            setattr(a_jour, attribut(modele, champ), champ_modele.to_python(valeur))
        a_jour.full_clean()
        a_jour._change_reason = raison_gestionnaire(gestionnaire)
        a_jour._history_user = gestionnaire.user
        a_jour.save()
    return None


# The confirmation of the author's address


def lien_de_confirmation(proposition):
    return lien_signe("proposition_confirmer", proposition.pk, sel=SEL_LIEN)


def proposition_du_lien(jeton):
    """The proposal a confirmation link was sent for, if it is still to confirm; raises
    LienInvalide, saying why, otherwise."""
    pk = pk_du_lien(
        jeton,
        sel=SEL_LIEN,
        jours=settings.PROPOSITIONS_LIEN_VALIDITE_JOURS,
        si_expire=_("Vous pouvez refaire votre proposition."),
    )
    proposition = (
        Proposition.objects.select_related("type_fiche")
        .filter(pk=pk, purged_at__isnull=True)
        .first()
    )
    if proposition is None:
        raise LienInvalide(_("Ce lien n'est pas valable : la proposition n'existe plus."))
    if proposition.etat != EtatProposition.A_CONFIRMER:
        raise LienInvalide(
            _(
                "Cette proposition a déjà été confirmée : ce lien ne sert qu'une fois. L'équipe "
                "de l'annuaire l'examine."
            )
        )
    return proposition


def confirmer(proposition):
    """Send the proposal to the editors' queue, once. Raises LienInvalide if it was already."""
    a_confirmer = Proposition.objects.filter(pk=proposition.pk, etat=EtatProposition.A_CONFIRMER)
    if not a_confirmer.update(etat=EtatProposition.NOUVELLE, confirmed_at=timezone.now()):
        raise LienInvalide(
            _("Cette proposition a déjà été confirmée : ce lien ne sert qu'une fois.")
        )
    proposition.refresh_from_db()
    return proposition


def nom_de(proposition):
    if proposition.is_creation and proposition.fiche_id is None:
        return proposition.valeurs.get("nom", "")
    return str(proposition.fiche or _("une fiche supprimée depuis"))


def courriel_de_confirmation(proposition_id):
    proposition = Proposition.objects.select_related("type_fiche").get(pk=proposition_id)
    sorte = proposition.type_fiche.model_class()._meta.verbose_name
    if proposition.is_creation:
        propose = _(
            "Quelqu'un, sans doute vous, a proposé d'ajouter la fiche « %(nom)s » (%(sorte)s) "
            "dans l'annuaire Écosystème, avec cette adresse."
        )
    else:
        propose = _(
            "Quelqu'un, sans doute vous, a proposé une modification de la fiche « %(nom)s » "
            "dans l'annuaire Écosystème, avec cette adresse."
        )
    propose %= {"nom": nom_de(proposition), "sorte": sorte}
    confirmez = _(
        "Pour la transmettre à l'équipe de l'annuaire, confirmez votre adresse en ouvrant ce "
        "lien (valable %(jours)s jours, une seule fois) :"
    ) % {"jours": settings.PROPOSITIONS_LIEN_VALIDITE_JOURS}
    ignorez = _("Si vous n'avez rien proposé, ignorez ce courriel : rien ne sera transmis.")
    corps = (
        _("Bonjour,")
        + f"\n\n{propose}\n\n{confirmez}\n{lien_de_confirmation(proposition)}\n\n{ignorez}\n"
    )
    return courriel(
        objet=_("Confirmez votre proposition"), corps=corps, destinataire=proposition.courriel
    )


def a_confirmer():
    return Proposition.objects.filter(etat=EtatProposition.A_CONFIRMER, purged_at__isnull=True)


@task()
def envoyer_confirmation(proposition_id, tentative=1):
    """Attempt number `tentative` to send the confirmation link; sends it at most once."""
    return envoyer_une_fois(
        a_confirmer(),
        proposition_id,
        tentative=tentative,
        tache=envoyer_confirmation,
        courriel_de=courriel_de_confirmation,
    )


# The editors' decision


def comparaison(proposition):
    """Field by field, what the proposal changes: (name, label, value it was based on, current
    value, proposed value, whether the profile has changed since), each value displayed."""
    modele = proposition.type_fiche.model_class()
    fiche = proposition.fiche
    actuelles = valeurs_de(fiche, champs_de(proposition, modele)) if fiche is not None else {}
    lignes = []
    for champ, propose in proposition.valeurs.items():
        if champ not in champs_de(proposition, modele):
            continue
        champ_modele = modele._meta.get_field(champ)
        initial = proposition.valeurs_initiales.get(champ)
        actuel = actuelles.get(champ)
        lignes.append(
            {
                "champ": champ,
                "libelle": champ_modele.verbose_name,
                "initiale": affichage(champ_modele, initial),
                "actuelle": affichage(champ_modele, actuel),
                "proposee": affichage(champ_modele, propose),
                "is_changed_since": not proposition.is_creation and actuel != initial,
                "is_applied": fiche is not None and actuel == propose,
            }
        )
    return lignes


def affichage(champ_modele, valeur):
    if valeur in (None, ""):
        return _("(vide)")
    if champ_modele.choices:
        return dict(champ_modele.flatchoices).get(valeur, valeur)
    return str(valeur)


def lignes_proposees(proposition, modele):
    """What a pending proposal would set, field by field: (label, proposed value displayed);
    reads nothing more."""
    return [
        (modele._meta.get_field(champ).verbose_name, affichage(modele._meta.get_field(champ), v))
        for champ, v in proposition.valeurs.items()
        if champ in champs_de(proposition, modele)
    ]


def is_changed_since(proposition):
    return any(ligne["is_changed_since"] for ligne in comparaison(proposition))


def auteur_dans_historique(courriel_auteur):
    adresse = courriel_auteur
    if len(adresse) > ADRESSE_DANS_HISTORIQUE:
        adresse = adresse[: ADRESSE_DANS_HISTORIQUE - 1] + "…"
    return f"proposé par {adresse}"


def raison_historique(courriel_auteur, par):
    auteur = auteur_dans_historique(courriel_auteur)
    return f"{auteur} via l'annuaire, accepté par {par.get_username()}"[:100]


def nouveau_slug(modele, nom):
    base = slugify(nom)[:190] or "fiche"
    slug, numero = base, 1
    while modele.objects.filter(slug=slug).exists():
        numero += 1
        slug = f"{base}-{numero}"
    return slug


def accepter(proposition, *, champs, par, reponse=""):
    """Apply the chosen fields of a proposal, through the model's full
    validation (full_clean, as the admin validates), in one transaction, with the author and
    the editor in the history. A new profile is created as a draft. Raises ValidationError,
    applying nothing, when the values are refused; returns the profile, or None when the
    proposal was no longer to process."""
    modele = proposition.type_fiche.model_class()
    champs = [c for c in proposition.valeurs if c in champs and c in champs_de(proposition, modele)]
    if not champs:
        raise ValidationError(_("Cochez au moins un champ à accepter, ou refusez la proposition."))
    with transaction.atomic():
        a_traiter = Proposition.objects.select_for_update().filter(
            pk=proposition.pk, etat=EtatProposition.NOUVELLE
        )
        if not a_traiter.exists():
            return None
        if proposition.is_creation:
            fiche = modele(is_published=False)
        else:
            fiche = modele.objects.select_for_update().filter(pk=proposition.fiche_id).first()
            if fiche is None:
                raise ValidationError(_("La fiche a été supprimée depuis la proposition."))
        for champ in champs:
            champ_modele = modele._meta.get_field(champ)
            valeur = champ_modele.to_python(proposition.valeurs[champ])
            setattr(fiche, attribut(modele, champ), valeur)
        if proposition.is_creation:
            fiche.slug = nouveau_slug(modele, fiche.nom)
        fiche.full_clean()
        if proposition.source_id is not None:
            fiche._change_reason = (
                f"d'après {proposition.source}, accepté par {par.get_username()}"[:100]
            )
        else:
            fiche._change_reason = raison_historique(proposition.courriel, par)
        fiche._history_user = par
        fiche.save()
        conclure(
            proposition,
            etat=EtatProposition.ACCEPTEE,
            par=par,
            fiche_id=fiche.pk,
            champs_acceptes=champs,
            reponse=reponse,
        )
    return fiche


def refuser(proposition, *, reponse, par):
    """Refuse a proposal, saying why to its author. Returns whether it was still to process."""
    with transaction.atomic():
        return conclure(proposition, etat=EtatProposition.REFUSEE, par=par, reponse=reponse)


def conclure(proposition, *, etat, par, **champs):
    a_traiter = Proposition.objects.filter(pk=proposition.pk, etat=EtatProposition.NOUVELLE)
    # The row's mail is now the outcome: a new one to send.
    if not a_traiter.update(
        etat=etat,
        processed_at=timezone.now(),
        processed_by=par,
        statut=StatutEnvoi.A_ENVOYER,
        tentatives=0,
        erreur="",
        sent_at=None,
        **champs,
    ):
        return False
    planifier(informer_auteur, proposition.pk)
    proposition.refresh_from_db()
    return True


def a_informer():
    """The processed proposals whose author may still be told the outcome."""
    return Proposition.objects.processed().filter(purged_at__isnull=True).exclude(courriel="")


def courriel_de_reponse(proposition_id):
    proposition = Proposition.objects.select_related("type_fiche").get(pk=proposition_id)
    modele = proposition.type_fiche.model_class()
    fiche = proposition.fiche
    if proposition.is_creation:
        propose = _("Vous avez proposé d'ajouter la fiche « %(nom)s » dans l'annuaire Écosystème.")
    else:
        propose = _(
            "Vous avez proposé de modifier la fiche « %(nom)s » dans l'annuaire Écosystème."
        )
    corps = _("Bonjour,") + "\n\n" + propose % {"nom": nom_de(proposition)} + "\n\n"
    if proposition.etat == EtatProposition.ACCEPTEE:
        libelles = [
            str(modele._meta.get_field(champ).verbose_name) for champ in proposition.champs_acceptes
        ]
        accepte = _(
            "L'équipe de l'annuaire a accepté votre proposition, pour ces champs : %(champs)s. "
            "Merci de votre aide."
        ) % {"champs": ", ".join(libelles)}
        corps += accepte + "\n"
        if proposition.is_creation:
            corps += _("La fiche sera publiée une fois complétée par l'équipe.") + "\n"
    else:
        corps += _("L'équipe de l'annuaire n'a pas retenu votre proposition.") + "\n"
    if proposition.reponse:
        corps += f"\n{proposition.reponse}\n"
    if fiche is not None and getattr(fiche, "is_published", False):
        adresse = adresse_absolue(fiche.get_absolute_url())
        corps += "\n" + _("La fiche : %(adresse)s") % {"adresse": adresse} + "\n"
    pourquoi = _(
        "Vous recevez ce courriel parce que vous avez fait cette proposition. Votre adresse est "
        "effacée de l'annuaire %(jours)s jours après ce traitement."
    ) % {"jours": settings.PROPOSITIONS_CONSERVATION_JOURS}
    corps += f"\n-- \n{pourquoi}\n"
    return courriel(objet=_("Votre proposition"), corps=corps, destinataire=proposition.courriel)


@task()
def informer_auteur(proposition_id, tentative=1):
    """Attempt number `tentative` to tell an author the outcome; sends it at most once."""
    return envoyer_une_fois(
        a_informer(),
        proposition_id,
        tentative=tentative,
        tache=informer_auteur,
        courriel_de=courriel_de_reponse,
    )


def relancer_propositions_oubliees():
    """Enqueue again the confirmation links and outcomes whose task was lost; returns how
    many."""
    return relancer_oublies(a_confirmer(), envoyer_confirmation, depuis="created_at") + (
        relancer_oublies(a_informer(), informer_auteur, depuis="processed_at")
    )


def purger_propositions(*, jours=None):
    """Erase the author's address of the proposals processed more than `jours` days ago (by
    default PROPOSITIONS_CONSERVATION_JOURS), there and in the history of the profile they
    changed; delete the proposals never confirmed whose link has expired. What was proposed,
    and how it was processed, stay. Returns how many addresses were erased."""
    if jours is None:
        jours = settings.PROPOSITIONS_CONSERVATION_JOURS
    Proposition.objects.unconfirmed_expired(settings.PROPOSITIONS_LIEN_VALIDITE_JOURS).delete()
    nombre = 0
    for proposition in Proposition.objects.to_purge(jours).select_related("type_fiche"):
        with transaction.atomic():
            effacer_de_l_historique(proposition)
            nombre += Proposition.objects.filter(pk=proposition.pk).update(
                courriel="", erreur="", purged_at=timezone.now()
            )
    return nombre


def effacer_de_l_historique(proposition):
    if proposition.etat != EtatProposition.ACCEPTEE or proposition.fiche_id is None:
        return
    historique = proposition.type_fiche.model_class().history.model
    auteur = auteur_dans_historique(proposition.courriel)
    historique.objects.filter(
        id=proposition.fiche_id, history_change_reason__startswith=f"{auteur} via l'annuaire"
    ).update(
        history_change_reason=Replace(
            "history_change_reason", Value(auteur), Value("proposé par un visiteur")
        )
    )
