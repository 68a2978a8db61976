from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from accompagnement.models import Dispositif
from acteurs.models import Organisation, Personne, TypeActivite

from .models import Territoire, Thematique


def home(request):
    organisations = Organisation.objects.published()
    par_territoire = organisations.count_by_territoire()
    publiees = Q(organisations__is_published=True)
    context = {
        "nombre_organisations": organisations.count(),
        "nombre_personnes": Personne.objects.published().count(),
        "nombre_dispositifs": Dispositif.objects.published().count(),
        "nombre_territoires": Territoire.objects.count(),
        "types": TypeActivite.objects.annotate(nombre=Count("organisations", filter=publiees)),
        "regions": [(region, par_territoire[region.pk]) for region in Territoire.objects.regions()],
        "thematiques": Thematique.objects.annotate(nombre=Count("organisations", filter=publiees)),
    }
    return render(request, "ecosysteme/home.html", context)


def territoire_detail(request, slug):
    territoire = get_object_or_404(Territoire.objects.for_page(), slug=slug)
    zone = Territoire.objects.with_descendants(territoire)
    context = {
        "territoire": territoire,
        "enfants": territoire.enfants.all(),
        "organisations": Organisation.objects.published().in_territoires(zone).for_annuaire(),
        "dispositifs": Dispositif.objects.published().in_territoires(zone).for_annuaire(),
    }
    return render(request, "ecosysteme/territoire_detail.html", context)


def thematique_detail(request, slug):
    thematique = get_object_or_404(Thematique, slug=slug)
    context = {
        "thematique": thematique,
        "organisations": thematique.organisations.published().for_annuaire(),
        "dispositifs": thematique.dispositifs.published().for_annuaire(),
    }
    return render(request, "ecosysteme/thematique_detail.html", context)
