"""Reference data shared by the whole directory.

A *territoire* is a place in the administrative hierarchy (pays → région → département or
province → intercommunalité → commune); a *thématique* is a field of activity; a *source* is
the document a fact comes from. The abstract bases below are shared by the public entries.
"""

import calendar
import uuid
from datetime import timedelta
from functools import reduce
from itertools import chain, takewhile
from operator import or_

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.db.models.lookups import GreaterThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import (
    get_language,
    gettext,
    gettext_lazy,
    pgettext,
    pgettext_lazy,
)
from modeltranslation import utils as langues_des_champs

from .alphabetique import ORDRE_ALPHABETIQUE
from .enums import (
    EtatProposition,
    EtatSignalement,
    MotifSignalement,
    NatureSource,
    NiveauTerritoire,
    PrecisionDate,
    StatutEnvoi,
)

MOIS = [
    pgettext_lazy("mois", "janvier"), pgettext_lazy("mois", "février"),
    pgettext_lazy("mois", "mars"), pgettext_lazy("mois", "avril"),
    pgettext_lazy("mois", "mai"), pgettext_lazy("mois", "juin"),
    pgettext_lazy("mois", "juillet"), pgettext_lazy("mois", "août"),
    pgettext_lazy("mois", "septembre"), pgettext_lazy("mois", "octobre"),
    pgettext_lazy("mois", "novembre"), pgettext_lazy("mois", "décembre"),
]  # fmt: skip


