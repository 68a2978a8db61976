from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from acteurs.espace import connecte
from ecosysteme.courriels import LienInvalide
from ecosysteme.formulaires import LimiteAtteinte
from ecosysteme.models import Proposition

from . import propositions
from .forms import FicheGereeForm, PropositionForm, SignalementForm
from .signalements import fiche_publiee, signaler

CHAMPS = SignalementForm.Meta.fields


def fiche_ou_404(sorte, slug):
    fiche = fiche_publiee(sorte, slug)
    if fiche is None:
        raise Http404("Aucune fiche publiée à cette adresse.")
    return fiche


def signalement_signaler(request, slug, sorte):
    """« Signaler une erreur » on a published profile: the report is stored for the editors."""
    fiche = fiche_ou_404(sorte, slug)
    donnees = request.POST if request.method == "POST" else None
    form = SignalementForm(donnees, sorte=sorte, fiche=fiche)
    status = 200
    if form.is_valid():
        try:
            signaler(fiche=fiche, **{champ: form.cleaned_data[champ] for champ in CHAMPS})
        except LimiteAtteinte as refus:
            form.add_error(None, str(refus))
            status = 429
        else:
            return redirect(f"{fiche.get_absolute_url()}signaler/envoye/")
    context = {"fiche": fiche, "form": form}
    return render(request, "ecosysteme/signalement_signaler.html", context, status=status)


def signalement_envoye(request, slug, sorte):
    context = {
        "fiche": fiche_ou_404(sorte, slug),
        "conservation_jours": settings.SIGNALEMENTS_CONSERVATION_JOURS,
    }
    return render(request, "ecosysteme/signalement_envoye.html", context)


def proposition_page(request, *, modele, fiche=None):
    """The form of a proposal: a change to a published profile, or a new one."""
    cible = f"{modele._meta.model_name}:{fiche.slug if fiche else ''}"
    donnees = request.POST if request.method == "POST" else None
    form = PropositionForm(donnees, modele=modele, fiche=fiche, cible=cible)
    status = 200
    if form.is_valid():
        try:
            propositions.proposer(
                modele=modele,
                fiche=fiche,
                valeurs=form.valeurs_proposees,
                courriel=form.cleaned_data["courriel"],
                commentaire=form.cleaned_data["commentaire"],
            )
        except LimiteAtteinte as refus:
            form.add_error(None, str(refus))
            status = 429
        else:
            return redirect("proposition_envoyee")
    context = {"fiche": fiche, "form": form, "sorte": modele._meta.verbose_name}
    return render(request, "ecosysteme/proposition_proposer.html", context, status=status)


def proposition_proposer(request, slug, sorte):
    """« Proposer une modification » of a published organisation or programme."""
    fiche = propositions.fiche_publiee(sorte, slug)
    if fiche is None:
        raise Http404("Aucune fiche publiée à cette adresse.")
    return proposition_page(request, modele=propositions.FICHES[sorte], fiche=fiche)


def proposition_ajouter(request, sorte):
    """« Ajouter une organisation », « Ajouter un dispositif »."""
    return proposition_page(request, modele=propositions.FICHES[sorte])


def proposition_envoyee(request):
    context = {"validite_jours": settings.PROPOSITIONS_LIEN_VALIDITE_JOURS}
    return render(request, "ecosysteme/proposition_envoyee.html", context)


def proposition_confirmer(request, jeton):
    """The link sent to the author: asks to confirm (a mail scanner that follows links must
    not confirm for them), then sends the proposal to the editors, once."""
    try:
        proposition = propositions.proposition_du_lien(jeton)
        if request.method == "POST":
            propositions.confirmer(proposition)
            context = {"proposition": proposition, "confirmee": True}
            return render(request, "ecosysteme/proposition_confirmer.html", context)
    except LienInvalide as refus:
        context = {"refus": str(refus)}
        return render(request, "ecosysteme/proposition_confirmer.html", context, status=410)
    context = {"proposition": proposition, "nom": propositions.nom_de(proposition)}
    return render(request, "ecosysteme/proposition_confirmer.html", context)


@connecte
def gestion_fiche(request, slug):
    """A manager edits their organisation's public profile: a proposal for the editors until
    they are trusted, applied at once afterwards. Another organisation's slug is a 404."""
    gestionnaire = propositions.gestionnaire_de(request.user, slug)
    if gestionnaire is None:
        raise Http404("Vous ne gérez pas cette organisation.")
    organisation = gestionnaire.organisation
    donnees = request.POST if request.method == "POST" else None
    form = FicheGereeForm(donnees, fiche=organisation)
    status = 200
    if form.is_valid():
        try:
            proposition = propositions.modifier(
                gestionnaire=gestionnaire, valeurs=form.valeurs_modifiees
            )
        except ValidationError as refus:
            # Said above the form: the profile may hold fields the form does not.
            form.add_error(None, refus.messages)
        except LimiteAtteinte as refus:
            form.add_error(None, str(refus))
            status = 429
        else:
            suite = "envoyee" if proposition is not None else "enregistree"
            return redirect(f"{request.path}?{suite}=1")
    en_attente = Proposition.objects.pending_on(organisation).order_by("created_at", "pk")
    context = {
        "organisation": organisation,
        "form": form,
        "is_trusted": propositions.is_trusted(gestionnaire),
        "envoyee": request.GET.get("envoyee") == "1" and not form.is_bound,
        "enregistree": request.GET.get("enregistree") == "1" and not form.is_bound,
        "en_attente": [
            (proposition, propositions.lignes_proposees(proposition, type(organisation)))
            for proposition in en_attente
        ],
    }
    return render(request, "acteurs/gestion_fiche.html", context, status=status)
