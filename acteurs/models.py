"""The actors of the directory.

An *organisation* is any structure of the ESS (cooperative, association, network, local
authority…); a *personne* is someone who holds or held a *fonction* in one; a *relation* ties
two organisations with a type that reads differently from each end; a *citation* is what a
person said, as a source reports it. A *message* is what a visitor wrote to an organisation
through the directory, relayed to its private contact address; a *besoin* is what a visitor
needs, sent to the organisations that match it and accept requests. A *gestionnaire* is a
person who manages an organisation's profile, once their request is approved; an *avis* is a
mail the site sends them.
"""

from datetime import timedelta

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Prefetch, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy
from modeltranslation.utils import get_language as langue_des_champs
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from ecosysteme.alphabetique import ORDRE_ALPHABETIQUE, NonVideOu, par_ordre_alphabetique
from ecosysteme.enums import NiveauTerritoire, PrecisionDate
from ecosysteme.models import (
    NON_HISTORISES,
    Chiffre,
    DansLaLangue,
    DepotQuerySet,
    Envoi,
    Periode,
    Publiable,
    PublishedQuerySet,
    Recherchable,
    Signalement,
    SlugQuerySet,
    Territoire,
    Thematique,
    format_date_partielle,
    texte_dans_la_langue,
)
from ecosysteme.recherche.moteur import rechercher

from .enums import (
    INTITULES_RELATION,
    RELATIONS_SYMETRIQUES,
    CategorieFonction,
    EtatBesoin,
    EtatGestionnaire,
    FormeJuridique,
    NatureBesoin,
    SorteAvis,
    TrancheBudget,
    TypeRelation,
)
from .validators import (
    validate_bce,
    validate_code_postal,
    validate_rna,
    validate_siren,
    validate_siret,
)


class TypeActivite(models.Model):
    """A kind of activity (CAE, PTCE, incubateur…), independent of the legal form."""

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
        verbose_name = gettext_lazy("type d'activité")
        verbose_name_plural = gettext_lazy("types d'activité")
        ordering = [DansLaLangue("nom")]

    def __str__(self):
        return self.nom

    def natural_key(self):
        return (self.slug,)


# An organisation's official numbers, in the order every page and output gives them.
IDENTIFIANTS = ["siren", "siret", "rna", "bce"]
FORMES_COOPERATIVES = [FormeJuridique.SCOP, FormeJuridique.SCIC, FormeJuridique.COOPERATIVE]
# Slugs of kinds of activity (TypeActivite rows) that the home page counts.
TYPES_COOPERATIVES = ["cae"]
TYPES_ACCOMPAGNEMENT = ["structure-accompagnement", "incubateur", "generateur"]


def published_dispositifs():
    # The programmes' model as the reverse relation knows it: accompagnement depends on
    # acteurs, never the other way round, so acteurs does not import it.
    return Organisation.dispositifs_portes.field.model.objects.published()


