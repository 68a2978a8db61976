"""Support programmes.

A *dispositif* is a named support offer (an incubator, a crowdfunding platform, a generator,
a meeting…) carried by one or more organisations, for an audience, on a territory; its key
figures are kept year by year.
"""

from django.db import models
from django.db.models import F, Prefetch
from django.urls import reverse
from simple_history.models import HistoricalRecords

from acteurs.models import Organisation
from ecosysteme.alphabetique import ORDRE_ALPHABETIQUE
from ecosysteme.models import (
    NON_HISTORISES,
    PROFONDEUR_MAX,
    Chiffre,
    Periode,
    Publiable,
    PublishedQuerySet,
    Recherchable,
    Territoire,
    in_territoires_or_below_q,
)
from ecosysteme.recherche.moteur import rechercher

from .enums import NatureDispositif


class DispositifQuerySet(PublishedQuerySet):
    def search(self, texte):
        return rechercher(self, texte)

    def for_annuaire(self):
        """What a programme's card shows: its type and the organisations carrying it."""
        return self.prefetch_related(
            Prefetch("porteurs", queryset=Organisation.objects.published())
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
    nom = models.CharField("nom", max_length=200, db_collation=ORDRE_ALPHABETIQUE)
    slug = models.SlugField("slug", max_length=200, unique=True)
    nature = models.CharField("type", max_length=30, choices=NatureDispositif.choices)
    porteurs = models.ManyToManyField(
        "acteurs.Organisation",
        blank=True,
        related_name="dispositifs_portes",
        verbose_name="organisations porteuses",
    )
    partenaires = models.ManyToManyField(
        "acteurs.Organisation",
        blank=True,
        related_name="dispositifs_partenaires",
        verbose_name="partenaires",
    )
    public = models.TextField("public visé", blank=True)
    etapes = models.TextField(
        "étapes", blank=True, help_text="Les étapes du parcours proposé, de l'idée au projet."
    )
    description = models.TextField("description", blank=True)
    site_web = models.URLField("site web", max_length=300, blank=True)
    territoires = models.ManyToManyField(
        "ecosysteme.Territoire",
        blank=True,
        related_name="dispositifs",
        verbose_name="territoires",
    )
    thematiques = models.ManyToManyField(
        "ecosysteme.Thematique",
        blank=True,
        related_name="dispositifs",
        verbose_name="thématiques",
    )
    sources = models.ManyToManyField(
        "ecosysteme.Source", blank=True, related_name="dispositifs", verbose_name="sources"
    )
    is_synthetic = models.BooleanField("donnée synthétique", default=False, editable=False)

    objects = DispositifQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=NON_HISTORISES,
        m2m_fields=["porteurs", "partenaires", "territoires", "thematiques", "sources"],
    )

    class Meta(Periode.Meta):
        verbose_name = "dispositif d'accompagnement"
        verbose_name_plural = "dispositifs d'accompagnement"
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


class ChiffreDispositifQuerySet(models.QuerySet):
    def for_display(self):
        return self.select_related("source").order_by(F("annee").desc(nulls_last=True), "libelle")

    def get_by_natural_key(self, dispositif, libelle, annee):
        return self.get(dispositif__slug=dispositif, libelle=libelle, annee=annee)


class ChiffreDispositif(Chiffre):
    dispositif = models.ForeignKey(Dispositif, on_delete=models.CASCADE, related_name="chiffres")

    objects = ChiffreDispositifQuerySet.as_manager()

    class Meta:
        verbose_name = "chiffre du dispositif"
        verbose_name_plural = "chiffres du dispositif"
        ordering = ["dispositif", "-annee", "libelle"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispositif", "libelle", "annee"], name="chiffre_dispositif_unique"
            ),
        ]

    def natural_key(self):
        return (self.dispositif.slug, self.libelle, self.annee)

    natural_key.dependencies = ["accompagnement.dispositif"]
