"""Listings with facets, shared by the three public listings (organisations, people, programmes).

A listing's FilterSet inherits FacettesFilterSet and declares one Facette per filter group.
Beside each option, a facet shows how many results that option would give with the other
active filters; these counts, and the number of results, come from an index kept in memory
(ecosysteme.listes.index_facettes), the page itself from the database. Parameters are cleaned
before django-filter sees them, so that a shared URL with a stale value still shows a page:
what had to be dropped becomes a notice (`avis`).
"""

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

import django_filters
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator, capfirst
from django.utils.translation import (
    get_language,
    gettext,
    gettext_lazy,
    pgettext,
    pgettext_lazy,
)

from ecosysteme.alphabetique import cle_alphabetique
from ecosysteme.enums import NiveauTerritoire
from ecosysteme.listes.index_facettes import en_bits, index_de, par_score, parmi, pks_de, union
from ecosysteme.models import PROFONDEUR_MAX, Territoire
from ecosysteme.recherche.moteur import (
    LONGUEUR_MAX_REQUETE,
    analyser,
    formes_de_la_requete,
    nettoyer_requete,
)

PAR_PAGE = 20
# More values than this for one filter is no person's choice: the rest is dropped, so that
# no URL can make a query with thousands of parameters.
VALEURS_MAX = 30
# A slug or a code: anything else is unknown without asking the database (a NUL character,
# for one, would make PostgreSQL fail).
VALEUR_POSSIBLE = re.compile(r"[-\w]{1,200}", re.ASCII)
# Up to this many results, the page is read among them by their primary keys, known from
# the index; beyond, by searching and filtering again in the database (by an index, then).
RESULTATS_PAR_CLES = 5000


def titre_listing(nom, *, sujet=(), lieux=(), precisions=(), q="", page=1):
    """What a listing shows, in words: « SCOP ou SCIC en Gironde, thème Culture – page 2 ».

    `sujet` names what is listed instead of `nom` (« SCOP », « SCIC »); `lieux` are already
    phrased (« en Gironde », « à Dijon »); `precisions` are (word, labels) pairs.
    """
    ou = f" {gettext('ou')} "
    titre = capfirst(ou.join(map(str, sujet)) or str(nom))
    if lieux:
        titre += " " + ou.join(map(str, lieux))
    for intitule, libelles in precisions:
        titre += ", " + " ".join(filter(None, [str(intitule), ou.join(map(str, libelles))]))
    if q:
        # Non-breaking inside French quotes: they never end a line alone.
        guillemets = gettext("« %(texte)s »").replace("« ", "«\u00a0").replace(" »", "\u00a0»")
        titre += " – " + guillemets % {"texte": q}
    if page > 1:
        titre += " – " + gettext("page %(numero)s") % {"numero": page}
    return titre


def entre_guillemets(texte):
    """« texte », as the page's language quotes."""
    return gettext("« %(texte)s »") % {"texte": texte}


def enumeration(elements):
    """« a », « b » et « c »."""
    elements = [entre_guillemets(element) for element in elements]
    return f" {gettext('et')} ".join(filter(None, [", ".join(elements[:-1]), elements[-1]]))


def au_singulier(nombre):
    """Whether a count takes the singular: French puts 0 and 1 in it, Dutch and English 1."""
    if (get_language() or "fr").split("-")[0] == "fr":
        return nombre < 2
    return nombre == 1


def court(valeur):
    """A value typed by someone, fit to be quoted back in a notice."""
    return Truncator(nettoyer_requete(valeur)[0]).chars(40)


@dataclass
class Option:
    valeur: str  # as in the URL: a slug or a code
    libelle: str
    cle: object  # what the facet's count is keyed by: a primary key or the code itself
    choisie: bool = False
    profondeur: int = 0  # territories below a chosen one are indented
    nombre: int = 0
    objet: object = None

    @property
    def desactivee(self):
        # A chosen option stays active, however many it counts, so that it can be unchecked.
        return not self.nombre and not self.choisie


