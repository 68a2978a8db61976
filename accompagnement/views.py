from django.shortcuts import get_object_or_404, render

from .filters import DispositifFilter
from .models import Dispositif


def dispositif_list(request):
    dispositifs = Dispositif.objects.published().for_annuaire()
    filtres = DispositifFilter(request.GET, dispositifs, request=request)
    context = {"filtres": filtres, "page": filtres.page}
    return render(request, "accompagnement/dispositif_list.html", context)


def dispositif_detail(request, slug):
    dispositif = get_object_or_404(Dispositif.objects.published().for_profile(), slug=slug)
    return render(request, "accompagnement/dispositif_detail.html", {"dispositif": dispositif})
