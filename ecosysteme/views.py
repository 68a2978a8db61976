from django.shortcuts import get_object_or_404, render

from .models import Territoire, Thematique


def home(request):
    return render(request, "ecosysteme/home.html")


def territoire_detail(request, slug):
    territoire = get_object_or_404(Territoire, slug=slug)
    return render(request, "ecosysteme/territoire_detail.html", {"territoire": territoire})


def thematique_detail(request, slug):
    thematique = get_object_or_404(Thematique, slug=slug)
    return render(request, "ecosysteme/thematique_detail.html", {"thematique": thematique})
