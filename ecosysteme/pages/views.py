from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from accompagnement.filters import DispositifFilter
from accompagnement.models import Dispositif
from acteurs.filters import OrganisationFilter, PersonneFilter
from acteurs.models import Organisation, Personne, TypeActivite
from ecosysteme.donnees_structurees import territoire_json_ld, thematique_json_ld
from ecosysteme.enums import NiveauTerritoire
from ecosysteme.listes.facettes import au_singulier
from ecosysteme.listes.index_facettes import index_de, parmi
from ecosysteme.models import Territoire, Thematique, VersionDonnees, nom_de_niveau
from ecosysteme.pages.carte import carte_du_territoire, cartes
from ecosysteme.pages.mentions import informations_legales
from ecosysteme.recherche.moteur import analyser, formes_de_la_requete, nettoyer_requete
from ecosysteme.sante import etat_base

# The search page shows the first results of each kind; its full list has the rest.
RESULTATS_PAR_GROUPE = 5
# A territory's or a theme's page shows the first entries of each listing, as the listing
# orders them; the listing has the rest.
PREMIERES_ENTREES = 12
# A territory shows the ones right below it up to this many: beyond, the listing's territory
# filter offers them, with their counts.
RATTACHES_MAX = 100


def robots_txt(request):
    # Every page may be indexed, and the sitemap says where they are. Also the floor of
    # `manage.py mesurer_performances`: a view that does next to nothing, behind the same
    # middleware as the pages it is compared with.
    plan = request.build_absolute_uri("/sitemap.xml")
    texte = f"User-agent: *\nAllow: /\nSitemap: {plan}\n"
    return HttpResponse(texte, content_type="text/plain; charset=utf-8")


@never_cache
def sante(request):
    """For the load balancer: 200 when this node reaches its database, migrated; else 503."""
    probleme = etat_base()
    if probleme:
        return JsonResponse({"statut": "indisponible", "base_de_donnees": probleme}, status=503)
    return JsonResponse({"statut": "ok", "base_de_donnees": "ok"})


def home(request):
    # Every figure comes from the listings' indexes in memory (ecosysteme.listes.index_facettes):
    # the same numbers as the listings they link to, without counting the whole directory.
    jeton = VersionDonnees.actuelle()
    index = index_de(OrganisationFilter, Organisation.objects.published(), jeton)
    types, thematiques = list(TypeActivite.objects.all()), list(Thematique.objects.all())
    for type_activite in types:
        type_activite.nombre = len(index.par_defaut("type", type_activite.pk))
    for thematique in thematiques:
        thematique.nombre = len(index.par_defaut("thematique", thematique.pk))
    regions = [
        (region, len(index.par_defaut("territoire", region.pk)))
        for region in Territoire.objects.regions()
    ]
    personnes = index_de(PersonneFilter, Personne.objects.published(), jeton)
    dispositifs = index_de(DispositifFilter, Dispositif.objects.published(), jeton)
    context = {
        "nombre_organisations": len(index.visibles),
        "nombre_cooperatives": len(index.par_defaut("famille", "cooperative")),
        "nombre_structures_accompagnement": len(index.par_defaut("famille", "accompagnement")),
        "nombre_personnes": len(personnes.visibles),
        "nombre_dispositifs": len(dispositifs.visibles),
        "nombre_territoires": Territoire.objects.count(),
        "types": types,
        "regions": regions,
        "thematiques": thematiques,
        "cartes": cartes(index),
    }
    return render(request, "ecosysteme/home.html", context)


def mentions_legales(request):
    return render(request, "ecosysteme/mentions_legales.html", informations_legales())


def donnees_personnelles(request):
    context = {
        **informations_legales(),
        "conservation_jours": settings.MESSAGES_CONSERVATION_JOURS,
        "besoins_conservation_jours": settings.BESOINS_CONSERVATION_JOURS,
        "signalements_conservation_jours": settings.SIGNALEMENTS_CONSERVATION_JOURS,
        "propositions_conservation_jours": settings.PROPOSITIONS_CONSERVATION_JOURS,
        "propositions_lien_validite_jours": settings.PROPOSITIONS_LIEN_VALIDITE_JOURS,
    }
    return render(request, "ecosysteme/donnees_personnelles.html", context)


def donnees_ouvertes(request):
    return render(request, "ecosysteme/donnees_ouvertes.html", informations_legales())


# The listing each FilterSet belongs to.
LISTES = {
    OrganisationFilter: "organisation_list",
    PersonneFilter: "personne_list",
    DispositifFilter: "dispositif_list",
}


@dataclass
class Apercu:
    """The first entries of a listing filtered on one territory or theme: how many there are,
    the first few, and the link to the listing of them all."""

    nombre: int
    entrees: list
    url: str


def compte(filtres, facette, objet, jeton):
    """How many entries of the listing of `filtres` this option (`objet`) of this facet
    holds, and the link to the listing filtered on it: from the listing's index in memory."""
    index = index_de(filtres, filtres._meta.model.objects.published(), jeton)
    liste = reverse(LISTES[filtres])
    return Apercu(
        nombre=len(index.par_defaut(facette, objet.pk)),
        entrees=[],
        url=f"{liste}?{urlencode({facette: objet.slug})}",
    )


def apercu(filtres, facette, objet, jeton):
    """The entries of the listing of `filtres` under this option (`objet`) of this facet.

    Counted and chosen in the listing's index in memory (ecosysteme.listes.index_facettes),
    then read by primary key: the same queries however many there are.
    """
    publiees = filtres._meta.model.objects.published()
    index = index_de(filtres, publiees, jeton)
    bits = index.par_defaut(facette, objet.pk)
    queryset = publiees.for_annuaire()
    premieres = queryset.filter(parmi(queryset, index.premiers_de(bits, PREMIERES_ENTREES)))
    resultat = compte(filtres, facette, objet, jeton)
    resultat.entrees = list(premieres.order_by(*queryset.model._meta.ordering, "pk"))
    return resultat


