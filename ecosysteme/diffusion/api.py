"""The directory as a read-only JSON API, under /api/.

Each listing answers with the same entries as its page: the same FilterSet cleans the same
parameters (unknown values become notices, `avis`, never errors), and the same pages of 20.
Each entry is its public facts and the address of its profile; people's contact details are
never part of it, as in the downloads. An organisation's facts are those its app declares it
publishes (acteurs.publication). The OpenAPI description is ecosysteme.diffusion.openapi.

Its addresses are the same in every language: its notices and errors are in French, the
site's language, and marked for translation like the pages' messages.
"""

from django.http import JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy

from accompagnement.publication import DISPOSITIF
from acteurs.publication import ORGANISATION
from ecosysteme.diffusion.exports import EXPORTS
from ecosysteme.enums import NiveauTerritoire
from ecosysteme.listes.facettes import (
    PAR_PAGE,
    VALEUR_POSSIBLE,
    VALEURS_MAX,
    Pagination,
    court,
    page_demandee,
)
from ecosysteme.models import DansLaLangue, Territoire
from ecosysteme.publication import API, Sorte
from ecosysteme.recherche.moteur import nettoyer_requete
from ecosysteme.textes import lien_sur


def reponse(request, donnees, status=200):
    reponse = JsonResponse(donnees, status=status, json_dumps_params={"ensure_ascii": False})
    # Open data: any site may read it from a browser.
    reponse["Access-Control-Allow-Origin"] = "*"
    return reponse


def absolue(request, objet):
    return request.build_absolute_uri(objet.get_absolute_url())


def reference(objet):
    return {"slug": objet.slug, "nom": str(objet)}


def code(valeur, libelle):
    return {"code": valeur, "libelle": str(libelle)} if valeur else None


# Representations: what each entry is, as data


def publier(request, entree, publication):
    """An entry as its app declares it published (ecosysteme.publication), after its
    address and slug; the fields of one group make one object."""
    donnees = {"url": absolue(request, entree), "slug": entree.slug}
    for champ in publication.pour(API):
        valeur = VALEURS[champ.sorte](champ, entree)
        if champ.groupe:
            donnees.setdefault(champ.groupe, {})[champ.nom] = valeur
        else:
            donnees[champ.nom] = valeur
    return donnees


# How the API writes each kind of published value.
VALEURS = {
    Sorte.TEXTE: lambda champ, entree: champ.valeur(entree),
    Sorte.ANNEE: lambda champ, entree: champ.valeur(entree),
    Sorte.CHOIX: lambda champ, entree: code(champ.valeur(entree), champ.libelle_du_choix(entree)),
    Sorte.ADRESSE_WEB: lambda champ, entree: lien_sur(champ.valeur(entree)),
    Sorte.LIBELLES: lambda champ, entree: [reference(o) for o in champ.liees(entree)],
    Sorte.FICHES: lambda champ, entree: [reference(o) for o in champ.liees(entree)],
    Sorte.TERRITOIRE: lambda champ, entree: (
        territoire_court(champ.valeur(entree)) if champ.valeur(entree) else None
    ),
    Sorte.TERRITOIRES: lambda champ, entree: [territoire_court(t) for t in champ.liees(entree)],
    Sorte.SOURCES: lambda champ, entree: [reference(s) for s in champ.liees(entree)],
    Sorte.DATE_HEURE: lambda champ, entree: (
        champ.valeur(entree).isoformat() if champ.valeur(entree) else None
    ),
    Sorte.DATE_PARTIELLE: lambda champ, entree: champ.date_ecrite(entree),
    Sorte.TELEPHONE: lambda champ, entree: champ.telephone_ecrit(entree),
}


def organisation_json(request, organisation):
    return publier(request, organisation, ORGANISATION)


def personne_json(request, personne):
    return {
        "url": absolue(request, personne),
        "slug": personne.slug,
        "nom": personne.nom_complet,
        "biographie": personne.biographie,
        "fonctions": [
            {
                "intitule": f.intitule,
                "categorie": code(f.categorie, f.get_categorie_display()),
                "organisation": reference(f.organisation),
                "periode": f.periode,
                "actuelle": f.est_actuelle,
            }
            for f in personne.fonctions.all()
        ],
        "mis_a_jour": personne.updated_at.isoformat(),
    }


def dispositif_json(request, dispositif):
    return publier(request, dispositif, DISPOSITIF)


def territoire_court(territoire):
    return {**reference(territoire), "niveau": territoire.niveau}


def territoire_json(request, territoire):
    t = territoire
    return {
        "url": absolue(request, t),
        "slug": t.slug,
        "nom": t.nom,
        "niveau": code(t.niveau, t.get_niveau_display()),
        "code": t.code,
        "parent": territoire_court(t.parent) if t.parent else None,
    }


# The API's listings: (name in EXPORTS, representation, the 404 message).
LISTES = {
    "organisations": (
        "acteurs",
        organisation_json,
        gettext_lazy("Aucune organisation n'a l'adresse « %(slug)s » dans l'annuaire."),
    ),
    "personnes": (
        "personnes",
        personne_json,
        gettext_lazy("Aucune personne n'a l'adresse « %(slug)s » dans l'annuaire."),
    ),
    "dispositifs": (
        "accompagnement",
        dispositif_json,
        gettext_lazy("Aucun dispositif n'a l'adresse « %(slug)s » dans l'annuaire."),
    ),
}


