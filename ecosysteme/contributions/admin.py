"""The editors' moderation queues: the reports « Signaler une erreur » and the proposed
changes and new profiles « Proposer une modification »."""

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy, ngettext

from ecosysteme.enums import EtatProposition, EtatSignalement
from ecosysteme.models import Proposition, Signalement

from . import propositions, signalements
from .signalements import FICHES

CONCLUSIONS = {
    "_traiter": (EtatSignalement.TRAITE, gettext_lazy("Marquer comme traité")),
    "_rejeter": (EtatSignalement.REJETE, gettext_lazy("Rejeter")),
}


def liens_vers_fiche(contribution):
    """The profile a report or a proposal is about, with links to its public page and its
    admin page."""
    fiche = contribution.fiche
    if fiche is None:
        return gettext("fiche supprimée")
    liens = []
    if getattr(fiche, "is_published", False):
        liens.append((fiche.get_absolute_url(), gettext("page publique")))
    type_fiche = contribution.type_fiche
    try:
        liens.append(
            (
                reverse(
                    f"admin:{type_fiche.app_label}_{type_fiche.model}_change",
                    args=[fiche.pk],
                ),
                gettext("administration"),
            )
        )
    except NoReverseMatch:
        pass
    return format_html("{} ({})", fiche, format_html_join(", ", '<a href="{}">{}</a>', liens))


class SorteDeFicheFilter(admin.SimpleListFilter):
    title = gettext_lazy("sorte de fiche")
    parameter_name = "sorte"

    def lookups(self, request, model_admin):
        return [(modele._meta.model_name, modele._meta.verbose_name) for modele in FICHES.values()]

    def queryset(self, request, queryset):
        modeles = {modele._meta.model_name: modele for modele in FICHES.values()}
        if self.value() in modeles:
            type_fiche = ContentType.objects.get_for_model(modeles[self.value()])
            return queryset.filter(type_fiche=type_fiche)
        return queryset