@dataclass
class Groupe:
    """A facet as the page shows it: its options, each with its count.

    The options that count (chosen, or giving results) are shown; the others wait behind
    « Afficher les N autres », so that a narrow search does not give a column of « (0) ».
    """

    nom: str
    legende: str
    options: list = field(default_factory=list)

    @cached_property
    def visibles(self):
        """The options that count, and those above one of them in a tree of territories:
        a chosen commune that gives no result stays under its région."""
        visibles, seuil = [], None
        # From the end, a shallower option than every one shown since is above one of them.
        for option in reversed(self.options):
            if option.choisie or option.nombre or (seuil is not None and option.profondeur < seuil):
                visibles.append(option)
                seuil = option.profondeur
        return visibles[::-1]

    @cached_property
    def autres(self):
        visibles = {id(option) for option in self.visibles}
        return [option for option in self.options if id(option) not in visibles]


class Facette(django_filters.TypedMultipleChoiceFilter):
    """A filter group shown with a count beside each option; values within it are ORed.

    Its filter receives the chosen options' objects (territories, themes…) or codes.

    `sujet`: its labels can name what is listed, in the title (« SCIC » rather than « Acteurs
    … »); `precision`: the word that introduces its labels otherwise (« thème »).
    """

    def __init__(self, *args, sujet=False, precision="", **kwargs):
        kwargs.setdefault("distinct", False)  # every filter is a subquery or a column: no join
        kwargs.setdefault("choices", [])
        super().__init__(*args, **kwargs)
        self.sujet, self.precision = sujet, precision
        self.options = []

    def charger(self, demandees):
        """Load the options to offer (one query at most); return the valid values asked for."""
        possibles = [valeur for valeur in demandees if VALEUR_POSSIBLE.fullmatch(valeur)]
        self.options = self.lire_options(possibles)
        for option in self.options:
            option.choisie = option.valeur in demandees
        self.extra["choices"] = [(option.valeur, option.libelle) for option in self.options]
        objets = {o.valeur: o.valeur if o.objet is None else o.objet for o in self.options}
        self.extra["coerce"] = objets.__getitem__  # loaded already: no query to validate
        return [valeur for valeur in demandees if valeur in objets]

    def lire_options(self, demandees):
        raise NotImplementedError

    def paires(self, entrees):
        """(option key, primary key) for each of these entries under each option, in one
        query: what the in-memory index of the listing is made of."""
        raise NotImplementedError

    def libelle_titre(self, option):
        return option.libelle

    def compte(self, index, nom, cle, resultats):
        """How many results this option would give, `resultats` being those of every other
        active filter."""
        return resultats.intersection_cardinality(index.bits(nom, cle))

    def selection(self, index, nom):
        """The bitset of the entries this facet keeps as chosen, or None if it keeps all."""
        cles = [option.cle for option in self.options if option.choisie]
        return union(index.bits(nom, cle) for cle in cles) if cles else None

    def groupe(self, nom, compter):
        """The facet as shown: `compter(option key)` says how many results it would give."""
        options = [replace(option, nombre=compter(option.cle)) for option in self.options]
        return Groupe(nom, self.label, options)