class OrganisationQuerySet(PublishedQuerySet):
    def search(self, texte):
        return rechercher(self, texte)

    def closed(self):
        """Those that have ceased their activity: a closing date, or a year of dissolution."""
        return self.filter(Q(date_cessation__isnull=False) | Q(annee_fin__isnull=False))

    def active(self):
        """Those still active, as far as the directory knows: the listing's default."""
        return self.filter(date_cessation__isnull=True, annee_fin__isnull=True)

    def for_annuaire(self):
        """What an organisation's card shows: legal form, kinds of activity, seat."""
        return self.select_related("siege").prefetch_related("types")

    def for_profile(self):
        """Everything the profile shows, in a number of queries that does not grow with it."""
        return self.select_related("siege", "commune").prefetch_related(
            "types",
            "territoires_action",
            "thematiques",
            "sources",
            Prefetch("chiffres", queryset=ChiffreOrganisation.objects.for_display()),
            Prefetch("fonctions", queryset=Fonction.objects.of_published_personnes()),
            Prefetch("citations", queryset=Citation.objects.of_published_personnes()),
            Prefetch("dispositifs_portes", queryset=published_dispositifs()),
            Prefetch("dispositifs_partenaires", queryset=published_dispositifs()),
        )

    def contactable(self):
        """Those that accept visitors' messages, and say where to relay them (and are still
        active: a closed one reads no mail)."""
        return self.active().filter(is_contactable=True).exclude(courriel_contact="")

    def managed_by(self, user):
        """The organisations whose profile this account manages (an approved request)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            gestionnaires__user=user, gestionnaires__etat=EtatGestionnaire.APPROUVE
        ).distinct()

    def open_to_requests(self):
        """Those that accept visitors' needs (« Déposer un besoin »), and say where to send them
        (and are still active)."""
        return self.active().filter(is_open_to_requests=True).exclude(courriel_contact="")

    def serving(self, territoire):
        """Seated or active in this territory or below it, or active in a territory above it: a
        need in a commune reaches the organisations of its département and of its région."""
        au_dessus = Territoire.objects.lignee_en_base(territoire.pk)[1:]
        return self.filter(
            Q(pk__in=self.in_territoires_or_below([territoire]).values("pk"))
            | Q(pk__in=self.in_territoires(au_dessus).values("pk"))
        )

    def matching(self, *, territoire, types=(), thematiques=()):
        """What a need for these criteria reaches: in or serving the territory, of one of
        these kinds of activity and on one of these themes (any, when none is given)."""
        organisations = self.serving(territoire)
        if types:
            organisations = organisations.with_types(types)
        if thematiques:
            organisations = organisations.with_thematiques(thematiques)
        return organisations

    def in_territoires(self, territoires):
        """Seated or active in one of these territories (a queryset of them)."""
        return self.filter(
            Q(siege__in=territoires) | Q(territoires_action__in=territoires)
        ).distinct()

    def in_territoires_or_below(self, territoires):
        """Seated or active in one of these territories or below: a région finds its communes."""
        # A subquery rather than a join: the join repeats an organisation once per territory.
        couvertes = TerritoireCouvert.objects.filter(territoire__in=territoires)
        return self.filter(pk__in=couvertes.values("organisation"))

    def with_types(self, types):
        liens = Organisation.types.through.objects.filter(typeactivite__in=types)
        return self.filter(pk__in=liens.values("organisation"))

    def with_thematiques(self, thematiques):
        liens = Organisation.thematiques.through.objects.filter(thematique__in=thematiques)
        return self.filter(pk__in=liens.values("organisation"))

    def paires_territoires(self):
        """(territory, organisation) for each territory these are in, or below."""
        couverts = TerritoireCouvert.objects.filter(organisation__in=self.values("pk"))
        return couverts.values_list("territoire", "organisation")


class TextesTraduitsHistorises(models.Model):
    """An organisation's texts in each language (acteurs/translation.py), in its history too:
    its columns are added after the model that the history copies is built. Nullable, as
    the columns they copy are."""

    nom_officiel_fr = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001
    nom_officiel_nl = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001
    nom_officiel_en = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001
    description_fr = models.TextField(null=True, blank=True)  # noqa: DJ001
    description_nl = models.TextField(null=True, blank=True)  # noqa: DJ001
    description_en = models.TextField(null=True, blank=True)  # noqa: DJ001

    class Meta:
        abstract = True


class Organisation(Recherchable, Publiable):
    nom = models.CharField(gettext_lazy("nom"), max_length=200, db_collation=ORDRE_ALPHABETIQUE)
    sigle = models.CharField(gettext_lazy("sigle"), max_length=50, blank=True)
    nom_officiel = models.CharField(
        gettext_lazy("nom officiel"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy(
            "Le nom déclaré dans cette langue, tel que le registre le donne (la BCE donne le "
            "nom français et le nom néerlandais) ; les pages dans cette langue l'affichent."
        ),
    )
    slug = models.SlugField(gettext_lazy("slug"), max_length=200, unique=True)
    forme_juridique = models.CharField(
        gettext_lazy("forme juridique"), max_length=20, choices=FormeJuridique.choices, blank=True
    )
    types = models.ManyToManyField(
        TypeActivite,
        blank=True,
        related_name="organisations",
        verbose_name=gettext_lazy("types d'activité"),
    )
    annee_creation = models.PositiveSmallIntegerField(
        gettext_lazy("année de création"), null=True, blank=True
    )
    annee_fin = models.PositiveSmallIntegerField(
        gettext_lazy("année de fin"),
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "Année de dissolution ou de fusion, telle que la source la donne ; "
            "la fiche reste consultable."
        ),
    )
    date_cessation = models.DateField(
        gettext_lazy("a cessé son activité le"),
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "Date à laquelle l'organisation a cessé son activité, quand elle est connue "
            "au jour ; sinon, l'année de fin suffit. Dans les deux cas la fiche reste consultable, "
            "avec ses liens, mais ne figure plus dans la liste des acteurs par défaut."
        ),
    )
    description = models.TextField(gettext_lazy("description"), blank=True)
    site_web = models.URLField(gettext_lazy("site web"), max_length=300, blank=True)
    siege = models.ForeignKey(
        "ecosysteme.Territoire",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations_siege",
        verbose_name=gettext_lazy("territoire du siège"),
    )
    territoires_action = models.ManyToManyField(
        "ecosysteme.Territoire",
        blank=True,
        related_name="organisations_action",
        verbose_name=gettext_lazy("territoires d'action"),
    )
    thematiques = models.ManyToManyField(
        "ecosysteme.Thematique",
        blank=True,
        related_name="organisations",
        verbose_name=gettext_lazy("thématiques"),
    )
    siren = models.CharField(
        gettext_lazy("SIREN"), max_length=9, blank=True, validators=[validate_siren]
    )
    siret = models.CharField(
        gettext_lazy("SIRET du siège"), max_length=14, blank=True, validators=[validate_siret]
    )
    rna = models.CharField(
        gettext_lazy("numéro RNA"), max_length=10, blank=True, validators=[validate_rna]
    )
    bce = models.CharField(
        gettext_lazy("numéro BCE/KBO"), max_length=10, blank=True, validators=[validate_bce]
    )
    sources = models.ManyToManyField(
        "ecosysteme.Source",
        blank=True,
        related_name="organisations",
        verbose_name=gettext_lazy("sources"),
    )
    # What the official registries say of it (SIRENE, BCE), as they code it.
    code_activite = models.CharField(
        gettext_lazy("code d'activité"),
        max_length=10,
        blank=True,
        help_text=gettext_lazy(
            "Code NAF (France) ou NACE-BEL (Belgique) de l'activité principale."
        ),
    )
    tranche_effectif = models.CharField(
        gettext_lazy("tranche d'effectif"),
        max_length=2,
        blank=True,
        help_text=gettext_lazy("Code de la tranche d'effectif salarié, tel que l'INSEE le donne."),
    )
    # Where its seat is, in WGS 84 degrees.
    latitude = models.FloatField(gettext_lazy("latitude"), null=True, blank=True)
    longitude = models.FloatField(gettext_lazy("longitude"), null=True, blank=True)
    # How to reach it. Each public detail shows only once an editor has published it.
    adresse = models.CharField(
        gettext_lazy("adresse"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy("Numéro et voie, ou lieu-dit."),
    )
    complement_adresse = models.CharField(
        gettext_lazy("complément d'adresse"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy("Bâtiment, étage, boîte…"),
    )
    code_postal = models.CharField(
        gettext_lazy("code postal"), max_length=5, blank=True, validators=[validate_code_postal]
    )
    commune = models.ForeignKey(
        "ecosysteme.Territoire",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations_domiciliees",
        verbose_name=gettext_lazy("commune"),
        limit_choices_to={"niveau": NiveauTerritoire.COMMUNE},
        error_messages={
            "invalid": gettext_lazy("Choisissez une commune (pas un département ni une région).")
        },
    )
    adresse_is_published = models.BooleanField(gettext_lazy("adresse publiée"), default=False)
    courriel = models.EmailField(gettext_lazy("adresse électronique publique"), blank=True)
    courriel_is_published = models.BooleanField(
        gettext_lazy("adresse électronique publiée"), default=False
    )
    telephone = PhoneNumberField(
        gettext_lazy("téléphone"),
        blank=True,
        help_text=gettext_lazy("Un numéro français, ou belge commençant par +32."),
    )
    telephone_is_published = models.BooleanField(gettext_lazy("téléphone publié"), default=False)
    courriel_contact = models.EmailField(
        gettext_lazy("adresse de contact (privée)"),
        blank=True,
        help_text=gettext_lazy(
            "Jamais affichée ni publiée : les messages des visiteurs y sont relayés."
        ),
    )
    is_contactable = models.BooleanField(
        gettext_lazy("accepte les messages des visiteurs"),
        default=False,
        help_text=gettext_lazy(
            "Montre le formulaire « Écrire à cette organisation » sur sa fiche ; "
            "demande une adresse de contact."
        ),
    )
    is_open_to_requests = models.BooleanField(
        gettext_lazy("accepte les besoins des visiteurs"),
        default=False,
        help_text=gettext_lazy(
            "Reçoit, à son adresse de contact, les besoins déposés dans l'annuaire qui "
            "lui correspondent ; demande une adresse de contact."
        ),
    )
    is_synthetic = models.BooleanField(
        gettext_lazy("donnée synthétique"), default=False, editable=False
    )

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=NON_HISTORISES,
        m2m_fields=["types", "territoires_action", "thematiques", "sources"],
        bases=[TextesTraduitsHistorises],
    )

    class Meta:
        verbose_name = gettext_lazy("organisation")
        verbose_name_plural = gettext_lazy("organisations")
        ordering = ["nom"]
        indexes = [
            # The listing's order: a page is read from the index, the last one backwards.
            models.Index(fields=["nom", "id"], name="organisation_nom_id"),
            # The Atom feed: the latest updated, read from the end of the index.
            models.Index(fields=["updated_at", "id"], name="organisation_mise_a_jour"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(annee_creation__isnull=True)
                | Q(annee_fin__isnull=True)
                | Q(annee_fin__gte=F("annee_creation")),
                name="organisation_fin_apres_creation",
                violation_error_message=gettext_lazy(
                    "L'année de fin ne peut pas précéder l'année de création."
                ),
            ),
            models.CheckConstraint(
                condition=Q(siren="") | Q(siret="") | Q(siret__startswith=F("siren")),
                name="organisation_siret_du_siren",
                violation_error_message=gettext_lazy("Le SIRET doit commencer par le SIREN."),
            ),
            *[
                models.UniqueConstraint(
                    fields=[champ],
                    condition=~Q(**{champ: ""}),
                    name=f"organisation_{champ}_unique",
                    # Not a %-placeholder: Django formats the message with the constraint's name.
                    violation_error_message=format_lazy(
                        gettext_lazy("Une autre organisation a déjà ce numéro {numero}."),
                        numero=champ.upper(),
                    ),
                )
                for champ in IDENTIFIANTS
            ],
        ]

    def __str__(self):
        return self.nom

    def get_absolute_url(self):
        return reverse("organisation_detail", args=[self.slug])

    def clean(self):
        erreurs = {}
        if self.date_cessation and self.annee_fin and self.date_cessation.year != self.annee_fin:
            erreurs["date_cessation"] = gettext(
                "Cette date n'est pas dans l'année de fin indiquée (%(annee)s)."
            ) % {"annee": self.annee_fin}
        elif self.date_cessation and self.annee_creation:
            if self.date_cessation.year < self.annee_creation:
                erreurs["date_cessation"] = gettext(
                    "L'activité ne peut pas cesser avant la création."
                )
        if self.is_contactable and not self.courriel_contact:
            erreurs["courriel_contact"] = gettext(
                "Pour accepter les messages des visiteurs, indiquez l'adresse où les relayer."
            )
        elif self.is_open_to_requests and not self.courriel_contact:
            erreurs["courriel_contact"] = gettext(
                "Pour accepter les besoins des visiteurs, indiquez l'adresse où les envoyer."
            )
        for publie, champs, message in (
            ("adresse_is_published", ("adresse", "commune"), gettext("Aucune adresse à publier.")),
            (
                "courriel_is_published",
                ("courriel",),
                gettext("Aucune adresse électronique à publier."),
            ),
            ("telephone_is_published", ("telephone",), gettext("Aucun téléphone à publier.")),
        ):
            if getattr(self, publie) and not any(getattr(self, champ) for champ in champs):
                erreurs[publie] = message
        if erreurs:
            raise ValidationError(erreurs)

    @property
    def is_closed(self):
        """Has ceased its activity (as closed() says it)."""
        return self.date_cessation is not None or self.annee_fin is not None

    @property
    def cessation(self):
        """When it ceased its activity, in words: « le 3 mars 2025 », « en 2019 », or ""."""
        if self.date_cessation:
            date = format_date_partielle(self.date_cessation, PrecisionDate.JOUR)
            return gettext("le %(date)s") % {"date": date}
        return gettext("en %(annee)s") % {"annee": self.annee_fin} if self.annee_fin else ""

    # Its closing date is known to the day: how the outputs write it (ecosysteme.publication).
    date_cessation_precision = PrecisionDate.JOUR

    @property
    def adresse_publiee(self):
        """The postal address lines, if published: [] otherwise."""
        if not self.adresse_is_published:
            return []
        commune = " ".join(
            filter(None, [self.code_postal, self.commune.nom if self.commune else ""])
        )
        return [ligne for ligne in (self.adresse, self.complement_adresse, commune) if ligne]

    @property
    def telephone_publie(self):
        """The phone number if published, as its country writes it (with its code outside
        France), or ""."""
        if not (self.telephone_is_published and self.telephone):
            return ""
        numero = self.telephone
        if phonenumbers.region_code_for_number(numero) == "FR":
            return phonenumbers.format_number(numero, phonenumbers.PhoneNumberFormat.NATIONAL)
        return phonenumbers.format_number(numero, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    @property
    def is_joignable(self):
        """Offers the form « Écrire à cette organisation »: accepts messages, and says where
        to relay them (as contactable() does)."""
        return self.is_contactable and bool(self.courriel_contact) and not self.is_closed

    @property
    def is_sollicitable(self):
        """Receives the needs that match it: accepts them, and says where to send them (as
        open_to_requests() does)."""
        return self.is_open_to_requests and bool(self.courriel_contact) and not self.is_closed

    @property
    def is_reachable(self):
        """A visitor can reach it from its profile: a published contact detail, a web site, or
        the form « Écrire à cette organisation »."""
        return bool(
            self.adresse_publiee
            or self.courriel_publie
            or self.telephone_publie
            or self.site_web
            or self.is_joignable
        )

    @property
    def courriel_publie(self):
        return self.courriel if self.courriel_is_published else ""

    @property
    def nom_affiche(self):
        """Its official name in the page's language where it has one, else its name."""
        return texte_dans_la_langue(self, "nom_officiel") or self.nom

    @property
    def langue_du_nom(self):
        """The language of nom_affiche: the page's where it has an official name in it; else
        that of the official name it goes by (a Flemish association's Dutch one); else French."""
        if texte_dans_la_langue(self, "nom_officiel"):
            return langue_des_champs()
        for code, _ in settings.LANGUAGES:
            if texte_dans_la_langue(self, "nom_officiel", code) == self.nom:
                return code
        return settings.LANGUAGE_CODE

    @property
    def sigle_affiche(self):
        """The acronym, unless it is the name itself (PQN-A, SAW-B, « Admr » for ADMR)."""
        return self.sigle if self.sigle.casefold() != self.nom.casefold() else ""