class SlugQuerySet(models.QuerySet):
    """Base for every model whose natural key (in fixtures and URLs) is its slug."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def _post_init(self):
        # The models with texts in several languages (translation.py) get their querysets
        # from django-modeltranslation, which would turn a lookup, an order or a values() on
        # `nom` into one on the column of the page's language. Ours name their columns
        # themselves (nom_fr, or DansLaLangue for an order), so that a query means the same
        # in each language, and rows read as values keep the order their fields were asked in.
        super()._post_init()
        self._rewrite = False


# An entry is verified again at most this many months after the last time.
FREQUENCE_MAX = 60


def frequence_par_defaut():
    """The update frequency of a new entry, in months (the setting FREQUENCE_VERIFICATION_MOIS)."""
    return settings.FREQUENCE_VERIFICATION_MOIS


def decaler_de_mois(instant, mois):
    """The same instant `mois` calendar months later (earlier if negative); 31 January plus
    one month is the last day of February."""
    rang = instant.year * 12 + instant.month - 1 + mois
    annee, mois = divmod(rang, 12)
    jour = min(instant.day, calendar.monthrange(annee, mois + 1)[1])
    return instant.replace(year=annee, month=mois + 1, day=jour)


def prochaine_verification(verifiee_le, frequence):
    """When an entry verified then is due again: `frequence` calendar months later."""
    return decaler_de_mois(verifiee_le, frequence)


class PublishedQuerySet(SlugQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def due_for_verification(self, maintenant=None):
        """Never verified, or verified longer ago than their own frequency.

        One condition per possible frequency, each comparing with a date computed here, in
        calendar months: the same on both databases, and no query of its own.
        """
        maintenant = maintenant or timezone.now()
        dues = reduce(
            or_,
            (
                Q(frequence_verification=mois, verified_at__lte=decaler_de_mois(maintenant, -mois))
                for mois in range(1, FREQUENCE_MAX + 1)
            ),
        )
        return self.filter(Q(verified_at__isnull=True) | dues)


class Publiable(models.Model):
    """A public entry: editors can keep it as a draft; its last update is shown, and apart from
    it the last time an editor confirmed its facts were still true (its verification)."""

    is_published = models.BooleanField(
        gettext_lazy("publié"),
        default=True,
        help_text=gettext_lazy("Décochez pour garder la fiche en brouillon, invisible du public."),
    )
    created_at = models.DateTimeField(gettext_lazy("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("mis à jour le"), auto_now=True)
    verified_at = models.DateTimeField(
        gettext_lazy("informations vérifiées le"), null=True, editable=False
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=gettext_lazy("vérifiées par"),
    )
    frequence_verification = models.PositiveSmallIntegerField(
        gettext_lazy("fréquence de vérification (mois)"),
        default=frequence_par_defaut,
        validators=[MinValueValidator(1), MaxValueValidator(FREQUENCE_MAX)],
        help_text=format_lazy(
            gettext_lazy(
                "Tous les combien de mois vérifier que la fiche est à jour (de 1 à {maximum})."
            ),
            maximum=FREQUENCE_MAX,
        ),
    )

    class Meta:
        abstract = True

    def natural_key(self):
        return (self.slug,)

    @property
    def verification_due_le(self):
        """When it is to be verified again: None if it never was (it is due already)."""
        if self.verified_at is None:
            return None
        return prochaine_verification(self.verified_at, self.frequence_verification)

    @property
    def is_due_for_verification(self):
        """As due_for_verification() says it (the same comparison, from now backwards)."""
        if self.verified_at is None:
            return True
        return self.verified_at <= decaler_de_mois(timezone.now(), -self.frequence_verification)


def format_date_partielle(valeur, precision):
    if valeur is None:
        return ""
    if precision == PrecisionDate.ANNEE:
        return str(valeur.year)
    if precision == PrecisionDate.MOIS:
        return f"{MOIS[valeur.month - 1]} {valeur.year}"
    jour = pgettext("premier jour du mois", "1er") if valeur.day == 1 else str(valeur.day)
    return f"{jour} {MOIS[valeur.month - 1]} {valeur.year}"


class Tronquee(models.Func):
    """A date cut to its year or its month: two dates cut alike compare at that precision.

    Written for the two databases the project runs on, with their built-in functions only
    (a constraint calling one of Django's SQLite functions would fail outside Django).
    """

    LONGUEURS = {"year": 4, "month": 7}  # of the ISO text SQLite stores a date as

    def __init__(self, expression, unite):
        if unite not in self.LONGUEURS:
            raise ValueError(f"Unité inconnue : {unite}")
        self.unite = unite
        super().__init__(expression, output_field=models.CharField())

    def as_sqlite(self, compiler, connection, **extra):
        modele = f"substr(%(expressions)s, 1, {self.LONGUEURS[self.unite]})"
        return self.as_sql(compiler, connection, template=modele, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        # To timestamp, not timestamptz: the result must not depend on the time zone.
        modele = f"date_trunc('{self.unite}', (%(expressions)s)::timestamp)"
        return self.as_sql(compiler, connection, template=modele, **extra)


class DansLaLangue(models.Expression):
    """A translated field (django-modeltranslation) as the page shows it: in the page's
    language, or in French where that language has nothing. Resolved when the query is
    compiled, so that a model's ordering follows the language of each request.
    """

    def __init__(self, champ, chemin=""):
        self.champ, self.chemin = champ, chemin
        super().__init__(output_field=models.CharField())

    def __repr__(self):
        return f"{self.__class__.__name__}({self.champ!r}, {self.chemin!r})"

    def prefix_references(self, prefix):
        # Ordering by a foreign key orders by the related model's order, through the key.
        return DansLaLangue(self.champ, f"{prefix}{self.chemin}")

    def colonne(self, langue):
        return F(self.chemin + langues_des_champs.build_localized_fieldname(self.champ, langue))

    def resolve_expression(self, query=None, *args, **kwargs):
        langue = langues_des_champs.get_language()
        valeur = self.colonne("fr")
        if langue != "fr":
            valeur = Coalesce(NullIf(self.colonne(langue), Value("")), valeur)
        return valeur.resolve_expression(query, *args, **kwargs)


def texte_dans_la_langue(entree, champ, langue=None):
    """A translated field's own text in this language (the page's by default), "" where it
    has none: not the French that the field itself falls back to."""
    langue = langue or langues_des_champs.get_language()
    return getattr(entree, langues_des_champs.build_localized_fieldname(champ, langue)) or ""


def colonne_francaise(modele, champ):
    """The field that holds a field's French text: its French column for one with a text per
    language (translation.py), else the field itself. Proposals, spreadsheets and downloads
    speak French, whatever the language of the page or of the admin."""
    francais = langues_des_champs.build_localized_fieldname(champ, "fr")
    try:
        modele._meta.get_field(francais)
    except FieldDoesNotExist:
        return champ
    return francais


class Periode(models.Model):
    """Start and end of a role, a relation or a programme, each known to the year, month or day.

    A date known only to the year is stored as 1 January of that year; its precision says how
    much of it is meaningful, so that it is never displayed as more exact than the source. The
    end is compared with the start at its own precision: from June 2020 to « 2020 » is a
    period, though 1 January 2020 comes before 1 June.
    """

    debut = models.DateField(gettext_lazy("début"), null=True, blank=True)
    debut_precision = models.CharField(
        gettext_lazy("précision du début"),
        max_length=5,
        choices=PrecisionDate.choices,
        default=PrecisionDate.ANNEE,
    )
    fin = models.DateField(gettext_lazy("fin"), null=True, blank=True)
    fin_precision = models.CharField(
        gettext_lazy("précision de la fin"),
        max_length=5,
        choices=PrecisionDate.choices,
        default=PrecisionDate.ANNEE,
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(debut__isnull=True)
                | Q(fin__isnull=True)
                | Q(fin__gte=F("debut"))
                | Q(
                    GreaterThanOrEqual(Tronquee(F("fin"), "year"), Tronquee(F("debut"), "year")),
                    fin_precision=PrecisionDate.ANNEE,
                )
                | Q(
                    GreaterThanOrEqual(Tronquee(F("fin"), "month"), Tronquee(F("debut"), "month")),
                    fin_precision=PrecisionDate.MOIS,
                ),
                name="%(app_label)s_%(class)s_fin_apres_debut",
                violation_error_message=gettext_lazy("La fin ne peut pas précéder le début."),
            ),
        ]

    @property
    def periode(self):
        debut = format_date_partielle(self.debut, self.debut_precision)
        fin = format_date_partielle(self.fin, self.fin_precision)
        if debut and fin:
            return debut if debut == fin else f"{debut} – {fin}"
        if debut:
            return gettext("depuis %(debut)s") % {"debut": debut}
        if fin:
            return gettext("jusqu'en %(fin)s") % {"fin": fin}
        return ""


class Chiffre(models.Model):
    """A key figure (a count, an amount) with the year it describes and its source."""

    libelle = models.CharField(
        gettext_lazy("libellé"),
        max_length=200,
        help_text=gettext_lazy("Ce que compte le chiffre, ex. « projets accompagnés »."),
    )
    valeur = models.DecimalField(gettext_lazy("valeur"), max_digits=14, decimal_places=2)
    est_approximatif = models.BooleanField(
        gettext_lazy("approximatif"),
        default=False,
        help_text=gettext_lazy("La source donne un ordre de grandeur."),
    )
    annee = models.PositiveSmallIntegerField(gettext_lazy("année"), null=True, blank=True)
    source = models.ForeignKey(
        "ecosysteme.Source", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    def __str__(self):
        texte = f"{self.valeur_affichee} {self.libelle}"
        return f"{texte} ({self.annee})" if self.annee else texte

    @property
    def valeur_affichee(self):
        valeur = self.valeur.normalize() if self.valeur is not None else ""
        if valeur == "":
            return ""
        decimales = max(0, -valeur.as_tuple().exponent)
        texte = number_format(valeur, decimal_pos=decimales, use_l10n=True, force_grouping=True)
        return gettext("environ %(valeur)s") % {"valeur": texte} if self.est_approximatif else texte


# A territory has at most this many parents: six levels, from the country down to the commune
# with one more in between (a territory of level « autre »). Code that walks up or down the
# tree goes no further, so a loop or a chain too deep that reached the database ends anyway.
PROFONDEUR_MAX = 5
CHAINE_PARENTS = "__".join(["parent"] * PROFONDEUR_MAX)
TROP_BAS = gettext_lazy(
    "la hiérarchie des territoires compte au plus six niveaux, du pays à la commune."
)
# What each level is called (one, several), in any country ("") or in one by its ISO code.
NOMS_NIVEAUX = {
    ("", NiveauTerritoire.PAYS): (gettext_lazy("pays"), pgettext_lazy("pluriel", "pays")),
    ("", NiveauTerritoire.REGION): (gettext_lazy("région"), gettext_lazy("régions")),
    # The Belgian regions are not the French ones: « gewesten » in Dutch.
    ("BE", NiveauTerritoire.REGION): (
        pgettext_lazy("Belgique", "région"),
        pgettext_lazy("Belgique", "régions"),
    ),
    ("", NiveauTerritoire.DEPARTEMENT): (
        gettext_lazy("département ou province"),
        gettext_lazy("départements ou provinces"),
    ),
    ("FR", NiveauTerritoire.DEPARTEMENT): (
        gettext_lazy("département"),
        gettext_lazy("départements"),
    ),
    ("BE", NiveauTerritoire.DEPARTEMENT): (gettext_lazy("province"), gettext_lazy("provinces")),
    ("", NiveauTerritoire.INTERCOMMUNALITE): (
        gettext_lazy("intercommunalité"),
        gettext_lazy("intercommunalités"),
    ),
    ("", NiveauTerritoire.COMMUNE): (gettext_lazy("commune"), gettext_lazy("communes")),
    ("", NiveauTerritoire.AUTRE): (
        gettext_lazy("autre territoire (ancienne région, SCoT, bassin…)"),
        gettext_lazy("autres territoires (anciennes régions, SCoT, bassins…)"),
    ),
}
# Which code a territory's is, by country and level: « 75 » is Paris as a département and
# Nouvelle-Aquitaine as a région.
NOMS_CODES = {
    ("", NiveauTerritoire.PAYS): gettext_lazy("code ISO du pays"),
    ("FR", NiveauTerritoire.REGION): gettext_lazy("code INSEE de la région"),
    ("FR", NiveauTerritoire.DEPARTEMENT): gettext_lazy("code INSEE du département"),
    ("FR", NiveauTerritoire.INTERCOMMUNALITE): gettext_lazy("numéro SIREN de l'intercommunalité"),
    ("FR", NiveauTerritoire.COMMUNE): gettext_lazy("code INSEE de la commune"),
    ("BE", NiveauTerritoire.REGION): gettext_lazy("code INS/NIS de la région"),
    ("BE", NiveauTerritoire.DEPARTEMENT): gettext_lazy("code INS/NIS de la province"),
    ("BE", NiveauTerritoire.COMMUNE): gettext_lazy("code INS/NIS de la commune"),
}


def nom_de_niveau(niveau, pays="", pluriel=False):
    """What territories of this level are called in this country (its ISO code)."""
    noms = NOMS_NIVEAUX.get((pays, niveau)) or NOMS_NIVEAUX["", niveau]
    return noms[pluriel]


class TerritoireQuerySet(SlugQuerySet):
    def for_page(self):
        # Five parents reach the country from a commune: ancetres() then needs no query.
        return self.select_related(CHAINE_PARENTS)

    def regions(self):
        return self.filter(niveau=NiveauTerritoire.REGION)

    def named(self, texte):
        """Whose name holds this text, in any language (Bruxelles, Brussel, Brussels)."""
        noms = langues_des_champs.get_translation_fields("nom")
        return self.filter(reduce(or_, (Q(**{f"{nom}__icontains": texte}) for nom in noms)))

    def with_descendants(self, territoire):
        """This territory and every territory below it, found one level per query."""
        # The hierarchy has at most six levels; a recursive CTE would need raw SQL for little gain.
        return self.filter(pk__in=[territoire.pk, *chain(*self.niveaux_sous(territoire))])

    def niveaux_sous(self, territoire, profondeur=PROFONDEUR_MAX):
        """The primary keys of the territories below this one, one list per level down.

        `profondeur` levels at most, and none twice: a loop in bad data ends.
        """
        vus, niveau = {territoire.pk}, [territoire.pk]
        for _ in range(profondeur):
            enfants = self.model.objects.filter(parent__in=niveau).values_list("pk", flat=True)
            niveau = [pk for pk in enfants if pk not in vus]
            if not niveau:
                return
            vus.update(niveau)
            yield niveau

    def lignee_en_base(self, pk):
        """The primary keys of this territory and of those above it, as the database holds
        them: in one query, PROFONDEUR_MAX + 1 at most, nearest first, empty if it is not there.
        """
        chemins = ["pk", *("__".join(["parent"] * n) for n in range(1, PROFONDEUR_MAX + 1))]
        ligne = self.model.objects.filter(pk=pk).values_list(*chemins).first() or ()
        return list(takewhile(lambda pk: pk is not None, ligne))


def in_territoires_or_below_q(relations, territoires):
    """Q: through one of these relations, a territory among these or anywhere below one of them.

    It looks up each territory's chain of parents (the hierarchy has six levels) instead of
    collecting every descendant first, so it costs no query of its own.
    """
    condition = Q()
    for relation in relations:
        for niveau in range(PROFONDEUR_MAX + 1):
            condition |= Q(**{f"{relation}{'__parent' * niveau}__in": territoires})
    return condition


def refus_du_parent(message):
    # Not « invalid », the code of a reference not found yet: the loader waits for those.
    return ValidationError({"parent": ValidationError(message, code="hierarchie")})


class Territoire(models.Model):
    nom = models.CharField(gettext_lazy("nom"), max_length=200, db_collation=ORDRE_ALPHABETIQUE)
    slug = models.SlugField(gettext_lazy("slug"), max_length=200, unique=True)
    niveau = models.CharField(
        gettext_lazy("niveau"), max_length=20, choices=NiveauTerritoire.choices
    )
    code = models.CharField(
        gettext_lazy("code officiel"),
        max_length=20,
        blank=True,
        help_text=gettext_lazy("Code INSEE (France), code INS/NIS (Belgique) ou code ISO du pays."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enfants",
        verbose_name=gettext_lazy("territoire parent"),
    )
    is_synthetic = models.BooleanField(
        gettext_lazy("donnée synthétique"), default=False, editable=False
    )

    objects = TerritoireQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("territoire")
        verbose_name_plural = gettext_lazy("territoires")
        ordering = [DansLaLangue("nom")]
        constraints = [
            models.UniqueConstraint(
                fields=["niveau", "code"],
                condition=~Q(code=""),
                name="territoire_code_unique_par_niveau",
                violation_error_message=gettext_lazy("Un territoire de ce niveau a déjà ce code."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="territoire_no_self_parent",
                violation_error_message=gettext_lazy(
                    "Un territoire ne peut pas être son propre parent."
                ),
            ),
        ]

    def __str__(self):
        return self.nom

    def get_absolute_url(self):
        return reverse("territoire_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        super().clean()
        if self.parent_id is None:
            return
        if self.parent_id == self.pk:
            raise refus_du_parent(gettext("Un territoire ne peut pas être son propre parent."))
        lignee = Territoire.objects.lignee_en_base(self.parent_id)
        if self.pk is not None and self.pk in lignee:
            raise refus_du_parent(
                gettext("Ce parent créerait une boucle : « %(parent)s » est déjà sous « %(nom)s ».")
                % {"parent": self.parent, "nom": self}
            )
        if len(set(lignee)) < len(lignee):
            raise refus_du_parent(
                gettext("Les territoires au-dessus de « %(parent)s » forment déjà une boucle.")
                % {"parent": self.parent}
            )
        if len(lignee) > PROFONDEUR_MAX:
            raise refus_du_parent(
                gettext("Ce parent placerait « %(nom)s » trop bas : %(raison)s")
                % {"nom": self, "raison": TROP_BAS}
            )
        self.verifier_profondeur_en_dessous(PROFONDEUR_MAX - len(lignee))

    def verifier_profondeur_en_dessous(self, marge):
        """Refuses a move that would push the territories below this one too deep."""
        if self.pk is None:
            return
        niveaux = list(Territoire.objects.niveaux_sous(self, marge + 1))
        if len(niveaux) > marge:
            trop_bas = Territoire.objects.filter(pk__in=niveaux[-1]).order_by(
                DansLaLangue("nom"), "pk"
            )[0]
            raise refus_du_parent(
                gettext(
                    "Ce parent placerait « %(dessous)s », sous « %(nom)s », trop bas : %(raison)s"
                )
                % {"dessous": trop_bas, "nom": self, "raison": TROP_BAS}
            )

    def lignee(self):
        """This territory, then its parents up to the top, nearest first.

        PROFONDEUR_MAX parents at most and none twice, so that a loop or a chain too deep that
        reached the database (raw SQL) ends anyway. Parents not loaded yet cost a query each.
        """
        lignee, pks = [self], {self.pk}
        while len(lignee) <= PROFONDEUR_MAX:
            parent = lignee[-1].parent
            if parent is None or (parent.pk is not None and parent.pk in pks):
                break
            lignee.append(parent)
            pks.add(parent.pk)
        return lignee

    def ancetres(self):
        """The chain of parents, nearest first (no query after for_page())."""
        return self.lignee()[1:]

    @property
    def code_pays(self):
        """The ISO code of the country it lies in (or is), "" if none."""
        sommet = self.lignee()[-1]
        return sommet.code if sommet.niveau == NiveauTerritoire.PAYS else ""

    @property
    def nom_niveau(self):
        """« département », « province »: what it is, as its country says it."""
        return nom_de_niveau(self.niveau, self.code_pays)

    @property
    def nom_code(self):
        """Which code its code is: « code INSEE de la région »."""
        return NOMS_CODES.get(
            (self.code_pays, self.niveau),
            NOMS_CODES.get(("", self.niveau), gettext_lazy("code officiel")),
        )


class Thematique(models.Model):
    nom = models.CharField(
        gettext_lazy("nom"), max_length=100, unique=True, db_collation=ORDRE_ALPHABETIQUE
    )
    slug = models.SlugField(gettext_lazy("slug"), max_length=100, unique=True)
    description = models.TextField(gettext_lazy("description"), blank=True)
    is_synthetic = models.BooleanField(
        gettext_lazy("donnée synthétique"), default=False, editable=False
    )

    objects = SlugQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("thématique")
        verbose_name_plural = gettext_lazy("thématiques")
        ordering = [DansLaLangue("nom")]

    def __str__(self):
        return self.nom

    def get_absolute_url(self):
        return reverse("thematique_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class Source(models.Model):
    titre = models.CharField(gettext_lazy("titre"), max_length=300, db_collation=ORDRE_ALPHABETIQUE)
    slug = models.SlugField(gettext_lazy("slug"), max_length=200, unique=True)
    nature = models.CharField(
        gettext_lazy("nature"),
        max_length=20,
        choices=NatureSource.choices,
        default=NatureSource.ARTICLE,
    )
    editeur = models.CharField(gettext_lazy("éditeur"), max_length=200, blank=True)
    date_publication = models.DateField(gettext_lazy("date de publication"), null=True, blank=True)
    url = models.URLField(gettext_lazy("adresse web"), max_length=500, blank=True)
    fichier = models.CharField(
        gettext_lazy("document source"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy(
            "Nom du fichier du document d'origine, quand il est archivé avec les données."
        ),
    )
    description = models.TextField(gettext_lazy("description"), blank=True)
    is_synthetic = models.BooleanField(
        gettext_lazy("donnée synthétique"), default=False, editable=False
    )

    objects = SlugQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("source")
        verbose_name_plural = gettext_lazy("sources")
        ordering = ["titre"]

    def __str__(self):
        return self.titre

    def natural_key(self):
        return (self.slug,)


class Vocabulaire(models.Model):
    """The words of the search documents, each with its one-letter-deleted variants.

    A query word one typo away from a known word shares a variant with it, so typos are found
    with one indexed lookup instead of a comparison with every word. Its stem, the form the
    documents hold, tells when no document holds it any more (ecosysteme.recherche.indexation).
    """

    mot = models.CharField(gettext_lazy("mot"), max_length=100)
    racine = models.CharField(gettext_lazy("racine"), max_length=100, db_index=True)
    variante = models.CharField(gettext_lazy("variante"), max_length=100, db_index=True)

    class Meta:
        verbose_name = gettext_lazy("mot du vocabulaire de recherche")
        verbose_name_plural = gettext_lazy("vocabulaire de recherche")
        ordering = ["mot"]
        constraints = [
            models.UniqueConstraint(fields=["mot", "variante"], name="vocabulaire_unique"),
        ]

    def __str__(self):
        return self.mot


# Left out of the entries' history: derived from the other fields (the search documents) or
# changed by every save (its date is the version's own).
NON_HISTORISES = ["recherche_nom", "recherche_texte", "updated_at"]


class Recherchable(models.Model):
    """An entry found by free text: its search documents are computed by
    ecosysteme.recherche.indexation."""

    recherche_nom = models.TextField(
        gettext_lazy("document de recherche (noms)"), blank=True, editable=False
    )
    recherche_texte = models.TextField(
        gettext_lazy("document de recherche (texte)"), blank=True, editable=False
    )

    class Meta:
        abstract = True


class DepotQuerySet(models.QuerySet):
    """What visitors submit through a public form (a `courriel` and a `created_at`): counted
    for the rate limits, its personal data erased after the retention period."""

    def since(self, duree):
        """Submitted in the last `duree` (a timedelta)."""
        return self.filter(created_at__gte=timezone.now() - duree)

    def from_sender(self, courriel):
        return self.filter(courriel__iexact=courriel)

    def to_purge(self, jours):
        """Submitted more than `jours` days ago, their personal data not yet erased."""
        limite = timezone.now() - timedelta(days=jours)
        return self.filter(created_at__lt=limite, purged_at__isnull=True)


def langue_active():
    """The language of the page being served: French outside a request (a command, a task)."""
    langue = get_language()
    return langue if langue in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class Envoi(models.Model):
    """A mail the site sends for this row, and where it stands: sent by a background task that
    claims each attempt on the row itself (ecosysteme.courriels.envoyer_une_fois), in the
    language of the page where the row was made."""

    statut = models.CharField(
        gettext_lazy("statut"),
        max_length=10,
        choices=StatutEnvoi.choices,
        default=StatutEnvoi.A_ENVOYER,
    )
    tentatives = models.PositiveSmallIntegerField(gettext_lazy("tentatives d'envoi"), default=0)
    erreur = models.CharField(gettext_lazy("dernière erreur d'envoi"), max_length=300, blank=True)
    sent_at = models.DateTimeField(gettext_lazy("envoyé le"), null=True, blank=True)
    langue = models.CharField(
        gettext_lazy("langue du courriel"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=langue_active,
        editable=False,
    )

    class Meta:
        abstract = True


class SignalementQuerySet(DepotQuerySet):
    def about(self, fiche):
        """The reports on this profile (an organisation, a person, a programme)."""
        type_fiche = ContentType.objects.get_for_model(fiche)
        return self.filter(type_fiche=type_fiche, fiche_id=fiche.pk)

    def processed(self):
        return self.exclude(etat=EtatSignalement.NOUVEAU)

    def to_purge(self, jours):
        """Processed more than `jours` days ago, their reporter's address not yet erased."""
        limite = timezone.now() - timedelta(days=jours)
        return self.processed().filter(processed_at__lt=limite, purged_at__isnull=True)


