from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.forms import BaseInlineFormSet
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy, ngettext
from import_export.admin import ImportMixin
from modeltranslation.admin import TranslationAdmin
from modeltranslation.utils import get_translation_fields

from ecosysteme.admin import (
    COMPACT_TEXTAREAS,
    PUBLICATION,
    ActionsDeLaPageAdmin,
    AVerifierFilter,
    HistoriqueAdmin,
    PubliableAdmin,
    lien_public,
    periode,
)

from . import besoins, gestionnaires, tableurs
from .anonymisation import anonymiser_personne, effacer_personne_supprimee
from .enums import EtatBesoin, EtatGestionnaire
from .models import (
    IDENTIFIANTS,
    Besoin,
    ChiffreOrganisation,
    Citation,
    Fonction,
    Gestionnaire,
    Message,
    Organisation,
    Personne,
    Relation,
    Sollicitation,
    TypeActivite,
)

PERIODE_FIELDS = ["debut", "debut_precision", "fin", "fin_precision"]


class FonctionInline(admin.TabularInline):
    # One inline for the organisation and the person pages: the admin hides the foreign key
    # to the page's own object, so each page shows only the other end of the role.
    model = Fonction
    fields = [
        "personne",
        "organisation",
        "intitule",
        "categorie",
        *PERIODE_FIELDS,
        "terminee",
        "note",
        "sources",
    ]
    autocomplete_fields = ["personne", "organisation", "sources"]
    formfield_overrides = COMPACT_TEXTAREAS
    extra = 0

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("personne", "organisation")
            .prefetch_related("sources")
        )


class CheckConstraintsFormSet(BaseInlineFormSet):
    """Checks again, once the page's object is known, the constraints inline forms skip.

    Django leaves out of an inline form's validation the constraints that use the foreign key
    to the page's object; without this, a relation from an organisation to itself would end in
    an IntegrityError instead of the constraint's message.
    """

    def clean(self):
        super().clean()
        if self.instance._state.adding:
            return  # The foreign key has no value yet; a new object cannot point to itself.
        checks = [c for c in self.model._meta.constraints if isinstance(c, models.CheckConstraint)]
        for form in self.forms:
            if form.has_changed() and form.is_valid() and not self._should_delete_form(form):
                for constraint in checks:
                    try:
                        constraint.validate(self.model, form.instance)
                    except ValidationError as error:
                        form.add_error(None, error)


class RelationInline(admin.TabularInline):
    model = Relation
    formset = CheckConstraintsFormSet
    autocomplete_fields = ["source", "cible", "sources"]
    formfield_overrides = COMPACT_TEXTAREAS
    extra = 0

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("source", "cible")
            .prefetch_related("sources")
        )


class RelationSortanteInline(RelationInline):
    fk_name = "source"
    verbose_name = gettext_lazy("relation (cette organisation → une autre)")
    verbose_name_plural = gettext_lazy("relations (cette organisation → une autre)")
    # Columns in reading order: « [cette organisation] membre de [organisation liée] ».
    fields = ["type", "cible", *PERIODE_FIELDS, "description", "sources"]


class RelationEntranteInline(RelationInline):
    fk_name = "cible"
    verbose_name = gettext_lazy("relation (une autre → cette organisation)")
    verbose_name_plural = gettext_lazy("relations (une autre → cette organisation)")
    # Columns in reading order: « [organisation] membre de [cette organisation] ».
    fields = ["source", "type", *PERIODE_FIELDS, "description", "sources"]


class ChiffreOrganisationInline(admin.TabularInline):
    model = ChiffreOrganisation
    fields = ["libelle", "valeur", "est_approximatif", "annee", "source"]
    autocomplete_fields = ["source"]
    extra = 0


class CitationInline(admin.TabularInline):
    # Shared by both pages, like FonctionInline: on an organisation's page the person stays
    # optional, on a person's page the organisation in whose name they spoke.
    model = Citation
    fields = ["texte", "personne", "organisation", "source"]
    autocomplete_fields = ["personne", "organisation", "source"]
    formfield_overrides = COMPACT_TEXTAREAS
    extra = 0