class TerritoireCouvert(models.Model):
    """A territory an organisation is seated or active in, or one above those: derived data.

    The indexer keeps these rows (acteurs.recherche), so that « in this territory or anywhere
    below it » is one indexed lookup, and counting organisations by territory a grouped count,
    instead of a walk up to six levels of parents for every organisation.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="territoires_couverts"
    )
    territoire = models.ForeignKey(
        "ecosysteme.Territoire", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = gettext_lazy("territoire couvert")
        verbose_name_plural = gettext_lazy("territoires couverts")
        constraints = [
            # Its index, territory first, answers the lookups by territory on its own.
            models.UniqueConstraint(
                fields=["territoire", "organisation"], name="territoire_couvert_unique"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.territoire}"


class ChiffreOrganisationQuerySet(models.QuerySet):
    def for_display(self):
        return self.select_related("source").order_by(F("annee").desc(nulls_last=True), "libelle")

    def get_by_natural_key(self, organisation, libelle, annee):
        return self.get(organisation__slug=organisation, libelle=libelle, annee=annee)


class ChiffreOrganisation(Chiffre):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="chiffres"
    )

    objects = ChiffreOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("chiffre clé")
        verbose_name_plural = gettext_lazy("chiffres clés")
        ordering = ["organisation", "-annee", "libelle"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "libelle", "annee"], name="chiffre_organisation_unique"
            ),
        ]

    def natural_key(self):
        return (self.organisation.slug, self.libelle, self.annee)

    natural_key.dependencies = ["acteurs.organisation"]


# What an anonymised person is called (acteurs.anonymisation).
DESIGNATION_ANONYME = "Personne anonymisée"


# People are sorted by their surname, or by what the source calls them when it does not name
# them: « La coordinatrice de COOPCITY » among the L, not before every name.
NOM_DE_TRI = par_ordre_alphabetique(NonVideOu("nom", "designation"))


class PersonneQuerySet(PublishedQuerySet):
    def not_anonymised(self):
        return self.exclude(prenom="", nom="", designation=DESIGNATION_ANONYME)

    def for_annuaire(self):
        """What a person's card shows: their roles in public organisations."""
        return self.with_fonctions()

    def with_categories_fonction(self, categories):
        """Holding or having held a role of one of these categories in a public organisation."""
        fonctions = Fonction.objects.filter(
            categorie__in=categories, organisation__is_published=True
        )
        return self.filter(pk__in=fonctions.values("personne"))

    def with_thematiques(self, thematiques):
        """Holding or having held a role in a public organisation on one of these themes."""
        fonctions = Fonction.objects.filter(
            organisation__is_published=True, organisation__thematiques__in=thematiques
        )
        return self.filter(pk__in=fonctions.values("personne"))

    def with_fonctions(self):
        """Their roles in public organisations, latest first: who they are, at a glance."""
        return self.prefetch_related(
            Prefetch("fonctions", queryset=Fonction.objects.of_published_organisations())
        )

    def search(self, texte):
        return rechercher(self, texte)

    def for_profile(self):
        """Everything the profile shows, in a number of queries that does not grow with it."""
        return self.prefetch_related(
            "sources",
            Prefetch("fonctions", queryset=Fonction.objects.of_published_organisations()),
            Prefetch(
                "citations", queryset=Citation.objects.select_related("source", "organisation")
            ),
        )


