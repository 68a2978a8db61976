from django.shortcuts import get_object_or_404, render

from .donnees_structurees import dispositif_json_ld
from .filters import DispositifFilter
from .models import Dispositif


def dispositif_list(request):
    dispositifs = Dispositif.objects.published().for_annuaire()
    filtres = DispositifFilter(request.GET, dispositifs, request=request)
    context = {"filtres": filtres, "page": filtres.page}
    return render(request, "accompagnement/dispositif_list.html", context)


def dispositif_detail(request, slug):
    dispositif = get_object_or_404(Dispositif.objects.published().for_profile(), slug=slug)
    context = {
        "dispositif": dispositif,
        "url_canonique": request.build_absolute_uri(dispositif.get_absolute_url()),
        "json_ld": dispositif_json_ld(request, dispositif),
    }
    return render(request, "accompagnement/dispositif_detail.html", context)