class Signalement(Envoi):
    """A visitor's report of an error on a public profile: an organisation, a person or a
    programme, held by a generic relation because this module sits under the apps. Editors
    process it in the admin; the reporter, if they left an address, is told the outcome
    once by mail (the Envoi), and their address is erased SIGNALEMENTS_CONSERVATION_JOURS
    days after the processing (`manage.py purger_messages`).
    """

    type_fiche = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=gettext_lazy("sorte de fiche")
    )
    fiche_id = models.PositiveBigIntegerField(gettext_lazy("identifiant de la fiche"))
    fiche = GenericForeignKey("type_fiche", "fiche_id")
    motif = models.CharField(gettext_lazy("motif"), max_length=20, choices=MotifSignalement.choices)
    commentaire = models.TextField(gettext_lazy("commentaire"), max_length=2000)
    courriel = models.EmailField(gettext_lazy("adresse du signaleur"), max_length=254, blank=True)
    consented_at = models.DateTimeField(
        gettext_lazy("consentement donné le"), null=True, blank=True
    )
    etat = models.CharField(
        gettext_lazy("état"),
        max_length=10,
        choices=EtatSignalement.choices,
        default=EtatSignalement.NOUVEAU,
    )
    reponse = models.TextField(
        gettext_lazy("réponse de l'équipe"),
        max_length=2000,
        blank=True,
        help_text=gettext_lazy("Envoyée au signaleur s'il a laissé son adresse ; jamais publiée."),
    )
    # Indexed: the rate limits count the last day's reports.
    created_at = models.DateTimeField(gettext_lazy("signalé le"), auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(gettext_lazy("traité le"), null=True, blank=True)
    processed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("traité par"),
    )
    purged_at = models.DateTimeField(gettext_lazy("adresse effacée le"), null=True, blank=True)

    objects = SignalementQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("signalement")
        verbose_name_plural = gettext_lazy("signalements")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["type_fiche", "fiche_id"], name="signalement_fiche")]
        constraints = [
            models.CheckConstraint(
                condition=Q(courriel="") | Q(consented_at__isnull=False),
                name="signalement_courriel_consenti",
            ),
            models.CheckConstraint(
                condition=Q(etat=EtatSignalement.NOUVEAU) | Q(processed_at__isnull=False),
                name="signalement_traite_date",
            ),
        ]

    def __str__(self):
        fiche = self.fiche or gettext("fiche supprimée")
        return f"{self.get_motif_display()} ({fiche})"