def territoire_detail(request, slug):
    territoire = get_object_or_404(Territoire.objects.for_page(), slug=slug)
    jeton = VersionDonnees.actuelle()
    carte = carte_du_territoire(territoire)
    if carte is not None:
        # The counts of the home page's map, from the listing's index: no count of our own.
        index = index_de(OrganisationFilter, Organisation.objects.published(), jeton)
        (carte,) = cartes(index, [carte], territoire)
    enfants = list(territoire.enfants.all()[: RATTACHES_MAX + 1])
    nombre_enfants = len(enfants)
    if nombre_enfants > RATTACHES_MAX:  # counted only when they are too many to show
        nombre_enfants = territoire.enfants.count()
    context = {
        "territoire": territoire,
        "carte": carte,
        "enfants": enfants[:RATTACHES_MAX],
        "groupes_enfants": par_niveau(enfants[:RATTACHES_MAX], territoire.code_pays),
        "nombre_enfants": nombre_enfants,
        "organisations": apercu(OrganisationFilter, "territoire", territoire, jeton),
        "dispositifs": apercu(DispositifFilter, "territoire", territoire, jeton),
        "url_canonique": request.build_absolute_uri(territoire.get_absolute_url()),
        "json_ld": territoire_json_ld(request, territoire),
    }
    return render(request, "ecosysteme/territoire_detail.html", context)


def par_niveau(territoires, pays):
    """[(what they are, territories)], one group per level, from the country down: the
    départements of a région apart from its former régions."""
    return [
        (nom_de_niveau(niveau, pays, pluriel=True), groupe)
        for niveau in NiveauTerritoire.values
        if (groupe := [t for t in territoires if t.niveau == niveau])
    ]


def thematique_detail(request, slug):
    thematique = get_object_or_404(Thematique, slug=slug)
    jeton = VersionDonnees.actuelle()
    context = {
        "thematique": thematique,
        "organisations": apercu(OrganisationFilter, "thematique", thematique, jeton),
        "personnes": compte(PersonneFilter, "thematique", thematique, jeton),
        "dispositifs": apercu(DispositifFilter, "thematique", thematique, jeton),
        "url_canonique": request.build_absolute_uri(thematique.get_absolute_url()),
        "json_ld": thematique_json_ld(request, thematique),
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
        return f"{self.nombre} {self.singulier if au_singulier(self.nombre) else self.pluriel}"


def chercher(queryset, texte, index):
    """How many entries match the text, and the first few, most relevant first, then by name.

    A text with no usable word (only stop words, say) finds nothing, rather than the whole
    directory. Two queries, however many match: the matches with their pertinence, then the
    first few, read by primary key: the best scores, and by the rank of each entry in the
    model's order (from the listing's index, `index`) within the last score needed.
    """
    formes = formes_de_la_requete(texte)
    if not formes:
        return 0, []
    _condition, pertinence = analyser(queryset, texte, formes)
    bandes = index.texte().bandes(formes)
    candidats = []
    for _score, bande in bandes:
        manque = RESULTATS_PAR_GROUPE - len(candidats)
        candidats += index.premiers_de(bande, manque)
        if len(candidats) == RESULTATS_PAR_GROUPE:
            break
    premiers = queryset.filter(parmi(queryset, candidats)).annotate(pertinence=pertinence)
    ordre = ["-pertinence", *queryset.model._meta.ordering, "pk"]
    nombre = sum(len(bande) for _score, bande in bandes)
    return nombre, list(premiers.order_by(*ordre))


def grouper(queryset, texte, *, index, liste, gabarit, parametres=None):
    """Count the matches and fetch the first few: the same queries, however many match.

    The search finds every published entry (an organisation that has ceased its activity too):
    `parametres` make its listing show them all as well, so that it counts the same."""
    nombre, resultats = chercher(queryset, texte, index)
    return GroupeResultats(
        singulier=queryset.model._meta.verbose_name,
        pluriel=queryset.model._meta.verbose_name_plural,
        gabarit=gabarit,
        url_liste=f"{reverse(liste)}?{urlencode({'q': texte, **(parametres or {})})}",
        nombre=nombre,
        resultats=resultats,
    )


# What the search page looks into: each kind, how it shows, and the listing it leads to.
GROUPES_RECHERCHE = [
    (OrganisationFilter, "for_annuaire", "organisation_list", "acteurs/_organisation_carte.html"),
    (PersonneFilter, "with_fonctions", "personne_list", "ecosysteme/_resultat_personne.html"),
    (DispositifFilter, "for_annuaire", "dispositif_list", "accompagnement/_dispositif_carte.html"),
]


def recherche(request):
    q, tronque = nettoyer_requete(request.GET.get("q", ""))
    groupes = []
    if q:
        jeton = VersionDonnees.actuelle()
        for filtres, affichage, liste, gabarit in GROUPES_RECHERCHE:
            publiees = filtres._meta.model.objects.published()
            index = index_de(filtres, publiees, jeton)
            queryset = getattr(publiees, affichage)()
            tout = filtres.sans_rien_laisser_de_cote()
            groupes.append(
                grouper(queryset, q, index=index, liste=liste, gabarit=gabarit, parametres=tout)
            )
    context = {
        "q": q,
        "tronque": tronque,
        "groupes": [groupe for groupe in groupes if groupe.nombre],
        "nombre_resultats": sum(groupe.nombre for groupe in groupes),
    }
    return render(request, "ecosysteme/recherche.html", context)