class Personne(Recherchable, Publiable):
    prenom = models.CharField(
        gettext_lazy("prénom"), max_length=100, blank=True, db_collation=ORDRE_ALPHABETIQUE
    )
    nom = models.CharField(
        gettext_lazy("nom"), max_length=100, blank=True, db_collation=ORDRE_ALPHABETIQUE
    )
    designation = models.CharField(
        gettext_lazy("désignation"),
        max_length=200,
        blank=True,
        db_collation=ORDRE_ALPHABETIQUE,
        help_text=gettext_lazy(
            "Pour une personne que la source ne nomme pas : comment elle la désigne "
            "(ex. « la coordinatrice de COOPCITY »)."
        ),
    )
    slug = models.SlugField(gettext_lazy("slug"), max_length=200, unique=True)
    biographie = models.TextField(gettext_lazy("parcours"), blank=True)
    email = models.EmailField(gettext_lazy("adresse électronique"), blank=True)
    telephone = models.CharField(gettext_lazy("téléphone"), max_length=30, blank=True)
    contact_is_published = models.BooleanField(
        gettext_lazy("coordonnées publiées"),
        default=False,
        help_text=gettext_lazy(
            "Les coordonnées sont des données personnelles : ne les publiez qu'avec "
            "l'accord de la personne ou si elle les a elle-même rendues publiques."
        ),
    )
    sources = models.ManyToManyField(
        "ecosysteme.Source",
        blank=True,
        related_name="personnes",
        verbose_name=gettext_lazy("sources"),
    )
    is_synthetic = models.BooleanField(
        gettext_lazy("donnée synthétique"), default=False, editable=False
    )

    objects = PersonneQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=NON_HISTORISES, m2m_fields=["sources"])

    class Meta:
        verbose_name = gettext_lazy("personne")
        verbose_name_plural = gettext_lazy("personnes")
        ordering = [NOM_DE_TRI, "prenom", "designation"]
        indexes = [
            # The listing's order: a page is read from the index, the last one backwards.
            models.Index(NOM_DE_TRI, "prenom", "designation", "id", name="personne_ordre"),
            # The Atom feed: the latest updated, read from the end of the index.
            models.Index(fields=["updated_at", "id"], name="personne_mise_a_jour"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(nom="") | ~Q(designation=""),
                name="personne_nom_ou_designation",
                violation_error_message=gettext_lazy(
                    "Indiquez un nom ou, à défaut, une désignation."
                ),
            ),
        ]

    def __str__(self):
        return self.nom_complet

    @property
    def nom_complet(self):
        nom = f"{self.prenom} {self.nom}".strip()
        return nom or self.designation

    @property
    def is_anonymised(self):
        """Anonymised at their request (acteurs.anonymisation): nobody may put a name back."""
        return not (self.prenom or self.nom) and self.designation == DESIGNATION_ANONYME

    @property
    def is_proposable(self):
        """Visitors may propose corrections to the profile: never once anonymised."""
        return not self.is_anonymised

    def get_absolute_url(self):
        return reverse("personne_detail", args=[self.slug])