def index(request):
    """The API's addresses."""
    adresses = {liste: reverse(f"api_{liste}") for liste in LISTES}
    adresses["territoires"] = reverse("api_territoire_list")
    adresses["openapi"] = reverse("api_openapi")
    return reponse(request, {nom: request.build_absolute_uri(a) for nom, a in adresses.items()})


def page_json(request, page, avis, representer, url_page):
    """A page of a listing: its entries, how many there are in all, links to the next ones."""
    suivante = url_page(page.next_page_number()) if page.has_next() else None
    precedente = url_page(page.previous_page_number()) if page.has_previous() else None
    return {
        "nombre": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "suivante": request.build_absolute_uri(suivante) if suivante else None,
        "precedente": request.build_absolute_uri(precedente) if precedente else None,
        "avis": avis,
        "resultats": [representer(request, objet) for objet in page],
    }


def liste(request, liste):
    export, representer, _aucun = LISTES[liste]
    classe, entrees, _colonnes = EXPORTS[export]
    filtres = classe(request.GET, entrees(), request=request)
    page = filtres.page
    return reponse(request, page_json(request, page, filtres.avis, representer, filtres.url_page))


def detail(request, liste, slug):
    export, representer, aucun = LISTES[liste]
    _classe, entrees, _colonnes = EXPORTS[export]
    objet = entrees().filter(slug=slug).first()
    if objet is None:
        return introuvable(request, str(aucun) % {"slug": slug})
    return reponse(request, representer(request, objet))


def introuvable(request, message):
    return reponse(request, {"erreur": message}, status=404)


def adresse_inconnue(request):
    return introuvable(request, gettext("Cette adresse n'existe pas dans l'API : voir /api/."))


# Territories: no facets, a few plain filters


def valeurs(request, nom, avis, libelle):
    """The values asked for one filter, cleaned as the facets clean theirs."""
    demandees = list(dict.fromkeys(v.strip() for v in request.GET.getlist(nom) if v.strip()))
    if len(demandees) > VALEURS_MAX:
        avis.append(
            gettext("%(filtre)s : seules les %(nombre)s premières valeurs ont été retenues.")
            % {"filtre": libelle, "nombre": VALEURS_MAX}
        )
    return demandees[:VALEURS_MAX]


def ignorer(avis, libelle, inconnues):
    for valeur in inconnues:
        avis.append(
            gettext("%(filtre)s : « %(valeur)s » n'existe pas, ce filtre a été ignoré.")
            % {"filtre": libelle, "valeur": court(valeur)}
        )


def filtrer_territoires(request, avis):
    """The territories asked for, and the cleaned parameters that ask for them."""
    territoires, parametres = Territoire.objects.select_related("parent"), []
    q, tronque = nettoyer_requete(request.GET.get("q", ""))
    if tronque:
        avis.append(gettext("Votre recherche était trop longue : elle a été raccourcie."))
    if q:
        territoires = territoires.named(q)
        parametres.append(("q", q))
    niveaux = valeurs(request, "niveau", avis, gettext("Niveau"))
    ignorer(avis, gettext("Niveau"), [n for n in niveaux if n not in NiveauTerritoire.values])
    niveaux = [n for n in niveaux if n in NiveauTerritoire.values]
    if niveaux:
        territoires = territoires.filter(niveau__in=niveaux)
        parametres += [("niveau", n) for n in niveaux]
    parents = valeurs(request, "parent", avis, gettext("Territoire parent"))
    # Checked before any query: a NUL character would make PostgreSQL fail.
    possibles = [p for p in parents if VALEUR_POSSIBLE.fullmatch(p)]
    connus = set(Territoire.objects.filter(slug__in=possibles).values_list("slug", flat=True))
    ignorer(avis, gettext("Territoire parent"), [p for p in parents if p not in connus])
    parents = [p for p in parents if p in connus]
    if parents:
        territoires = territoires.filter(parent__slug__in=parents)
        parametres += [("parent", p) for p in parents]
    return territoires.order_by(DansLaLangue("nom"), "pk"), parametres


def territoire_list(request):
    avis = []
    territoires, parametres = filtrer_territoires(request, avis)
    paginator = Pagination(territoires, PAR_PAGE)
    page = page_demandee(paginator, request.GET.get("page", "").strip(), avis)

    def url_page(numero):
        suite = parametres + ([("page", numero)] if numero > 1 else [])
        return f"{request.path}?{urlencode(suite)}" if suite else request.path

    return reponse(request, page_json(request, page, avis, territoire_json, url_page))


def territoire_detail(request, slug):
    territoire = Territoire.objects.select_related("parent").filter(slug=slug).first()
    if territoire is None:
        message = gettext("Aucun territoire n'a l'adresse « %(slug)s » dans l'annuaire.")
        return introuvable(request, message % {"slug": slug})
    return reponse(request, territoire_json(request, territoire))
