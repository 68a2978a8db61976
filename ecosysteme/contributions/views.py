from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render

from ecosysteme.formulaires import LimiteAtteinte

from .forms import SignalementForm
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