class FacetteChoix(Facette):
    """Options from a TextChoices, counted on a column of the listed model, or of a related one.

    `compte_sur` = (model, its field pointing to the listed model, its column, condition)
    counts through another table, e.g. people by the category of their roles.
    """

    def __init__(self, *args, compte_sur=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.choix = list(self.extra["choices"])
        self.compte_sur = compte_sur

    def lire_options(self, demandees):
        return [Option(valeur, str(libelle), valeur) for valeur, libelle in self.choix]

    def paires(self, entrees):
        if not self.compte_sur:
            return entrees.values_list(self.field_name, "pk")
        modele, cote, cle, condition = self.compte_sur
        liens = modele.objects.filter(condition, **{f"{cote}__in": entrees.values("pk")})
        return liens.order_by().values_list(cle, cote)


class FacetteRegroupement(FacetteChoix):
    """Options that each gather several values of a column: the kinds of programme gathered in
    programmes, events and resources.

    `regroupement` = {option: the column's values it gathers}; a value in none is in no option.
    """

    def __init__(self, *args, regroupement, **kwargs):
        super().__init__(*args, **kwargs)
        self.regroupement = regroupement

    def paires(self, entrees):
        option_de = {v: option for option, valeurs in self.regroupement.items() for v in valeurs}
        paires = entrees.values_list(self.field_name, "pk")
        return [(option_de[v], pk) for v, pk in paires if v in option_de]

    def filter(self, qs, value):
        if not value:
            return qs
        valeurs = [v for option in value for v in self.regroupement[option]]
        return qs.filter(**{f"{self.field_name}__in": valeurs})


class FacetteInclusion(FacetteChoix):
    """One option that brings back entries the listing leaves out by default (organisations
    that have ceased their activity): unchecked, they are left out of the results and of every
    count; checked, they are counted and shown with the others.

    `masquees` and `visibles` name the QuerySet methods giving the entries left out by default
    and the others. Its one option counts the entries it would bring back.
    """

    VALEUR = "oui"
    masque_par_defaut = True

    def __init__(self, *args, libelle, libelle_titre, masquees, visibles, **kwargs):
        super().__init__(*args, choices=[(self.VALEUR, libelle)], **kwargs)
        self.titre_choisie = libelle_titre
        self.masquees, self.visibles = masquees, visibles

    def paires(self, entrees):
        masquees = getattr(entrees, self.masquees)().order_by()
        return [(self.VALEUR, pk) for pk in masquees.values_list("pk", flat=True)]

    def filter(self, qs, value):
        # Called also when nothing is chosen (FacettesFilterSet.filtrer): then it leaves out.
        return qs if value else getattr(qs, self.visibles)()

    def compte(self, index, nom, cle, resultats):
        # Checked, it keeps them all: the results of the other filters, those it brings back
        # included.
        return len(resultats)

    def selection(self, index, nom):
        if any(option.choisie for option in self.options):
            return None
        return index.entrees - index.bits(nom, self.VALEUR)  # every entry but those left out

    def libelle_titre(self, option):
        return self.titre_choisie

    @property
    def description(self):
        """What the parameter does, for the API's description."""
        return gettext("« %(valeur)s » : %(libelle)s ; laissées de côté sinon.") % {
            "valeur": self.VALEUR,
            "libelle": str(self.choix[0][1]).lower(),
        }


class FacetteRelation(Facette):
    """Options from a queryset (values are slugs), counted on a many-to-many through table.

    `limite`: when the options may be thousands (the organisations that carry programmes),
    only this many are offered, those linked to the most entries, and any asked for.
    """

    def __init__(self, *args, relation, options, limite=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.through = relation.through
        self.cote = relation.field.m2m_field_name()  # the listed model's side
        self.cle = relation.field.m2m_reverse_field_name()  # the options' side
        self.queryset_options = options
        self.limite = limite

    def lire_options(self, demandees):
        # .all(): the class-level queryset must not keep its rows from one request to the next.
        options = self.queryset_options.all()
        if self.limite:
            frequentes = (
                self.through.objects.filter(**{f"{self.cote}__is_published": True})
                .values(self.cle)
                .annotate(nombre=Count(self.cote))
                .order_by("-nombre", self.cle)
                .values(self.cle)[: self.limite]
            )
            options = options.filter(Q(pk__in=frequentes) | Q(slug__in=demandees))
        return [Option(objet.slug, str(objet), objet.pk, objet=objet) for objet in options]

    def paires(self, entrees):
        liens = self.through.objects.filter(**{f"{self.cote}__in": entrees.values("pk")})
        return liens.order_by().values_list(self.cle, self.cote)


class FacetteTerritoire(Facette):
    """Countries and régions, and what lies right below a chosen territory (and above it).

    A territory counts everything below it: counts come from the listed model's own
    count_by_territoire(), in one query.
    """

    RANGS = list(NiveauTerritoire.values)

    def lire_options(self, demandees):
        condition = Q(niveau__in=[NiveauTerritoire.PAYS, NiveauTerritoire.REGION])
        if demandees:
            condition |= Q(slug__in=demandees) | Q(parent__slug__in=demandees)
            choisis = Territoire.objects.filter(slug__in=demandees)
            # The chain above a chosen one, so that it shows in place.
            for niveau in range(1, PROFONDEUR_MAX + 1):
                # Subqueries, not joins: no territory comes twice, no DISTINCT to sort out.
                condition |= Q(pk__in=choisis.values("__".join(["parent"] * niveau)))
        return self.en_arbre(list(Territoire.objects.filter(condition)))

    def en_arbre(self, territoires):
        """Each territory followed by the ones below it, one level deeper."""
        presents = {territoire.pk for territoire in territoires}
        enfants = {}
        territoires.sort(key=lambda t: (self.RANGS.index(t.niveau), cle_alphabetique(t.nom)))
        for territoire in territoires:
            parent = territoire.parent_id if territoire.parent_id in presents else None
            enfants.setdefault(parent, []).append(territoire)
        options = []

        def parcourir(parent, profondeur):
            for t in enfants.get(parent, []):
                options.append(Option(t.slug, t.nom, t.pk, profondeur=profondeur, objet=t))
                if profondeur < PROFONDEUR_MAX:  # a chain too deep in bad data ends
                    parcourir(t.pk, profondeur + 1)

        parcourir(None, 0)
        return options

    def paires(self, entrees):
        # Every territory an entry is in, and every one above: the listed model knows how.
        return entrees.paires_territoires()

    def libelle_titre(self, option):
        if option.objet.niveau == NiveauTerritoire.COMMUNE:
            return pgettext("lieu", "à %(lieu)s") % {"lieu": option.libelle}
        return pgettext("lieu", "en %(lieu)s") % {"lieu": option.libelle}


class Pagination(Paginator):
    """A paginator that can be told its count, and that reads the deep pages from the end.

    `nombre`, when known (from the facets), spares the COUNT that would repeat the query.
    A page past the middle is read in the reverse order, from the last result: OFFSET then
    never skips more than half of the results, and the last page costs what the first does.
    """

    def __init__(self, object_list, per_page, *, nombre=None):
        super().__init__(object_list, per_page)
        if nombre is not None:
            self.__dict__["count"] = nombre  # Paginator.count is a cached_property

    def page(self, number):
        number = self.validate_number(number)
        debut = (number - 1) * self.per_page
        fin = min(debut + self.per_page, self.count)
        if debut <= self.count - fin or not self.object_list.ordered:
            return super().page(number)
        depuis_la_fin = self.object_list.reverse()[self.count - fin : self.count - debut]
        return self._get_page(list(depuis_la_fin)[::-1], number, self)


def page_demandee(paginator, demandee, avis):
    """The page asked for; a wrong number gives the first or the last page, and a notice."""
    try:
        numero = int(demandee or 1)
    except ValueError:
        numero = 0
    if numero < 1:
        avis.append(
            gettext("« %(page)s » n'est pas un numéro de page : voici la première page.")
            % {"page": court(demandee)}
        )
        numero = 1
    elif numero > paginator.num_pages:
        avis.append(
            gettext("La page %(page)s n'existe pas : voici la dernière, la page %(derniere)s.")
            % {"page": court(demandee), "derniere": paginator.num_pages}
        )
        numero = paginator.num_pages
    return paginator.page(numero)


# What points at one listed entry, by the French word a listing declares (`demonstratif`).
DEMONSTRATIFS = {
    "cette": pgettext_lazy("démonstratif féminin", "cette"),
    "ce": pgettext_lazy("démonstratif masculin", "ce"),
}


class FacettesFilterSet(django_filters.FilterSet):
    """The FilterSet of a listing with facets, free text, sorting and pagination.

    Subclasses declare their Facette filters, `nom_liste` (the title without filters) and,
    in Meta, the model. The results are ordered by `tri`; `page` paginates them.
    """

    q = django_filters.CharFilter(method="rechercher", label=gettext_lazy("Rechercher"))

    nom_liste = ""
    # The listing's name in the address of its downloads (/acteurs/export.csv).
    export = ""
    # What points at one of the listed entries: « cette organisation », « ce dispositif ».
    demonstratif = "cette"
    TRIS = {
        "pertinence": (gettext_lazy("pertinence"), ["-pertinence"]),
        "nom": (gettext_lazy("nom"), []),
        "recent": (gettext_lazy("mise à jour la plus récente"), ["-updated_at"]),
    }

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.avis = []
        self.data = self.nettoyer(self.data)

    @classmethod
    def sans_rien_laisser_de_cote(cls):
        """{parameter: value} bringing back what the listing leaves out by default: what a
        link from a page that shows every entry (the search page) adds."""
        return {
            nom: facette.VALEUR
            for nom, facette in cls.base_filters.items()
            if getattr(facette, "masque_par_defaut", False)
        }

    # Parameters

    @property
    def facettes(self):
        return {nom: f for nom, f in self.filters.items() if isinstance(f, Facette)}

    def nettoyer(self, data):
        """The parameters as the listing understands them; what was dropped becomes a notice."""
        if not isinstance(data, QueryDict):  # a dict, as in tests or when nothing was asked
            data = QueryDict(urlencode(data, doseq=True))
        propres = QueryDict(mutable=True)
        self.q, tronque = nettoyer_requete(data.get("q", ""))
        if tronque:
            self.avis.append(
                gettext(
                    "Votre recherche était trop longue : seuls ses %(longueur)s premiers "
                    "caractères environ ont été pris en compte."
                )
                % {"longueur": LONGUEUR_MAX_REQUETE}
            )
        if self.q:
            propres["q"] = self.q
        for nom, facette in self.facettes.items():
            propres.setlist(nom, self.nettoyer_valeurs(facette, data.getlist(nom)))
        self.tri_demande = self.nettoyer_tri(data.get("tri", ""))
        self.page_demandee = data.get("page", "").strip()
        return propres

    def nettoyer_valeurs(self, facette, valeurs):
        demandees = list(dict.fromkeys(v.strip() for v in valeurs if v.strip()))
        if len(demandees) > VALEURS_MAX:
            self.avis.append(
                gettext("%(filtre)s : seules les %(nombre)s premières valeurs ont été retenues.")
                % {"filtre": facette.label, "nombre": VALEURS_MAX}
            )
            demandees = demandees[:VALEURS_MAX]
        connues = facette.charger(demandees)
        inconnues = [court(valeur) for valeur in demandees if valeur not in connues]
        if len(inconnues) == 1:
            self.avis.append(
                gettext(
                    "%(filtre)s : %(valeurs)s n'existe pas dans l'annuaire, ce filtre a été ignoré."
                )
                % {"filtre": facette.label, "valeurs": enumeration(inconnues)}
            )
        elif inconnues:
            self.avis.append(
                gettext(
                    "%(filtre)s : %(valeurs)s n'existent pas dans l'annuaire, "
                    "ces filtres ont été ignorés."
                )
                % {"filtre": facette.label, "valeurs": enumeration(inconnues)}
            )
        return connues

    def nettoyer_tri(self, tri):
        if tri and tri not in self.TRIS:
            self.avis.append(
                gettext("Le tri « %(tri)s » n'existe pas : tri par défaut.") % {"tri": court(tri)}
            )
            return ""
        return tri

    # Results

    def rechercher(self, queryset, name, value):
        if self.recherche is None:
            return queryset
        condition, pertinence = self.recherche
        return queryset.filter(condition).annotate(pertinence=pertinence)

    @cached_property
    def formes(self):
        """For each word of q, the stems that match it (moteur.formes_de_la_requete)."""
        return formes_de_la_requete(self.q) if self.q else None

    @cached_property
    def recherche(self):
        """(condition, pertinence) of the search for q, or None: analysed once."""
        recherche = analyser(self.queryset, self.q, self.formes) if self.formes else None
        if self.q and recherche is None:
            self.avis.append(
                gettext(
                    "« %(recherche)s » ne contient aucun mot assez significatif pour une "
                    "recherche : toutes les entrées sont affichées."
                )
                % {"recherche": court(self.q)}
            )
        return recherche

    @cached_property
    def trouves(self):
        """The entries matching q: every count starts from them."""
        return self.filters["q"].filter(self.queryset.all(), self.q)

    def filtrer(self, queryset, sauf=None):
        """Apply every active filter but `sauf` (and q, already applied to `trouves`)."""
        self.form.is_valid()
        for nom, valeur in self.form.cleaned_data.items():
            if nom not in ("q", sauf):
                queryset = self.filters[nom].filter(queryset, valeur)
        return queryset

    @property
    def ordre(self):
        return self.TRIS[self.tri][1] + list(self._meta.model._meta.ordering) + ["pk"]

    def filter_queryset(self, queryset):
        """Every result, sorted: what a download streams (`qs`)."""
        # `queryset` is self.queryset.
        if self.total <= RESULTATS_PAR_CLES:
            return self.parmi_les_candidats(self.resultats_sauf())
        return self.filtrer(self.trouves).order_by(*self.ordre)

    def resultats_de_la_page(self):
        """The results sorted, as many as the page asked for needs."""
        candidats = self.candidats()
        if candidats is None:
            return self.qs
        return self.parmi_les_candidats(candidats)

    def parmi_les_candidats(self, candidats):
        """The results among these, known already by their keys, sorted: read among them,
        without searching nor filtering again."""
        queryset = self.queryset.all()
        resultats = queryset.filter(parmi(queryset, pks_de(candidats)))
        if self.recherche is not None:
            resultats = resultats.annotate(pertinence=self.recherche[1])
        return resultats.order_by(*self.ordre)

    def candidats(self):
        """A bitset of results that holds the page asked for and every result ranked before
        it, small enough to be read by primary key; None if the database should sort them.

        All the results, when there are few. Sorted by pertinence, the results ranked up to
        the end of the page asked for: the first pages of a search that finds half the
        directory cost what those of a rare word do.
        """
        resultats = self.resultats_sauf()
        try:
            fin = max(1, int(self.page_demandee or 1)) * PAR_PAGE
        except ValueError:
            fin = PAR_PAGE
        profonde = fin - PAR_PAGE > self.total - fin  # read from the end (Pagination)
        if self.tri not in ("pertinence", "nom") or profonde:
            return resultats if self.total <= RESULTATS_PAR_CLES else None
        if self.tri == "nom":
            # The first results in the order kept with the index: what the database would
            # sort first, without sorting them all.
            return en_bits(self.index.premiers_de(resultats, fin))
        # Whole bands of better scores, then the first of the band the page ends in, by the
        # rank of each entry in the model's order: what sorting them all would put first.
        candidats, nombre = en_bits(()), 0
        for _score, bande in self.bandes:
            dans_la_bande = bande & resultats
            dedans = len(dans_la_bande)
            if nombre + dedans >= fin:
                premiers = self.index.premiers_de(dans_la_bande, fin - nombre)
                return candidats | en_bits(premiers)
            candidats |= dans_la_bande
            nombre += dedans
        return None

    @property
    def tri(self):
        if self.tri_demande == "pertinence" and self.recherche is None:
            return "nom"
        return self.tri_demande or self.tri_defaut

    @property
    def tri_defaut(self):
        return "pertinence" if self.recherche is not None else "nom"

    @cached_property
    def page(self):
        paginator = Pagination(self.resultats_de_la_page(), PAR_PAGE, nombre=self.total)
        return page_demandee(paginator, self.page_demandee, self.avis)

    # Counts, from the in-memory index (ecosysteme.listes.index_facettes)

    @cached_property
    def index(self):
        return index_de(type(self), self.queryset)

    @cached_property
    def bandes(self):
        """[(score, set of the entries matching q with that pertinence)], best first: from the
        search index kept with the listing's, without asking the database."""
        texte = self.index.texte()
        if texte is not None:
            return texte.bandes(self.formes)
        bandes = par_score(self.trouves)
        return [(score, en_bits(bandes[score])) for score in sorted(bandes, reverse=True)]

    @cached_property
    def base(self):
        """The entries the results are drawn from, as a bitset: all, or those matching q."""
        if self.recherche is not None:
            return union(bande for _score, bande in self.bandes)
        return self.index.entrees

    @cached_property
    def selections(self):
        """{facet name: bitset of the entries it keeps}, for the facets that leave some out:
        those with chosen options, and those that leave entries out by default."""
        selections = {}
        for nom, facette in self.facettes.items():
            selection = facette.selection(self.index, nom)
            if selection is not None:
                selections[nom] = selection
        return selections

    def resultats_sauf(self, sauf=None):
        """The results as a bitset, with every active filter but `sauf` applied."""
        resultats = self.base
        for nom, selection in self.selections.items():
            if nom != sauf:
                resultats = resultats & selection  # a new set: the index's stay as they are
        return resultats

    @cached_property
    def total(self):
        return len(self.resultats_sauf())

    @cached_property
    def groupes(self):
        """Each facet with its options, each with how many results it would give."""
        groupes = []
        for nom, facette in self.facettes.items():
            resultats = self.resultats_sauf(nom)

            def compter(cle, nom=nom, facette=facette, resultats=resultats):
                return facette.compte(self.index, nom, cle, resultats)

            groupes.append(facette.groupe(nom, compter))
        return [groupe for groupe in groupes if groupe.options]

    # What the page says

    @property
    def titre(self):
        sujet, lieux, precisions = [], [], []
        for facette in self.facettes.values():
            libelles = [facette.libelle_titre(o) for o in facette.options if o.choisie]
            if not libelles:
                continue
            if isinstance(facette, FacetteTerritoire):
                lieux += libelles
            elif facette.sujet and not sujet:
                sujet = libelles
            else:
                precisions.append((facette.precision, libelles))
        return titre_listing(
            self.nom_liste,
            sujet=sujet,
            lieux=lieux,
            precisions=precisions,
            q=self.q,
            page=self.page.number,
        )

    @property
    def nombre(self):
        """« 12 organisations » (French puts 0 and 1 in the singular)."""
        n, meta = self.page.paginator.count, self._meta.model._meta
        return f"{n} {meta.verbose_name if au_singulier(n) else meta.verbose_name_plural}"

    @property
    def telecharger(self):
        """« Télécharger cette organisation », « Télécharger ces 3 organisations »."""
        if self.page.paginator.count == 1:
            demonstratif = DEMONSTRATIFS.get(str(self.demonstratif), self.demonstratif)
            return capfirst(
                gettext("Télécharger %(demonstratif)s %(nom)s")
                % {"demonstratif": demonstratif, "nom": self._meta.model._meta.verbose_name}
            )
        return gettext("Télécharger ces %(nombre)s") % {"nombre": self.nombre}

    # Links: each keeps every other parameter

    @property
    def parametres(self):
        """The cleaned parameters, page excepted, in a stable order."""
        parametres = [("q", self.q)] if self.q else []
        for nom, facette in self.facettes.items():
            parametres += [(nom, option.valeur) for option in facette.options if option.choisie]
        if self.tri != self.tri_defaut:
            parametres.append(("tri", self.tri))
        return parametres

    def url(self, parametres):
        chemin = self.request.path if self.request else ""
        return f"{chemin}?{urlencode(parametres)}" if parametres else chemin or "?"

    @property
    def actifs(self):
        """Each active filter, with a link to the same listing without it."""
        actifs = []
        if self.q:
            actifs.append(
                (gettext("Recherche"), entre_guillemets(self.q), self.url(self.sans("q")))
            )
        for nom, facette in self.facettes.items():
            for option in facette.options:
                if option.choisie:
                    url = self.url(self.sans(nom, option.valeur))
                    actifs.append((facette.label, option.libelle, url))
        return actifs

    def sans(self, nom, valeur=None):
        return [(n, v) for n, v in self.parametres if n != nom or valeur not in (None, v)]

    @property
    def issues(self):
        """Ways out of an empty result: without each filter, without any, a wider search."""
        issues = []
        for nom, facette in self.facettes.items():
            choisies = [option.libelle for option in facette.options if option.choisie]
            if choisies:
                texte = gettext("Retirer le filtre %(filtre)s (%(valeurs)s)") % {
                    "filtre": facette.label,
                    "valeurs": ", ".join(choisies),
                }
                issues.append((texte, self.url(self.sans(nom))))
        if self.q:
            if len(issues) > 1:  # with one filter, removing it is the search without filters
                sans_filtres = [(n, v) for n, v in self.parametres if n in ("q", "tri")]
                texte = gettext("Chercher « %(recherche)s » sans filtre") % {"recherche": self.q}
                issues.append((texte, self.url(sans_filtres)))
            # The search page in the page's own language.
            url = f"{reverse('recherche')}?{urlencode({'q': self.q})}"
            texte = gettext("Chercher « %(recherche)s » dans tout l'annuaire") % {
                "recherche": self.q
            }
            issues.append((texte, url))
        return issues

    @property
    def telechargements(self):
        """(format, link) of the listing as shown, every page, as data."""
        if not self.export:
            return []
        suite = f"?{urlencode(self.parametres)}" if self.parametres else ""
        return [(format, f"/{self.export}/export.{format}{suite}") for format in ("csv", "json")]

    @property
    def url_reinitialiser(self):
        return self.url([])

    @property
    def tris(self):
        """(label, link, current) for each way of sorting; pertinence only for a search."""
        tris = []
        for cle, (libelle, _ordre) in self.TRIS.items():
            if cle == "pertinence" and self.recherche is None:
                continue
            parametres = [(n, v) for n, v in self.parametres if n != "tri"]
            if cle != self.tri_defaut:
                parametres.append(("tri", cle))
            tris.append((libelle, self.url(parametres), cle == self.tri))
        return tris

    @property
    def tri_explicite(self):
        return self.tri if self.tri != self.tri_defaut else ""

    @property
    def pages(self):
        """(number or None for a gap, link) for the pagination."""
        page = self.page
        numeros = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        return [
            (numero, self.url_page(numero)) if isinstance(numero, int) else (None, "")
            for numero in numeros
        ]

    def url_page(self, numero):
        return self.url(self.parametres + ([("page", numero)] if numero > 1 else []))

    @property
    def url_page_precedente(self):
        page = self.page
        return self.url_page(page.previous_page_number()) if page.has_previous() else ""

    @property
    def url_page_suivante(self):
        page = self.page
        return self.url_page(page.next_page_number()) if page.has_next() else ""