class FonctionQuerySet(models.QuerySet):
    def chronological(self):
        """Latest first; roles without a start date last, on every database."""
        return self.order_by(F("debut").desc(nulls_last=True), "intitule")

    def of_published_personnes(self):
        return self.filter(personne__is_published=True).select_related("personne").chronological()

    def of_published_organisations(self):
        return (
            self.filter(organisation__is_published=True)
            .select_related("organisation")
            .chronological()
        )

    def get_by_natural_key(self, personne, organisation, intitule):
        return self.get(personne__slug=personne, organisation__slug=organisation, intitule=intitule)


class Fonction(Periode):
    """A role held by a person in an organisation, with its dates where known."""

    personne = models.ForeignKey(Personne, on_delete=models.CASCADE, related_name="fonctions")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="fonctions"
    )
    intitule = models.CharField(
        gettext_lazy("intitulé"),
        max_length=200,
        help_text=gettext_lazy("Tel que la source le donne, ex. « gérant »."),
    )
    categorie = models.CharField(
        gettext_lazy("catégorie"),
        max_length=20,
        choices=CategorieFonction.choices,
        default=CategorieFonction.AUTRE,
    )
    terminee = models.BooleanField(
        gettext_lazy("terminée"),
        default=False,
        help_text=gettext_lazy(
            "Cochez quand la fonction a pris fin sans que la date de fin soit connue."
        ),
    )
    note = models.TextField(gettext_lazy("précisions"), blank=True)
    sources = models.ManyToManyField(
        "ecosysteme.Source",
        blank=True,
        related_name="fonctions",
        verbose_name=gettext_lazy("sources"),
    )

    objects = FonctionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=["sources"])

    class Meta(Periode.Meta):
        verbose_name = gettext_lazy("fonction")
        verbose_name_plural = gettext_lazy("fonctions")
        ordering = ["personne", "-debut", "intitule"]
        constraints = [
            *Periode.Meta.constraints,
            models.UniqueConstraint(
                fields=["personne", "organisation", "intitule"], name="fonction_unique"
            ),
        ]

    def __str__(self):
        return f"{self.personne} – {self.intitule}, {self.organisation}"

    def natural_key(self):
        return (self.personne.slug, self.organisation.slug, self.intitule)

    natural_key.dependencies = ["acteurs.personne", "acteurs.organisation"]

    @property
    def est_actuelle(self):
        return self.fin is None and not self.terminee