@admin.register(Signalement)
class SignalementAdmin(admin.ModelAdmin):
    """Reports are read here, not edited: an editor writes an answer, then marks the report
    processed or rejects it (the buttons under the form, or the list's actions, without an
    answer). The reporter, if they left an address, is told once."""

    list_display = ["created_at", "motif", "sorte", "liens_fiche", "etat", "suite_envoyee"]
    list_filter = ["etat", SorteDeFicheFilter, "motif"]
    date_hierarchy = "created_at"
    actions = ["marquer_traites", "rejeter"]
    fields = [
        ("etat", "created_at"),
        ("sorte", "liens_fiche"),
        "motif",
        "commentaire",
        ("courriel", "consented_at"),
        "reponse",
        ("processed_at", "processed_by"),
        ("statut", "sent_at", "purged_at"),
    ]
    readonly_fields = [
        "etat",
        "created_at",
        "sorte",
        "liens_fiche",
        "motif",
        "commentaire",
        "courriel",
        "consented_at",
        "processed_at",
        "processed_by",
        "statut",
        "sent_at",
        "purged_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("type_fiche").prefetch_related("fiche")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.etat != EtatSignalement.NOUVEAU:
            return [*self.readonly_fields, "reponse"]
        return self.readonly_fields

    def has_add_permission(self, request):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        signalement = self.get_object(request, object_id)
        a_conclure = signalement is not None and signalement.etat == EtatSignalement.NOUVEAU
        contexte = {
            # Nothing is saved but by concluding: the two buttons replace « Enregistrer ».
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "conclusions": [
                (nom, libelle) for nom, (_etat, libelle) in CONCLUSIONS.items() if a_conclure
            ],
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, contexte)

    def save_model(self, request, obj, form, change):
        for nom, (etat, _libelle) in CONCLUSIONS.items():
            if nom in request.POST:
                reponse = form.cleaned_data.get("reponse", "")
                obj.conclu = signalements.conclure(
                    obj, etat=etat, reponse=reponse, par=request.user
                )
                return
        obj.conclu = False

    def save_related(self, request, form, formsets, change):
        """Nothing related to save."""

    def log_change(self, request, obj, message):
        if getattr(obj, "conclu", False):
            super().log_change(request, obj, f"{obj.get_etat_display()}.")

    def response_change(self, request, obj):
        if getattr(obj, "conclu", False):
            self.message_user(
                request,
                gettext("Signalement %(etat)s.") % {"etat": obj.get_etat_display()},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request, gettext("Ce signalement n'était plus à traiter."), messages.WARNING
            )
        return self.response_post_save_change(request, obj)

    @admin.display(description=gettext_lazy("sorte de fiche"), ordering="type_fiche")
    def sorte(self, signalement):
        return signalement.type_fiche.model_class()._meta.verbose_name

    @admin.display(description=gettext_lazy("fiche"))
    def liens_fiche(self, signalement):
        return liens_vers_fiche(signalement)

    @admin.display(description=gettext_lazy("suite envoyée"))
    def suite_envoyee(self, signalement):
        if signalement.purged_at:
            return gettext("adresse effacée")
        if not signalement.courriel:
            return gettext("sans adresse")
        if signalement.etat == EtatSignalement.NOUVEAU:
            return "–"
        return signalement.get_statut_display()

    def conclure_choisis(self, request, queryset, etat):
        nombre = sum(
            signalements.conclure(signalement, etat=etat, reponse="", par=request.user)
            for signalement in queryset.filter(etat=EtatSignalement.NOUVEAU)
        )
        if nombre:
            if etat == EtatSignalement.TRAITE:
                fait = ngettext(
                    "%(nombre)s signalement(s) traité(s).",
                    "%(nombre)s signalement(s) traité(s).",
                    nombre,
                )
            else:
                fait = ngettext(
                    "%(nombre)s signalement(s) rejeté(s).",
                    "%(nombre)s signalement(s) rejeté(s).",
                    nombre,
                )
            self.message_user(request, fait % {"nombre": nombre})
        else:
            self.message_user(
                request,
                gettext("Aucun des signalements choisis n'était à traiter."),
                messages.WARNING,
            )

    @admin.action(
        description=gettext_lazy("Marquer comme traités les signalements choisis"),
        permissions=["change"],
    )
    def marquer_traites(self, request, queryset):
        self.conclure_choisis(request, queryset, EtatSignalement.TRAITE)

    @admin.action(
        description=gettext_lazy("Rejeter les signalements choisis"), permissions=["change"]
    )
    def rejeter(self, request, queryset):
        self.conclure_choisis(request, queryset, EtatSignalement.REJETE)


class PropositionAdminForm(forms.ModelForm):
    class Meta:
        model = Proposition
        fields = ["reponse"]

    def clean(self):
        cleaned_data = super().clean()
        if "_refuser" in self.data and not cleaned_data.get("reponse", "").strip():
            self.add_error(
                "reponse",
                gettext("Pour refuser, écrivez pourquoi : la réponse est envoyée à l'auteur."),
            )
        return cleaned_data


@admin.register(Proposition)
class PropositionAdmin(admin.ModelAdmin):
    """The proposals confirmed by their author. An editor compares them field by field with
    the profile, ticks the fields to accept and accepts them (through the model's own
    validation: a refused value applies nothing), or refuses them with a reason."""

    form = PropositionAdminForm
    change_form_template = "admin/ecosysteme/proposition/change_form.html"
    list_display = ["__str__", "confirmed_at", "sorte", "etat", "suite_envoyee"]
    list_filter = ["etat", "is_creation", SorteDeFicheFilter]
    date_hierarchy = "created_at"
    fields = [
        ("etat", "confirmed_at"),
        ("sorte", "liens_fiche"),
        "commentaire",
        "source",
        ("courriel", "consented_at"),
        "reponse",
        ("processed_at", "processed_by"),
        ("statut", "sent_at", "purged_at"),
    ]
    readonly_fields = [
        "etat",
        "confirmed_at",
        "sorte",
        "liens_fiche",
        "commentaire",
        "source",
        "courriel",
        "consented_at",
        "processed_at",
        "processed_by",
        "statut",
        "sent_at",
        "purged_at",
    ]

    def get_queryset(self, request):
        # A proposal whose author has not confirmed their address is not the editors' concern.
        return super().get_queryset(request).confirmed().select_related("type_fiche")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.etat != EtatProposition.NOUVELLE:
            return [*self.readonly_fields, "reponse"]
        return self.readonly_fields

    def has_add_permission(self, request):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        proposition = self.get_object(request, object_id)
        contexte = {
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            **(extra_context or {}),
        }
        if proposition is not None:
            lignes = propositions.comparaison(proposition)
            contexte |= {
                "comparaison": lignes,
                "is_changed_since": any(ligne["is_changed_since"] for ligne in lignes),
                "a_traiter": proposition.etat == EtatProposition.NOUVELLE,
            }
        return super().change_view(request, object_id, form_url, contexte)

    def save_model(self, request, obj, form, change):
        obj.conclu, obj.refus = False, None
        reponse = form.cleaned_data.get("reponse", "")
        if "_accepter" in request.POST:
            try:
                fiche = propositions.accepter(
                    obj, champs=request.POST.getlist("champs"), par=request.user, reponse=reponse
                )
            except ValidationError as erreur:
                obj.refus = erreur
                return
            obj.conclu = fiche is not None
        elif "_refuser" in request.POST:
            obj.conclu = propositions.refuser(obj, reponse=reponse, par=request.user)

    def save_related(self, request, form, formsets, change):
        """Nothing related to save."""

    def log_change(self, request, obj, message):
        if getattr(obj, "conclu", False):
            super().log_change(request, obj, f"{obj.get_etat_display()}.")

    def response_change(self, request, obj):
        if obj.refus is not None:
            for texte in textes_de(obj.refus, obj):
                self.message_user(
                    request,
                    gettext("Rien n'a été appliqué : %(erreur)s") % {"erreur": texte},
                    messages.ERROR,
                )
            return HttpResponseRedirect(request.path)
        if obj.conclu:
            self.message_user(
                request,
                gettext("Proposition %(etat)s.") % {"etat": obj.get_etat_display()},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request, gettext("Cette proposition n'était plus à traiter."), messages.WARNING
            )
        return self.response_post_save_change(request, obj)

    @admin.display(description=gettext_lazy("sorte de fiche"), ordering="type_fiche")
    def sorte(self, proposition):
        sorte = proposition.type_fiche.model_class()._meta.verbose_name
        return (
            gettext("%(sorte)s (nouvelle)") % {"sorte": sorte} if proposition.is_creation else sorte
        )

    @admin.display(description=gettext_lazy("fiche"))
    def liens_fiche(self, proposition):
        if proposition.fiche_id is None:
            return gettext("à créer")
        return liens_vers_fiche(proposition)

    @admin.display(description=gettext_lazy("suite envoyée"))
    def suite_envoyee(self, proposition):
        if proposition.purged_at:
            return gettext("adresse effacée")
        if proposition.etat == EtatProposition.NOUVELLE:
            return "–"
        return proposition.get_statut_display()


def textes_de(erreur, proposition):
    """A refusal of the model's validation, field by field."""
    if not hasattr(erreur, "error_dict"):
        return erreur.messages
    modele = proposition.type_fiche.model_class()
    textes = []
    for champ, erreurs in erreur.message_dict.items():
        try:
            libelle = modele._meta.get_field(champ).verbose_name
        except FieldDoesNotExist:
            textes += erreurs
            continue
        textes += [
            gettext("%(champ)s : %(erreur)s") % {"champ": libelle, "erreur": texte}
            for texte in erreurs
        ]
    return textes