@admin.register(TypeActivite)
class TypeActiviteAdmin(TranslationAdmin):
    list_display = ["nom", "description"]
    search_fields = get_translation_fields("nom")
    prepopulated_fields = {"slug": ["nom"]}


class ActiviteFilter(admin.SimpleListFilter):
    title = gettext_lazy("activité")
    parameter_name = "activite"

    def lookups(self, request, model_admin):
        return [
            ("en_activite", gettext("en activité")),
            ("cessee", gettext("a cessé son activité")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "en_activite":
            return queryset.active()
        if self.value() == "cessee":
            return queryset.closed()
        return queryset


# Importing writes organisations, people, their roles and relations: the editors' rights.
DROITS_IMPORT = [
    f"acteurs.{action}_{modele}"
    for action in ("add", "change")
    for modele in ("organisation", "personne", "fonction", "relation")
]


class ImportTableurMixin(ImportMixin):
    """« Importer » on the organisations' list: a spreadsheet of organisations, of people with
    their roles, or of relations (acteurs.tableurs), previewed row by row, then applied at once."""

    resource_classes = tableurs.RESSOURCES
    import_formats = tableurs.FORMATS
    import_template_name = "admin/acteurs/organisation/import.html"

    def has_import_permission(self, request):
        return request.user.has_perms(DROITS_IMPORT)

    def get_import_data_kwargs(self, **kwargs):
        # Nothing is written when any row errs, whether its error is in a cell or in the
        # database.
        return super().get_import_data_kwargs(**kwargs) | {"rollback_on_validation_errors": True}

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, tableurs.FichierIllisible):
            e.nom = form.cleaned_data["import_file"].name
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def get_urls(self):
        return [
            path(
                "modele/<int:indice>/",
                self.admin_site.admin_view(self.telecharger_modele),
                name="acteurs_organisation_modele",
            ),
            *super().get_urls(),
        ]

    def get_import_context_data(self, **kwargs):
        modeles = [
            (indice, ressource._meta.name) for indice, ressource in enumerate(tableurs.RESSOURCES)
        ]
        return super().get_import_context_data(**kwargs) | {"modeles": modeles}

    def telecharger_modele(self, request, indice):
        if not self.has_import_permission(request) or indice >= len(tableurs.RESSOURCES):
            raise PermissionDenied
        ressource = tableurs.RESSOURCES[indice]
        reponse = HttpResponse(
            tableurs.modele(ressource).export("xlsx"), content_type=tableurs.XLSX.CONTENT_TYPE
        )
        # The template's columns are French whatever the page's language, and so is its name.
        with translation.override("fr"):
            nom = str(ressource._meta.name).lower().replace(" ", "-")
        reponse["Content-Disposition"] = f'attachment; filename="modele-{nom}.xlsx"'
        return reponse


@admin.register(Organisation)
class OrganisationAdmin(ImportTableurMixin, TranslationAdmin, PubliableAdmin):
    list_display = [
        "nom",
        "sigle",
        "forme_juridique",
        "siege",
        "is_published",
        "updated_at",
        "verified_at",
        lien_public,
    ]
    list_filter = [
        "is_published",
        AVerifierFilter,
        ActiviteFilter,
        "forme_juridique",
        "types",
        "thematiques",
    ]
    list_select_related = ["siege"]
    search_fields = [
        "nom",
        "sigle",
        *get_translation_fields("nom_officiel"),
        *(f"={champ}" for champ in IDENTIFIANTS),
    ]
    prepopulated_fields = {"slug": ["nom"]}
    autocomplete_fields = [
        "types",
        "thematiques",
        "siege",
        "territoires_action",
        "sources",
        "commune",
    ]
    fieldsets = [
        (
            gettext_lazy("Identité"),
            {
                "fields": [
                    ("nom", "sigle"),
                    "nom_officiel",
                    "slug",
                    "forme_juridique",
                    "types",
                    ("annee_creation", "annee_fin", "date_cessation"),
                    "site_web",
                    ("siren", "siret"),
                    ("rna", "bce"),
                ]
            },
        ),
        (gettext_lazy("Activité"), {"fields": ["description", "thematiques"]}),
        (gettext_lazy("Territoire"), {"fields": ["siege", "territoires_action"]}),
        (
            gettext_lazy("Coordonnées"),
            {
                "description": gettext_lazy(
                    "Chaque coordonnée n'apparaît sur la fiche, dans l'API et les "
                    "téléchargements qu'une fois publiée. L'adresse de contact reste privée."
                ),
                "fields": [
                    "adresse",
                    "complement_adresse",
                    ("code_postal", "commune"),
                    "adresse_is_published",
                    ("courriel", "courriel_is_published"),
                    ("telephone", "telephone_is_published"),
                    ("courriel_contact", "is_contactable", "is_open_to_requests"),
                ],
            },
        ),
        (gettext_lazy("Sources"), {"fields": ["sources"]}),
        PUBLICATION,
    ]
    historiques_lies = [
        (
            gettext_lazy("Fonctions dans cette organisation"),
            Fonction,
            lambda pk: Q(organisation_id=pk),
        ),
        (gettext_lazy("Relations"), Relation, lambda pk: Q(source_id=pk) | Q(cible_id=pk)),
    ]
    inlines = [
        FonctionInline,
        RelationSortanteInline,
        RelationEntranteInline,
        ChiffreOrganisationInline,
        CitationInline,
    ]


@admin.register(Personne)
class PersonneAdmin(PubliableAdmin):
    list_display = [
        "nom_complet",
        "is_published",
        "contact_is_published",
        "updated_at",
        "verified_at",
        lien_public,
    ]
    list_filter = ["is_published", AVerifierFilter, "contact_is_published"]
    search_fields = ["prenom", "nom", "designation", "email"]
    prepopulated_fields = {"slug": ["prenom", "nom", "designation"]}
    autocomplete_fields = ["sources"]
    fieldsets = [
        (gettext_lazy("Identité"), {"fields": [("prenom", "nom"), "designation", "slug"]}),
        (gettext_lazy("Parcours"), {"fields": ["biographie"]}),
        (
            gettext_lazy("Coordonnées"),
            {
                "description": gettext_lazy(
                    "Des données personnelles : elles restent privées, même sur une "
                    "fiche publiée, tant que « coordonnées publiées » n'est pas coché."
                ),
                "fields": ["email", "telephone", "contact_is_published"],
            },
        ),
        (gettext_lazy("Sources"), {"fields": ["sources"]}),
        PUBLICATION,
    ]
    inlines = [FonctionInline, CitationInline]
    historiques_lies = [
        (gettext_lazy("Fonctions de cette personne"), Fonction, lambda pk: Q(personne_id=pk))
    ]
    actions = [*PubliableAdmin.actions, "anonymiser"]

    @admin.action(
        description=gettext_lazy("Anonymiser les personnes sélectionnées"), permissions=["delete"]
    )
    def anonymiser(self, request, queryset):
        """On request of the people themselves: a page says what will go, then it goes."""
        if request.POST.get("confirmation") != "oui":
            context = {
                **self.admin_site.each_context(request),
                "title": gettext("Anonymiser des personnes"),
                "opts": self.model._meta,
                "rapports": [
                    anonymiser_personne(personne=personne, confirmer=False) for personne in queryset
                ],
                "personnes": queryset,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/acteurs/personne/anonymiser.html", context)
        for personne in queryset:
            rapport = anonymiser_personne(personne=personne)
            self.message_user(
                request,
                gettext("%(personne)s a été anonymisée.") % {"personne": rapport.personne},
                messages.SUCCESS,
            )
            for mention in rapport.mentions_restantes:
                self.message_user(
                    request,
                    gettext("À reformuler : %(mention)s") % {"mention": mention},
                    messages.WARNING,
                )
        return None

    @admin.display(description=gettext_lazy("nom"), ordering="nom")
    def nom_complet(self, obj):
        return obj.nom_complet

    # Someone removed from the directory leaves nothing personal in its history either (the
    # deletion itself stays recorded, without their name). Here rather than in a post_delete
    # signal: removing the synthetic directory deletes 150,000 people, who have no history.

    def delete_model(self, request, obj):
        pk, nom = obj.pk, obj.nom_complet
        with transaction.atomic():
            super().delete_model(request, obj)
            effacer_personne_supprimee(pk=pk, nom=nom)

    def delete_queryset(self, request, queryset):
        personnes = [(personne.pk, personne.nom_complet) for personne in queryset]
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            for pk, nom in personnes:
                effacer_personne_supprimee(pk=pk, nom=nom)


@admin.register(Fonction)
class FonctionAdmin(HistoriqueAdmin):
    list_display = ["personne", "intitule", "organisation", "categorie", periode]
    list_filter = ["categorie"]
    list_select_related = ["personne", "organisation"]
    search_fields = [
        "intitule",
        "personne__prenom",
        "personne__nom",
        "personne__designation",
        "organisation__nom",
        "organisation__sigle",
    ]
    autocomplete_fields = ["personne", "organisation", "sources"]
    fields = [
        "personne",
        "organisation",
        "intitule",
        "categorie",
        ("debut", "debut_precision"),
        ("fin", "fin_precision", "terminee"),
        "note",
        "sources",
    ]


@admin.register(Relation)
class RelationAdmin(HistoriqueAdmin):
    list_display = ["source", "type", "cible", periode]
    list_filter = ["type"]
    list_select_related = ["source", "cible"]
    search_fields = ["source__nom", "source__sigle", "cible__nom", "cible__sigle"]
    autocomplete_fields = ["source", "cible", "sources"]
    fields = [
        "source",
        "type",
        "cible",
        ("debut", "debut_precision"),
        ("fin", "fin_precision"),
        "description",
        "sources",
    ]


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "personne", "organisation", "source"]
    list_filter = [("source", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["personne", "organisation", "source"]
    search_fields = [
        "texte",
        "personne__prenom",
        "personne__nom",
        "personne__designation",
        "organisation__nom",
        "organisation__sigle",
        "source__titre",
    ]
    autocomplete_fields = ["personne", "organisation", "source"]
    fields = ["texte", "personne", "organisation", "source"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """What visitors wrote through the directory, and whether it was delivered: read only, the
    site writes them; their personal data goes after the retention period."""

    list_display = ["created_at", "organisation", "objet", "statut", "tentatives", "sent_at"]
    list_filter = ["statut", ("organisation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["organisation"]
    search_fields = ["objet", "nom", "courriel", "organisation__nom"]
    date_hierarchy = "created_at"
    fields = [
        "organisation",
        ("nom", "courriel"),
        "objet",
        "texte",
        "consented_at",
        "created_at",
        ("statut", "tentatives", "sent_at"),
        "erreur",
        "purged_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SollicitationInline(admin.TabularInline):
    """To whom a need went, whether the mail left, and who said it was interested."""

    model = Sollicitation
    fields = ["organisation", "planned_at", "statut", "tentatives", "sent_at", "interesse_le"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "interet")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("intéressée le"))
    def interesse_le(self, sollicitation):
        interet = getattr(sollicitation, "interet", None)
        return interet.created_at if interet else "–"


@admin.register(Besoin)
class BesoinAdmin(ActionsDeLaPageAdmin):
    """The needs visitors filed: staff read each, then validate it (it goes to the organisations
    that match it) or close it. What the visitor wrote is not edited here."""

    lecture_seule = True
    list_display = [
        "created_at",
        "titre",
        "territoire",
        "etat",
        "destinataires",
        "interesses",
    ]
    list_filter = ["etat", "nature"]
    search_fields = ["titre", "description", "nom", "courriel", "organisation_demandeur"]
    date_hierarchy = "created_at"
    actions = ["valider_et_envoyer", "clore"]
    inlines = [SollicitationInline]
    fields = [
        ("etat", "created_at"),
        "nature",
        "titre",
        "description",
        "territoire",
        "types",
        "thematiques",
        ("budget", "echeance"),
        ("nom", "courriel", "organisation_demandeur"),
        "consented_at",
        "destinataires_possibles",
        ("validated_at", "validated_by", "closed_at"),
        "purged_at",
    ]
    readonly_fields = [
        nom for ligne in fields for nom in (ligne if isinstance(ligne, tuple) else [ligne])
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).for_staff()

    def has_add_permission(self, request):
        return False

    def actions_de_la_page(self, besoin):
        actions = []
        if besoin.etat == EtatBesoin.A_VALIDER:
            actions.append(("valider_et_envoyer", gettext("Valider et envoyer")))
        if besoin.etat != EtatBesoin.CLOS:
            actions.append(("clore", gettext("Clore")))
        return actions

    @admin.display(description=gettext_lazy("envoyé à"), ordering="nombre_destinataires")
    def destinataires(self, besoin):
        return besoin.nombre_destinataires

    @admin.display(description=gettext_lazy("intéressées"), ordering="nombre_interesses")
    def interesses(self, besoin):
        return besoin.nombre_interesses

    @admin.display(description=gettext_lazy("organisations qui le recevraient maintenant"))
    def destinataires_possibles(self, besoin):
        if besoin.etat != EtatBesoin.A_VALIDER:
            return "–"
        return besoin.destinataires_possibles().count()

    @admin.action(
        description=gettext_lazy("Valider et envoyer les besoins choisis"), permissions=["change"]
    )
    def valider_et_envoyer(self, request, queryset):
        envoyes = 0
        for besoin in queryset.filter(etat=EtatBesoin.A_VALIDER):
            nombre = besoins.valider(besoin, par=request.user)
            envoyes += 1
            self.message_user(
                request,
                ngettext(
                    "« %(titre)s » validé : envoyé à %(nombre)s organisation(s).",
                    "« %(titre)s » validé : envoyé à %(nombre)s organisation(s).",
                    nombre,
                )
                % {"titre": besoin.titre, "nombre": nombre},
                messages.SUCCESS if nombre else messages.WARNING,
            )
        if not envoyes:
            self.message_user(
                request, gettext("Aucun des besoins choisis n'était à valider."), messages.WARNING
            )

    @admin.action(description=gettext_lazy("Clore les besoins choisis"), permissions=["change"])
    def clore(self, request, queryset):
        nombre = sum(besoins.clore(besoin) for besoin in queryset)
        self.message_user(
            request, gettext("Besoins clos : %(nombre)s.") % {"nombre": nombre}, messages.SUCCESS
        )


@admin.register(Gestionnaire)
class GestionnaireAdmin(ActionsDeLaPageAdmin):
    """The requests to manage a profile: staff approve or refuse those whose address is not of
    the organisation's domain (the others are approved at once); the managers of a profile may
    also answer them from their space. Nothing the person wrote is edited here."""

    lecture_seule = True
    list_display = ["created_at", "nom", "fonction", "courriel", "organisation", "etat"]
    list_filter = ["etat"]
    search_fields = ["nom", "courriel", "organisation__nom"]
    list_select_related = ["organisation"]
    date_hierarchy = "created_at"
    actions = ["approuver", "refuser"]
    fields = [
        ("etat", "created_at"),
        "organisation",
        ("nom", "fonction", "courriel"),
        "site_de_l_organisation",
        "user",
        ("consented_at", "confirmed_at"),
        ("approved_at", "approved_by", "relance_at"),
    ]
    readonly_fields = [
        nom for ligne in fields for nom in (ligne if isinstance(ligne, tuple) else [ligne])
    ]

    def has_add_permission(self, request):
        return False

    def actions_de_la_page(self, demande):
        if demande.etat == EtatGestionnaire.A_APPROUVER:
            return [("approuver", gettext("Approuver")), ("refuser", gettext("Refuser"))]
        return []

    @admin.display(description=gettext_lazy("site de l'organisation"))
    def site_de_l_organisation(self, demande):
        return demande.organisation.site_web or "–"

    def decider(self, request, queryset, decision, bilan):
        """Applies `decision` to the requests waiting; `bilan` says how many, as « %(nombre)s »."""
        nombre = sum(decision(demande, par=request.user) for demande in queryset.to_approve())
        niveau = messages.SUCCESS if nombre else messages.WARNING
        self.message_user(request, bilan % {"nombre": nombre}, niveau)

    @admin.action(
        description=gettext_lazy("Approuver les demandes choisies"), permissions=["change"]
    )
    def approuver(self, request, queryset):
        self.decider(
            request, queryset, gestionnaires.approuver, gettext("Demandes approuvées : %(nombre)s.")
        )

    @admin.action(description=gettext_lazy("Refuser les demandes choisies"), permissions=["change"])
    def refuser(self, request, queryset):
        self.decider(
            request, queryset, gestionnaires.refuser, gettext("Demandes refusées : %(nombre)s.")
        )