# The two ends of a relation, as an organisation reads it: from its source (« Membre de »)
# or from its target (« Membres »). A symmetric one reads the same from both.
SORTANTE, ENTRANTE = 0, 1


class RelationQuerySet(models.QuerySet):
    def get_by_natural_key(self, source, cible, type):
        return self.get(source__slug=source, cible__slug=cible, type=type)

    def of_organisation(self, organisation):
        """Its relations with published organisations, each with `sens` (SORTANTE or ENTRANTE,
        always SORTANTE for a symmetric type), `autre_id` and `autre_nom`: the other end."""
        depuis, vers = Q(source=organisation), Q(cible=organisation)
        # The first condition alone reads the two indexes (by source, by target); the second
        # then only looks at the other end of those few rows.
        return (
            self.filter(depuis | vers)
            .filter((depuis & Q(cible__is_published=True)) | (vers & Q(source__is_published=True)))
            .annotate(
                sens=Case(
                    When(depuis | Q(type__in=RELATIONS_SYMETRIQUES), then=Value(SORTANTE)),
                    default=Value(ENTRANTE),
                ),
                autre_id=Case(When(depuis, then=F("cible_id")), default=F("source_id")),
                # Explicitly collated: SQLite gives a CASE no column's collation.
                autre_nom=par_ordre_alphabetique(
                    Case(When(depuis, then=F("cible__nom")), default=F("source__nom"))
                ),
            )
        )


class Relation(Periode):
    """A typed link between two organisations, read one way from each end."""

    source = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="relations_sortantes",
        verbose_name=gettext_lazy("organisation"),
    )
    cible = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="relations_entrantes",
        verbose_name=gettext_lazy("organisation liée"),
    )
    type = models.CharField(
        gettext_lazy("type de relation"), max_length=20, choices=TypeRelation.choices
    )
    description = models.TextField(gettext_lazy("description"), blank=True)
    sources = models.ManyToManyField(
        "ecosysteme.Source",
        blank=True,
        related_name="relations",
        verbose_name=gettext_lazy("sources"),
    )

    objects = RelationQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=["sources"])

    class Meta(Periode.Meta):
        verbose_name = gettext_lazy("relation")
        verbose_name_plural = gettext_lazy("relations")
        ordering = ["source", "type", "cible"]
        indexes = [
            # An organisation's relations as its target, read from the index alone (those as
            # source are read from relation_unique's): a profile reads thousands of them.
            models.Index(fields=["cible", "source", "type"], name="relation_par_cible"),
        ]
        constraints = [
            *Periode.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(source=F("cible")),
                name="relation_no_self_link",
                violation_error_message=gettext_lazy(
                    "Une organisation ne peut pas être liée à elle-même."
                ),
            ),
            models.UniqueConstraint(
                fields=["source", "cible", "type"],
                name="relation_unique",
                violation_error_message=gettext_lazy("Cette relation existe déjà."),
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_type_display()} {self.cible}"

    def clean(self):
        # "A partenaire de B" and "B partenaire de A" say the same thing: keep only one.
        if self.est_symetrique and self.source_id and self.cible_id:
            inverse = Relation.objects.filter(
                source_id=self.cible_id, cible_id=self.source_id, type=self.type
            )
            if inverse.exclude(pk=self.pk).exists():
                raise ValidationError(
                    gettext("Cette relation existe déjà, enregistrée dans l'autre sens.")
                )

    def natural_key(self):
        return (self.source.slug, self.cible.slug, self.type)

    natural_key.dependencies = ["acteurs.organisation"]

    @property
    def intitule_depuis_source(self):
        return INTITULES_RELATION[self.type][0]

    @property
    def intitule_depuis_cible(self):
        return INTITULES_RELATION[self.type][1]

    @property
    def est_symetrique(self):
        return self.type in RELATIONS_SYMETRIQUES


class CitationQuerySet(models.QuerySet):
    def of_published_personnes(self):
        """Quotes whose speaker, when there is one, is public."""
        return self.filter(
            Q(personne__isnull=True) | Q(personne__is_published=True)
        ).select_related("personne", "source")

    def get_by_natural_key(self, source, texte):
        return self.get(source__slug=source, texte=texte)


