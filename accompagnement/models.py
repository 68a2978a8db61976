"""Support programmes, and the events and resources of the same field.

A *dispositif* is a named support offer (an incubator, a crowdfunding platform, a generator…)
carried by one or more organisations, for an audience, on a territory; its key figures are
kept year by year. Its kind files it among programmes, events (a conference, a forum, held on
a date, in a place) or resources (a method, an award).
"""

import calendar

from django.db import models
from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy
from simple_history.models import HistoricalRecords

from acteurs.models import Organisation
from ecosysteme.alphabetique import ORDRE_ALPHABETIQUE
from ecosysteme.enums import PrecisionDate
from ecosysteme.models import (
    NON_HISTORISES,
    PROFONDEUR_MAX,
    Chiffre,
    Periode,
    Publiable,
    PublishedQuerySet,
    Recherchable,
    Territoire,
    format_date_partielle,
    in_territoires_or_below_q,
)
from ecosysteme.recherche.moteur import rechercher

from .enums import FamilleDispositif, NatureDispositif


class DispositifQuerySet(PublishedQuerySet):
    def search(self, texte):
        return rechercher(self, texte)

    def for_annuaire(self):
        """What a programme's card shows: its type, the organisations carrying it, and an
        event's place."""
        return self.prefetch_related(
            Prefetch("porteurs", queryset=Organisation.objects.published()), "territoires"
        )

    def for_profile(self):
        """Everything the page shows, in a number of queries that does not grow with it."""
        return self.prefetch_related(
            Prefetch("porteurs", queryset=Organisation.objects.published()),
            Prefetch("partenaires", queryset=Organisation.objects.published()),
            "territoires",
            "thematiques",
            "sources",
            Prefetch("chiffres", queryset=ChiffreDispositif.objects.for_display()),
        )

    def in_territoires(self, territoires):
        return self.filter(territoires__in=territoires).distinct()

    def in_territoires_or_below(self, territoires):
        """Offered in one of these territories or below: a région finds its départements'."""
        # Subqueries rather than joins, here and below: a join repeats a programme per match.
        dedans = Dispositif.objects.filter(in_territoires_or_below_q(["territoires"], territoires))
        return self.filter(pk__in=dedans.values("pk"))

    def paires_territoires(self):
        """(territory, programme) for each territory these are offered in, or above one."""
        parents = dict(Territoire.objects.values_list("pk", "parent_id"))
        liens = Dispositif.territoires.through.objects.filter(dispositif__in=self.values("pk"))
        paires = set()
        for dispositif, territoire in liens.values_list("dispositif", "territoire"):
            for _ in range(PROFONDEUR_MAX + 1):  # a loop or a chain too deep in bad data ends
                if territoire is None or (territoire, dispositif) in paires:
                    break
                paires.add((territoire, dispositif))
                territoire = parents.get(territoire)
        return paires

    def with_thematiques(self, thematiques):
        liens = Dispositif.thematiques.through.objects.filter(thematique__in=thematiques)
        return self.filter(pk__in=liens.values("dispositif"))

    def with_porteurs(self, organisations):
        liens = Dispositif.porteurs.through.objects.filter(organisation__in=organisations)
        return self.filter(pk__in=liens.values("dispositif"))