class PropositionQuerySet(DepotQuerySet):
    def about(self, fiche):
        """The proposals on this profile (an organisation, a programme)."""
        type_fiche = ContentType.objects.get_for_model(fiche)
        return self.filter(type_fiche=type_fiche, fiche_id=fiche.pk)

    def confirmed(self):
        """The editors' queue: what the author has confirmed, whatever became of it."""
        return self.exclude(etat=EtatProposition.A_CONFIRMER)

    def processed(self):
        return self.filter(etat__in=[EtatProposition.ACCEPTEE, EtatProposition.REFUSEE])

    def pending_on(self, fiche):
        """The proposals on this profile awaiting the editors; by the content type's name, so
        that it reads no content type first."""
        return self.filter(
            type_fiche__app_label=fiche._meta.app_label,
            type_fiche__model=fiche._meta.model_name,
            fiche_id=fiche.pk,
            etat=EtatProposition.NOUVELLE,
        )

    def to_purge(self, jours):
        """Processed more than `jours` days ago, their author's address not yet erased."""
        limite = timezone.now() - timedelta(days=jours)
        return self.processed().filter(processed_at__lt=limite, purged_at__isnull=True)

    def unconfirmed_expired(self, jours):
        """Never confirmed, and their link has expired: they can never reach the editors."""
        limite = timezone.now() - timedelta(days=jours)
        return self.filter(etat=EtatProposition.A_CONFIRMER, created_at__lt=limite)