class Citation(models.Model):
    """Verbatim words, as a source reports them, of a person or of an organisation's speakers."""

    texte = models.TextField(gettext_lazy("texte"))
    personne = models.ForeignKey(
        Personne, on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
        help_text=gettext_lazy("L'organisation au nom de laquelle les propos sont tenus."),
    )
    source = models.ForeignKey(
        "ecosysteme.Source", on_delete=models.PROTECT, related_name="citations"
    )

    objects = CitationQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("citation")
        verbose_name_plural = gettext_lazy("citations")
        ordering = ["source", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(personne__isnull=False) | Q(organisation__isnull=False),
                name="citation_personne_ou_organisation",
                violation_error_message=gettext_lazy(
                    "Une citation est attribuée à une personne ou à une organisation."
                ),
            ),
        ]

    def __str__(self):
        return f"« {self.texte[:60]}… »" if len(self.texte) > 60 else f"« {self.texte} »"

    def natural_key(self):
        return (self.source.slug, self.texte)

    natural_key.dependencies = ["ecosysteme.source"]


class Message(Envoi):
    """A visitor's message to an organisation, relayed by mail to its private address.

    Kept so that staff can see who wrote to whom and whether it was delivered; its personal
    data (name, address, subject, text) is erased after the retention period
    (MESSAGES_CONSERVATION_JOURS, `manage.py purger_messages`), the rest stays.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="messages"
    )
    nom = models.CharField(gettext_lazy("nom de l'expéditeur"), max_length=100)
    courriel = models.EmailField(gettext_lazy("adresse de l'expéditeur"), max_length=254)
    objet = models.CharField(gettext_lazy("objet"), max_length=150)
    texte = models.TextField(gettext_lazy("message"), max_length=5000)
    consented_at = models.DateTimeField(gettext_lazy("consentement donné le"))
    # Indexed: the rate limits count the last day's messages, the purge finds the oldest.
    created_at = models.DateTimeField(gettext_lazy("écrit le"), auto_now_add=True, db_index=True)
    purged_at = models.DateTimeField(
        gettext_lazy("données personnelles effacées le"), null=True, blank=True
    )

    objects = DepotQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("message")
        verbose_name_plural = gettext_lazy("messages")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        objet = self.objet or gettext("Message effacé")
        return f"{objet} ({self.organisation})"


class BesoinQuerySet(DepotQuerySet):
    def for_staff(self):
        """The staff's list: with how many organisations received each and were interested."""
        return self.select_related("territoire").annotate(
            nombre_destinataires=models.Count("sollicitations", distinct=True),
            nombre_interesses=models.Count("sollicitations__interet", distinct=True),
        )


class Besoin(models.Model):
    """A need a visitor filed (a quote, a partner, a call for projects, support): once staff
    have validated it, it goes to the organisations that match it and accept requests, each of
    which may answer that it is interested. The requester's personal data is erased after the
    retention period, the rest stays."""

    nature = models.CharField(
        gettext_lazy("nature du besoin"), max_length=20, choices=NatureBesoin.choices
    )
    titre = models.CharField(gettext_lazy("titre"), max_length=150)
    description = models.TextField(gettext_lazy("description"), max_length=5000)
    territoire = models.ForeignKey(
        Territoire,
        on_delete=models.PROTECT,
        related_name="besoins",
        verbose_name=gettext_lazy("territoire"),
    )
    types = models.ManyToManyField(
        TypeActivite,
        blank=True,
        related_name="besoins",
        verbose_name=gettext_lazy("types d'activité"),
    )
    thematiques = models.ManyToManyField(
        Thematique, blank=True, related_name="besoins", verbose_name=gettext_lazy("thématiques")
    )
    budget = models.CharField(
        gettext_lazy("budget"), max_length=20, choices=TrancheBudget.choices, blank=True
    )
    echeance = models.DateField(gettext_lazy("échéance"), null=True, blank=True)
    nom = models.CharField(gettext_lazy("nom du demandeur"), max_length=100)
    courriel = models.EmailField(gettext_lazy("adresse du demandeur"), max_length=254)
    organisation_demandeur = models.CharField(
        gettext_lazy("organisation du demandeur"), max_length=200, blank=True
    )
    consented_at = models.DateTimeField(gettext_lazy("consentement donné le"))
    etat = models.CharField(
        gettext_lazy("état"),
        max_length=10,
        choices=EtatBesoin.choices,
        default=EtatBesoin.A_VALIDER,
    )
    # Indexed: the rate limits count the last day's needs, the purge finds the oldest.
    created_at = models.DateTimeField(gettext_lazy("déposé le"), auto_now_add=True, db_index=True)
    validated_at = models.DateTimeField(gettext_lazy("validé le"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("validé par"),
    )
    closed_at = models.DateTimeField(gettext_lazy("clos le"), null=True, blank=True)
    purged_at = models.DateTimeField(
        gettext_lazy("données personnelles effacées le"), null=True, blank=True
    )

    objects = BesoinQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("besoin")
        verbose_name_plural = gettext_lazy("besoins")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(etat=EtatBesoin.A_VALIDER)
                | Q(validated_at__isnull=False)
                | Q(etat=EtatBesoin.CLOS),
                name="besoin_envoye_valide",
                violation_error_message=gettext_lazy("Un besoin envoyé a été validé."),
            ),
        ]

    def __str__(self):
        return self.titre or gettext("Besoin effacé")

    def destinataires_possibles(self):
        """The organisations this need would reach now: published, accepting needs, matching."""
        return (
            Organisation.objects.published()
            .open_to_requests()
            .matching(
                territoire=self.territoire,
                types=list(self.types.all()),
                thematiques=list(self.thematiques.all()),
            )
        )