class Dispositif(Recherchable, Publiable, Periode):
    nom = models.CharField(gettext_lazy("nom"), max_length=200, db_collation=ORDRE_ALPHABETIQUE)
    slug = models.SlugField(gettext_lazy("slug"), max_length=200, unique=True)
    nature = models.CharField(
        pgettext_lazy("dispositif", "type"), max_length=30, choices=NatureDispositif.choices
    )
    porteurs = models.ManyToManyField(
        "acteurs.Organisation",
        blank=True,
        related_name="dispositifs_portes",
        verbose_name=gettext_lazy("organisations porteuses"),
    )
    partenaires = models.ManyToManyField(
        "acteurs.Organisation",
        blank=True,
        related_name="dispositifs_partenaires",
        verbose_name=gettext_lazy("partenaires"),
    )
    public = models.TextField(gettext_lazy("public visé"), blank=True)
    etapes = models.TextField(
        gettext_lazy("étapes"),
        blank=True,
        help_text=gettext_lazy("Les étapes du parcours proposé, de l'idée au projet."),
    )
    description = models.TextField(gettext_lazy("description"), blank=True)
    lieu = models.CharField(
        gettext_lazy("lieu"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy(
            "Pour un événement : où il se tient, comme la source le dit "
            "(« café de l'Acclameur, Niort »). Sa commune va dans les territoires."
        ),
    )
    candidature = models.TextField(
        gettext_lazy("comment candidater"),
        blank=True,
        help_text=gettext_lazy(
            "Pour un programme : comment y entrer (dossier, dates, conditions)."
        ),
    )
    candidature_url = models.URLField(
        gettext_lazy("adresse pour candidater"), max_length=300, blank=True
    )
    contact = models.TextField(
        gettext_lazy("contact"),
        blank=True,
        help_text=gettext_lazy(
            "Qui contacter, tel que c'est publié : une organisation, un service, une "
            "adresse générique. Jamais les coordonnées d'une personne qui ne les a pas publiées."
        ),
    )
    site_web = models.URLField(gettext_lazy("site web"), max_length=300, blank=True)
    territoires = models.ManyToManyField(
        "ecosysteme.Territoire",
        blank=True,
        related_name="dispositifs",
        verbose_name=gettext_lazy("territoires"),
    )
    thematiques = models.ManyToManyField(
        "ecosysteme.Thematique",
        blank=True,
        related_name="dispositifs",
        verbose_name=gettext_lazy("thématiques"),
    )
    sources = models.ManyToManyField(
        "ecosysteme.Source",
        blank=True,
        related_name="dispositifs",
        verbose_name=gettext_lazy("sources"),
    )
    is_synthetic = models.BooleanField(
        gettext_lazy("donnée synthétique"), default=False, editable=False
    )

    objects = DispositifQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=NON_HISTORISES,
        m2m_fields=["porteurs", "partenaires", "territoires", "thematiques", "sources"],
    )

    class Meta(Periode.Meta):
        verbose_name = gettext_lazy("dispositif d'accompagnement")
        verbose_name_plural = gettext_lazy("dispositifs d'accompagnement")
        ordering = ["nom"]
        indexes = [
            # The listing's order: a page is read from the index, the last one backwards.
            models.Index(fields=["nom", "id"], name="dispositif_nom_id"),
            # The Atom feed: the latest updated, read from the end of the index.
            models.Index(fields=["updated_at", "id"], name="dispositif_mise_a_jour"),
        ]

    def __str__(self):
        return self.nom

    def get_absolute_url(self):
        return reverse("dispositif_detail", args=[self.slug])

    @property
    def famille(self):
        return NatureDispositif(self.nature).famille if self.nature else ""

    @property
    def genre(self):
        """What the page says it is, above its name."""
        genres = {
            FamilleDispositif.EVENEMENT: gettext("Événement"),
            FamilleDispositif.RESSOURCE: gettext("Ressource"),
        }
        return genres.get(self.famille) or gettext("Programme d'accompagnement")

    @property
    def is_evenement(self):
        return self.famille == FamilleDispositif.EVENEMENT

    @property
    def etat(self):
        """« À venir », « En cours », « Terminé » (« Passé » for an event), read from its period
        at its precision; "" for a resource, or when neither its start nor its end is known."""
        if self.famille == FamilleDispositif.RESSOURCE or (self.debut is None and self.fin is None):
            return ""
        aujourdhui = timezone.localdate()
        if self.debut is not None and self.debut > aujourdhui:
            return gettext("À venir")
        if self.fin is not None and dernier_jour(self.fin, self.fin_precision) < aujourdhui:
            return gettext("Passé") if self.is_evenement else gettext("Terminé")
        if self.fin is None and self.is_evenement:
            # An event known only by its start is not going on for ever: past after that day.
            if dernier_jour(self.debut, self.debut_precision) < aujourdhui:
                return gettext("Passé")
        return gettext("En cours")

    @property
    def date_affichee(self):
        """Its period; for an event known by its start only, that day (« depuis » would say it
        never ends)."""
        if self.is_evenement and self.fin is None:
            return format_date_partielle(self.debut, self.debut_precision)
        return self.periode

    @property
    def porteurs_joignables(self):
        """The carrying organisations a visitor can reach: by a published e-mail address or
        phone number, or by the form « Écrire à cette organisation »."""
        return [
            porteur
            for porteur in self.porteurs.all()
            if porteur.courriel_publie or porteur.telephone_publie or porteur.is_joignable
        ]

    @property
    def lieu_affiche(self):
        """Where an event is held: its place as written, or else its territories."""
        return self.lieu or ", ".join(territoire.nom for territoire in self.territoires.all())


def dernier_jour(date, precision):
    """The last day a date known to the year, the month or the day covers."""
    if precision == PrecisionDate.ANNEE:
        return date.replace(month=12, day=31)
    if precision == PrecisionDate.MOIS:
        return date.replace(day=calendar.monthrange(date.year, date.month)[1])
    return date


class ChiffreDispositifQuerySet(models.QuerySet):
    def for_display(self):
        return self.select_related("source").order_by(F("annee").desc(nulls_last=True), "libelle")

    def get_by_natural_key(self, dispositif, libelle, annee):
        return self.get(dispositif__slug=dispositif, libelle=libelle, annee=annee)


class ChiffreDispositif(Chiffre):
    dispositif = models.ForeignKey(Dispositif, on_delete=models.CASCADE, related_name="chiffres")

    objects = ChiffreDispositifQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("chiffre du dispositif")
        verbose_name_plural = gettext_lazy("chiffres du dispositif")
        ordering = ["dispositif", "-annee", "libelle"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispositif", "libelle", "annee"], name="chiffre_dispositif_unique"
            ),
        ]

    def natural_key(self):
        return (self.dispositif.slug, self.libelle, self.annee)

    natural_key.dependencies = ["accompagnement.dispositif"]
