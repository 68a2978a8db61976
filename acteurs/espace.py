"""The managers' pages: « Vous représentez cette organisation ? », the confirmation of the
address, the sign-in by link, and the space where managers keep their organisations'
preferences, read what was sent to them and approve newcomers.

Every page of the space reads the organisation among those the signed-in account manages
(Organisation.objects.managed_by): another organisation's slug or request is a 404, whatever
the account; a visitor who is not signed in is sent to the sign-in page.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth import login, logout
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from simple_history.utils import update_change_reason

from ecosysteme.courriels import LienInvalide
from ecosysteme.formulaires import LimiteAtteinte
from ecosysteme.fraicheur import confirmer

from . import gestionnaires
from .besoins import lien_interesse
from .enums import EtatBesoin
from .forms import ConnexionForm, GestionnaireForm, PreferencesForm
from .models import Gestionnaire, Organisation

CHAMPS = GestionnaireForm.Meta.fields


def organisation_representer(request, slug):
    """« Vous représentez cette organisation ? »: the request is stored and its address
    confirmed by a link sent in the background."""
    organisation = get_object_or_404(Organisation.objects.published(), slug=slug)
    donnees = request.POST if request.method == "POST" else None
    form = GestionnaireForm(donnees, organisation=organisation)
    status = 200
    if form.is_valid():
        try:
            gestionnaires.revendiquer(
                organisation=organisation, **{champ: form.cleaned_data[champ] for champ in CHAMPS}
            )
        except LimiteAtteinte as refus:
            form.add_error(None, str(refus))
            status = 429
        else:
            return redirect("organisation_representer_envoye", slug=organisation.slug)
    context = {"organisation": organisation, "form": form}
    return render(request, "acteurs/organisation_representer.html", context, status=status)


def organisation_representer_envoye(request, slug):
    organisation = get_object_or_404(Organisation.objects.published(), slug=slug)
    context = {
        "organisation": organisation,
        "validite_jours": settings.GESTIONNAIRES_LIEN_VALIDITE_JOURS,
    }
    return render(request, "acteurs/organisation_representer_envoye.html", context)


def gestion_confirmer(request, jeton):
    """The link confirming a request's address: asks to confirm (a mail scanner that follows
    links must not confirm for the person), then confirms once."""
    try:
        demande = gestionnaires.demande_du_lien(jeton)
        if request.method == "POST":
            demande = gestionnaires.confirmer(demande)
            context = {"demande": demande, "confirmee": True}
            return render(request, "acteurs/gestion_confirmer.html", context)
    except LienInvalide as refus:
        return render(request, "acteurs/gestion_confirmer.html", {"refus": str(refus)}, status=410)
    return render(request, "acteurs/gestion_confirmer.html", {"demande": demande})


def gestion_connexion(request):
    """Asks for a sign-in link; says the same whether the address is a manager's or not."""
    donnees = request.POST if request.method == "POST" else None
    form = ConnexionForm(donnees)
    status = 200
    if form.is_valid():
        try:
            gestionnaires.demander_connexion(form.cleaned_data["courriel"])
        except LimiteAtteinte as refus:
            form.add_error(None, str(refus))
            status = 429
        else:
            return redirect("gestion_connexion_envoyee")
    return render(request, "acteurs/gestion_connexion.html", {"form": form}, status=status)


def gestion_connexion_envoyee(request):
    context = {"validite_minutes": settings.SESAME_MAX_AGE // 60}
    return render(request, "acteurs/gestion_connexion_envoyee.html", context)


def gestion_entrer(request, jeton):
    """The sign-in link: a button to sign in (a mail scanner must not use the link up)."""
    if request.method == "POST":
        user = gestionnaires.compte_du_lien(request, jeton)
        if user is not None:
            login(request, user, backend="sesame.backends.ModelBackend")
            return redirect("gestion_espace")
        context = {"refus": True}
        return render(request, "acteurs/gestion_entrer.html", context, status=410)
    return render(request, "acteurs/gestion_entrer.html", {"refus": False})


@require_POST
def gestion_deconnexion(request):
    logout(request)
    return redirect("home")


def connecte(vue):
    """A page of the space: a visitor not signed in is sent to the sign-in page (the link comes
    by mail, so there is no page to come back to)."""

    @wraps(vue)
    def verifiee(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("gestion_connexion")
        return vue(request, *args, **kwargs)

    return verifiee


def organisations_gerees(request):
    organisations = Organisation.objects.managed_by(request.user)
    if not organisations.exists():
        # Signed in, but managing nothing: staff included, who keep to the admin.
        raise PermissionDenied("Ce compte ne gère aucune organisation.")
    return organisations


@connecte
def gestion_espace(request):
    organisations = organisations_gerees(request).order_by("nom")
    return render(request, "acteurs/gestion_espace.html", {"organisations": organisations})


def organisation_geree(request, slug):
    organisation = Organisation.objects.managed_by(request.user).filter(slug=slug).first()
    if organisation is None:
        raise Http404("Vous ne gérez pas cette organisation.")
    return organisation


@connecte
def gestion_organisation(request, slug):
    """One organisation's preferences, edited directly, what was sent to it, and the requests
    to manage it awaiting approval."""
    organisation = organisation_geree(request, slug)
    donnees = request.POST if request.method == "POST" else None
    form = PreferencesForm(donnees, instance=organisation)
    if form.is_valid():
        form.save()
        update_change_reason(organisation, "Préférences changées par un gestionnaire")
        return redirect(f"{request.path}?enregistre=1")
    sollicitations = organisation.sollicitations.select_related("besoin", "interet").order_by(
        "-planned_at", "-pk"
    )
    context = {
        "organisation": organisation,
        "form": form,
        "enregistre": request.GET.get("enregistre") == "1" and not form.is_bound,
        "verifie": request.GET.get("verifie") == "1",
        "messages_recus": organisation.messages.order_by("-created_at", "-pk")[:50],
        "besoins_recus": [
            (sollicitation, lien_ouvert(sollicitation), hasattr(sollicitation, "interet"))
            for sollicitation in sollicitations[:50]
        ],
        "demandes": organisation.gestionnaires.to_approve().order_by("created_at", "pk"),
        "gestionnaires": organisation.gestionnaires.approved().order_by("nom", "pk"),
    }
    return render(request, "acteurs/gestion_organisation.html", context)


def lien_ouvert(sollicitation):
    """The path of the link « Intéressé », while the need takes answers and none was given."""
    besoin = sollicitation.besoin
    if besoin.etat != EtatBesoin.ENVOYE or besoin.purged_at or hasattr(sollicitation, "interet"):
        return ""
    return lien_interesse(sollicitation).removeprefix(settings.ADRESSE_SITE.rstrip("/"))


@connecte
@require_POST
def gestion_a_jour(request, slug):
    """« Toujours à jour »: a manager confirms, in one click, that their profile is still true."""
    organisation = organisation_geree(request, slug)
    confirmer([organisation], par=request.user)
    return redirect(
        f"{reverse('gestion_organisation', args=[organisation.slug])}?verifie=1#fraicheur"
    )


@connecte
@require_POST
def gestion_demande(request, slug, pk, decision):
    """A manager approves or refuses a newcomer to their own organisation."""
    organisation = organisation_geree(request, slug)
    demande = get_object_or_404(Gestionnaire.objects.to_approve(), pk=pk, organisation=organisation)
    decider = gestionnaires.approuver if decision == "approuver" else gestionnaires.refuser
    decider(demande, par=request.user)
    return redirect("gestion_organisation", slug=organisation.slug)
