from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import Organisation, Personne, TypeActivite


def organisation_list(request):
    # A first listing, reached from the home page's kinds of activity; the directory's
    # FilterSet (search, territory, legal form…) will replace the single ?type= parameter.
    organisations = Organisation.objects.published().for_annuaire()
    type_activite = None
    if request.GET.get("type"):
        type_activite = get_object_or_404(TypeActivite, slug=request.GET["type"])
        organisations = organisations.with_type(type_activite)
    page = Paginator(organisations, 20).get_page(request.GET.get("page"))
    context = {"page": page, "type_activite": type_activite}
    return render(request, "acteurs/organisation_list.html", context)


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.published().for_profile(), slug=slug)
    return render(request, "acteurs/organisation_detail.html", {"organisation": organisation})


def personne_detail(request, slug):
    personne = get_object_or_404(Personne.objects.published().for_profile(), slug=slug)
    return render(request, "acteurs/personne_detail.html", {"personne": personne})