class Proposition(Envoi):
    """A visitor's proposed change to a public profile (an organisation, a programme), or a
    proposed new one (`fiche_id` empty until it is accepted). Nothing is applied when it is
    made: it holds the proposed values and the values they were based on, as JSON, until an
    editor accepts all or some of them, through the model's own validation, or refuses it.
    The Envoi is its current mail: first the link that confirms the author's address, then
    the outcome. The address is erased PROPOSITIONS_CONSERVATION_JOURS days after the
    processing (`manage.py purger_messages`).
    """

    type_fiche = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=gettext_lazy("sorte de fiche")
    )
    fiche_id = models.PositiveBigIntegerField(
        gettext_lazy("identifiant de la fiche"), null=True, blank=True
    )
    fiche = GenericForeignKey("type_fiche", "fiche_id")
    is_creation = models.BooleanField(gettext_lazy("nouvelle fiche"), default=False)
    valeurs = models.JSONField(gettext_lazy("valeurs proposées"), default=dict)
    valeurs_initiales = models.JSONField(
        gettext_lazy("valeurs de la fiche lors de la proposition"), default=dict, blank=True
    )
    commentaire = models.TextField(gettext_lazy("commentaire"), max_length=2000, blank=True)
    courriel = models.EmailField(gettext_lazy("adresse de l'auteur"), max_length=254, blank=True)
    consented_at = models.DateTimeField(
        gettext_lazy("consentement donné le"), null=True, blank=True
    )
    etat = models.CharField(
        gettext_lazy("état"),
        max_length=12,
        choices=EtatProposition.choices,
        default=EtatProposition.A_CONFIRMER,
    )
    champs_acceptes = models.JSONField(gettext_lazy("champs acceptés"), default=list, blank=True)
    reponse = models.TextField(
        gettext_lazy("réponse de l'équipe"),
        max_length=2000,
        blank=True,
        help_text=gettext_lazy(
            "Envoyée à l'auteur de la proposition ; jamais publiée. Pour un refus, dites pourquoi."
        ),
    )
    # Indexed: the rate limits count the last day's proposals.
    created_at = models.DateTimeField(gettext_lazy("proposée le"), auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(gettext_lazy("confirmée le"), null=True, blank=True)
    processed_at = models.DateTimeField(gettext_lazy("traitée le"), null=True, blank=True)
    processed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("traitée par"),
    )
    purged_at = models.DateTimeField(gettext_lazy("adresse effacée le"), null=True, blank=True)
    # A change read in an official registry (acteurs.registres): no author to write to, the
    # registry's file is its origin; it reaches the editors' queue at once.
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="propositions",
        verbose_name=gettext_lazy("registre d'origine"),
    )
    # A manager's edit of their own organisation, while it is moderated: confirmed at once
    # (they are signed in), its acceptance counts toward their trust.
    gestionnaire = models.ForeignKey(
        "acteurs.Gestionnaire",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="propositions",
        verbose_name=gettext_lazy("gestionnaire auteur"),
    )

    objects = PropositionQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("proposition de modification")
        verbose_name_plural = gettext_lazy("propositions de modification")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["type_fiche", "fiche_id"], name="proposition_fiche")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(courriel="") | Q(purged_at__isnull=False) | Q(source__isnull=False),
                name="proposition_courriel_ou_efface",
            ),
            models.CheckConstraint(
                condition=Q(is_creation=True) | Q(fiche_id__isnull=False),
                name="proposition_fiche_ou_creation",
            ),
            models.CheckConstraint(
                condition=Q(etat__in=[EtatProposition.A_CONFIRMER, EtatProposition.NOUVELLE])
                | Q(processed_at__isnull=False),
                name="proposition_traitee_date",
            ),
        ]

    def __str__(self):
        sorte = self.type_fiche.model_class()._meta.verbose_name
        if self.is_creation and self.fiche_id is None:
            return gettext("Nouvelle fiche (%(sorte)s) : %(nom)s") % {
                "sorte": sorte,
                "nom": self.valeurs.get("nom", ""),
            }
        return gettext("Modification de « %(fiche)s »") % {
            "fiche": self.fiche or gettext("fiche supprimée")
        }


