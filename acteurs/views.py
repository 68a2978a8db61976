from django.shortcuts import get_object_or_404, render

from .filters import OrganisationFilter, PersonneFilter
from .models import Organisation, Personne


def organisation_list(request):
    organisations = Organisation.objects.published().for_annuaire()
    filtres = OrganisationFilter(request.GET, organisations, request=request)
    context = {"filtres": filtres, "page": filtres.page}
    return render(request, "acteurs/organisation_list.html", context)


def personne_list(request):
    personnes = Personne.objects.published().for_annuaire()
    filtres = PersonneFilter(request.GET, personnes, request=request)
    context = {"filtres": filtres, "page": filtres.page}
    return render(request, "acteurs/personne_list.html", context)


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.published().for_profile(), slug=slug)
    return render(request, "acteurs/organisation_detail.html", {"organisation": organisation})


def personne_detail(request, slug):
    personne = get_object_or_404(Personne.objects.published().for_profile(), slug=slug)
    return render(request, "acteurs/personne_detail.html", {"personne": personne})
