from django.shortcuts import get_object_or_404, render

from .models import Organisation, Personne


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.published(), slug=slug)
    return render(request, "acteurs/organisation_detail.html", {"organisation": organisation})


def personne_detail(request, slug):
    personne = get_object_or_404(Personne.objects.published(), slug=slug)
    return render(request, "acteurs/personne_detail.html", {"personne": personne})