class VersionDonnees(models.Model):
    """The journal of committed writes to the public entries and their links: one row per
    transaction and per kind of entry it changed, saying which entries (or everything).

    Each process keeps the listings' indexes in memory (ecosysteme.listes.index_facettes) and
    reads the newest row, one query per listing, to know whether they are still current; when
    they are not, it reads the rows written since and applies just those entries. The rows
    are written at the commit of the transaction. Each carries a random token beside its number:
    no version ever comes back, not even once the database is emptied or restored from a
    backup. The oldest rows are dropped (JOURNAL_GARDE): a process further behind reads
    everything again.
    """

    jeton = models.CharField(gettext_lazy("jeton"), max_length=32)
    # The entries' model ("acteurs.organisation"), or "" when anything may have changed.
    modele = models.CharField(
        gettext_lazy("sorte de fiches"), max_length=100, blank=True, default=""
    )
    cles = models.JSONField(gettext_lazy("clés des fiches"), default=list, blank=True)
    ecrite_le = models.DateTimeField(gettext_lazy("écrite le"), default=timezone.now)

    JOURNAL_GARDE = 10_000

    class Meta:
        verbose_name = gettext_lazy("version des données")
        verbose_name_plural = gettext_lazy("versions des données")

    def __str__(self):
        return self.jeton

    @property
    def version(self):
        return f"{self.pk}:{self.jeton}"

    @classmethod
    def actuelle(cls, using=None):
        """The version of the data: "number:token" of the newest row, or "" if none."""
        ligne = cls.objects.db_manager(using).order_by("-pk").values_list("pk", "jeton").first()
        return f"{ligne[0]}:{ligne[1]}" if ligne else ""

    @classmethod
    def changer(cls, using=None, changements=None):
        """Records a committed write. Written only by
        ecosysteme.listes.index_facettes.donnees_modifiees(), once per transaction, at its commit.

        `changements`: {model label: primary keys} of the entries written, or None when
        anything may have changed.
        """
        lignes = cls.objects.db_manager(using)
        jeton = uuid.uuid4().hex
        if changements is None:
            nouvelles = [cls(jeton=jeton)]
        else:
            nouvelles = [
                cls(jeton=jeton, modele=modele, cles=sorted(cles))
                for modele, cles in sorted(changements.items())
            ]
        ecrites = lignes.bulk_create(nouvelles)
        premiere, derniere = ecrites[0].pk, ecrites[-1].pk
        # Every hundred rows (a transaction may write several), the oldest go.
        if premiere and derniere and (premiere - 1) // 100 != derniere // 100:
            lignes.filter(pk__lte=derniere - cls.JOURNAL_GARDE).delete()
