from django.shortcuts import get_object_or_404, render

from .models import Dispositif


def dispositif_detail(request, slug):
    dispositif = get_object_or_404(Dispositif.objects.published().for_profile(), slug=slug)
    return render(request, "accompagnement/dispositif_detail.html", {"dispositif": dispositif})