class Sollicitation(Envoi):
    """A need sent to one organisation, and whether it said it was interested."""

    besoin = models.ForeignKey(Besoin, on_delete=models.CASCADE, related_name="sollicitations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="sollicitations"
    )
    # When its mail is due: the needs go out in batches, each a little after the previous.
    planned_at = models.DateTimeField(gettext_lazy("envoi prévu le"))

    class Meta:
        verbose_name = gettext_lazy("envoi d'un besoin")
        verbose_name_plural = gettext_lazy("envois des besoins")
        ordering = ["besoin", "planned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["besoin", "organisation"], name="sollicitation_une_par_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.besoin} → {self.organisation}"


class Interet(Envoi):
    """An organisation's answer « Intéressé » to a need, and the mail that tells the requester.
    One per sollicitation: the link it came through works once."""

    sollicitation = models.OneToOneField(
        Sollicitation, on_delete=models.CASCADE, related_name="interet"
    )
    created_at = models.DateTimeField(gettext_lazy("répondu le"), auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("intérêt pour un besoin")
        verbose_name_plural = gettext_lazy("intérêts pour les besoins")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return gettext("%(organisation)s intéressée par %(besoin)s") % {
            "organisation": self.sollicitation.organisation,
            "besoin": self.sollicitation.besoin,
        }


class GestionnaireQuerySet(models.QuerySet):
    def since(self, duree):
        return self.filter(created_at__gte=timezone.now() - duree)

    def from_sender(self, courriel):
        return self.filter(courriel__iexact=courriel)

    def approved(self):
        return self.filter(etat=EtatGestionnaire.APPROUVE)

    def to_approve(self):
        return self.filter(etat=EtatGestionnaire.A_APPROUVER)

    def to_remind(self, jours):
        """Awaiting approval, their managers last reminded (or asked) more than `jours` ago."""
        limite = timezone.now() - timedelta(days=jours)
        return self.to_approve().filter(
            Q(relance_at__lt=limite) | Q(relance_at__isnull=True, confirmed_at__lt=limite)
        )


class Gestionnaire(models.Model):
    """A person's request to manage an organisation's profile and, once approved, the right to:
    the account (a Django user, never staff) is made when the address is confirmed. Approved
    automatically when the address is of the organisation's own domain, otherwise by staff or,
    when the profile already has managers, by them."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="gestionnaires"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="gestions",
        verbose_name=gettext_lazy("compte"),
    )
    nom = models.CharField(gettext_lazy("nom"), max_length=100)
    fonction = models.CharField(gettext_lazy("rôle dans l'organisation"), max_length=100)
    courriel = models.EmailField(gettext_lazy("adresse électronique"), max_length=254)
    etat = models.CharField(
        gettext_lazy("état"),
        max_length=12,
        choices=EtatGestionnaire.choices,
        default=EtatGestionnaire.A_CONFIRMER,
    )
    consented_at = models.DateTimeField(gettext_lazy("consentement donné le"))
    # Indexed: the rate limits count the last day's requests.
    created_at = models.DateTimeField(gettext_lazy("demandé le"), auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(gettext_lazy("adresse confirmée le"), null=True, blank=True)
    approved_at = models.DateTimeField(gettext_lazy("décidé le"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("décidé par"),
        help_text=gettext_lazy("Vide pour une demande approuvée par le domaine de son adresse."),
    )
    relance_at = models.DateTimeField(
        gettext_lazy("gestionnaires relancés le"), null=True, blank=True
    )

    objects = GestionnaireQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("gestionnaire")
        verbose_name_plural = gettext_lazy("gestionnaires")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=Q(etat__in=["a_approuver", "approuve"]),
                name="gestionnaire_une_demande_par_compte",
                violation_error_message=gettext_lazy(
                    "Ce compte gère déjà cette organisation, ou l'a demandé."
                ),
            ),
            models.CheckConstraint(
                condition=Q(etat="a_confirmer") | Q(etat="refuse") | Q(user__isnull=False),
                name="gestionnaire_confirme_a_un_compte",
                violation_error_message=gettext_lazy("Une demande confirmée a un compte."),
            ),
        ]

    def __str__(self):
        return f"{self.nom} ({self.organisation})"


class Avis(Envoi):
    """A mail to a manager, or to a person asking to become one (`gestionnaire`, the request
    whose address it goes to): the link confirming their address, a sign-in link, a request
    to approve or its reminder, the decision on their request, a report on their profile."""

    gestionnaire = models.ForeignKey(
        Gestionnaire,
        on_delete=models.CASCADE,
        related_name="avis",
        verbose_name=gettext_lazy("destinataire"),
    )
    sorte = models.CharField(gettext_lazy("sorte"), max_length=12, choices=SorteAvis.choices)
    demande = models.ForeignKey(
        Gestionnaire,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("demande à approuver"),
    )
    signalement = models.ForeignKey(
        Signalement, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(gettext_lazy("créé le"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = gettext_lazy("courriel à un gestionnaire")
        verbose_name_plural = gettext_lazy("courriels aux gestionnaires")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_sorte_display()} → {self.gestionnaire}"
