from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode

from accompagnement.filters import DispositifFilter
from accompagnement.models import Dispositif
from acteurs.filters import OrganisationFilter, PersonneFilter
from acteurs.models import (
    FORMES_COOPERATIVES,
    TYPES_ACCOMPAGNEMENT,
    TYPES_COOPERATIVES,
    Organisation,
    Personne,
    TypeActivite,
)

from .index_facettes import index_de
from .models import Territoire, Thematique, VersionDonnees
from .recherche import nettoyer_requete

# The search page shows the first results of each kind; its full list has the rest.
RESULTATS_PAR_GROUPE = 5


def robots_txt(request):
    # Every page may be indexed. Also the floor of `manage.py mesurer_performances`: a view
    # that does nothing, behind the same middleware as the pages it is compared with.
    return HttpResponse("User-agent: *\nAllow: /\n", content_type="text/plain; charset=utf-8")


def home(request):
    # Every figure comes from the listings' indexes in memory (ecosysteme.index_facettes):
    # the same numbers as the listings they link to, without counting the whole directory.
    jeton = VersionDonnees.actuelle()
    index = index_de(OrganisationFilter, Organisation.objects.published(), jeton)
    types, thematiques = list(TypeActivite.objects.all()), list(Thematique.objects.all())
    for type_activite in types:
        type_activite.nombre = index.bits("type", type_activite.pk).bit_count()
    for thematique in thematiques:
        thematique.nombre = index.bits("thematique", thematique.pk).bit_count()
    regions = [
        (region, index.bits("territoire", region.pk).bit_count())
        for region in Territoire.objects.regions()
    ]
    par_type = {type_activite.slug: type_activite.pk for type_activite in types}

    def union(facette, cles):
        return reduce(or_, (index.bits(facette, cle) for cle in cles), 0)

    cooperatives = union("forme_juridique", FORMES_COOPERATIVES) | union(
        "type", [par_type[slug] for slug in TYPES_COOPERATIVES if slug in par_type]
    )
    accompagnement = union(
        "type", [par_type[slug] for slug in TYPES_ACCOMPAGNEMENT if slug in par_type]
    )
    personnes = index_de(PersonneFilter, Personne.objects.published(), jeton)
    dispositifs = index_de(DispositifFilter, Dispositif.objects.published(), jeton)
    context = {
        "nombre_organisations": index.entrees.bit_count(),
        "nombre_cooperatives": cooperatives.bit_count(),
        "nombre_structures_accompagnement": accompagnement.bit_count(),
        "nombre_personnes": personnes.entrees.bit_count(),
        "nombre_dispositifs": dispositifs.entrees.bit_count(),
        "nombre_territoires": Territoire.objects.count(),
        "types": types,
        "regions": regions,
        "thematiques": thematiques,
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


@dataclass
class GroupeResultats:
    """The results of one kind on the search page, e.g. the organisations found."""

    singulier: str
    pluriel: str
    gabarit: str  # the card each result is shown with
    url_liste: str  # the full listing, filtered by the same text
    nombre: int
    resultats: list

    @property
    def titre(self):
        return self.pluriel.capitalize()

    @property
    def libelle_nombre(self):
        return f"{self.nombre} {self.singulier if self.nombre < 2 else self.pluriel}"


def chercher(queryset, texte):
    """The entries matching the text, most relevant first, then by name.

    search() leaves the queryset unchanged when the text has no usable word (only stop
    words, say): that would list the whole directory, so nothing is found instead.
    """
    trouves = queryset.search(texte)
    if "pertinence" not in trouves.query.annotations:
        return queryset.none()
    return trouves.order_by("-pertinence", *queryset.model._meta.ordering)


def grouper(queryset, texte, *, liste, gabarit):
    """Count the matches and fetch the first few: the same queries, however many match."""
    trouves = chercher(queryset, texte)
    return GroupeResultats(
        singulier=queryset.model._meta.verbose_name,
        pluriel=queryset.model._meta.verbose_name_plural,
        gabarit=gabarit,
        url_liste=f"{reverse(liste)}?{urlencode({'q': texte})}",
        nombre=trouves.count(),
        resultats=list(trouves[:RESULTATS_PAR_GROUPE]),
    )


def recherche(request):
    q, tronque = nettoyer_requete(request.GET.get("q", ""))
    groupes = []
    if q:
        organisations = Organisation.objects.published().for_annuaire()
        personnes = Personne.objects.published().with_fonctions()
        dispositifs = Dispositif.objects.published().for_annuaire()
        groupes = [
            grouper(
                organisations,
                q,
                liste="organisation_list",
                gabarit="acteurs/_organisation_carte.html",
            ),
            grouper(
                personnes, q, liste="personne_list", gabarit="ecosysteme/_resultat_personne.html"
            ),
            grouper(
                dispositifs,
                q,
                liste="dispositif_list",
                gabarit="accompagnement/_dispositif_carte.html",
            ),
        ]
    context = {
        "q": q,
        "tronque": tronque,
        "groupes": [groupe for groupe in groupes if groupe.nombre],
        "nombre_resultats": sum(groupe.nombre for groupe in groupes),
    }
    return render(request, "ecosysteme/recherche.html", context)
