"""The public form « Signaler une erreur », protected as every public form is
(ecosysteme.formulaires), its comment limited in length and links as a message is."""

import copy
from functools import reduce

from django import forms
from django.conf import settings
from django.utils.translation import gettext, gettext_lazy

from acteurs.forms import refuser_les_liens
from acteurs.models import Organisation
from ecosysteme.admin import HTTPS_URLS
from ecosysteme.formulaires import FormulairePublic
from ecosysteme.models import Signalement

from . import propositions

SEL_JETON = "ecosysteme.signalement.jeton"


class SignalementForm(FormulairePublic, forms.ModelForm):
    envoi = gettext_lazy("Votre signalement")
    sel_jeton = SEL_JETON

    class Meta:
        model = Signalement
        fields = ["motif", "commentaire", "courriel"]
        labels = {
            "motif": gettext_lazy("Ce qui ne va pas"),
            "commentaire": gettext_lazy("Votre commentaire"),
            "courriel": gettext_lazy("Votre adresse électronique (facultatif)"),
        }
        help_texts = {
            "commentaire": gettext_lazy(
                "Dites ce qui est faux et, si vous le savez, ce qui est juste. "
                "2 000 caractères et 2 liens au plus."
            ),
            "courriel": gettext_lazy(
                "Seulement pour être informé de la suite donnée ; elle n'est ni publiée "
                "ni transmise."
            ),
        }
        widgets = {
            "motif": forms.RadioSelect,
            "courriel": forms.EmailInput(attrs={"autocomplete": "email"}),
            "commentaire": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "motif": {"required": gettext_lazy("Choisissez ce qui ne va pas.")},
            "commentaire": {"required": gettext_lazy("Écrivez ce qui est faux sur cette fiche.")},
        }

    def __init__(self, *args, sorte, fiche, **kwargs):
        super().__init__(*args, cible=f"{sorte}:{fiche.slug}", **kwargs)
        self.fields["motif"].choices = self.fields["motif"].choices[1:]  # no empty choice
        # The box is asked for only with an address: without one, nothing personal is kept.
        consentement = self.fields["consentement"]
        consentement.required = False
        consentement.label = gettext(
            "Si j'ai donné mon adresse, j'accepte que l'annuaire la garde pour m'informer de la "
            "suite donnée. Elle est effacée %(jours)s jours après le traitement."
        ) % {"jours": settings.SIGNALEMENTS_CONSERVATION_JOURS}

    def clean_commentaire(self):
        return refuser_les_liens(
            self.cleaned_data["commentaire"],
            maximum=settings.MESSAGES_LIENS_MAXIMUM,
            quoi=gettext("Votre commentaire"),
        )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("courriel") and not cleaned_data.get("consentement"):
            self.add_error(
                "consentement",
                forms.ValidationError(
                    gettext(
                        "Cochez cette case pour être informé de la suite, ou retirez votre adresse."
                    ),
                    code="required",
                ),
            )
        return cleaned_data


SEL_JETON_PROPOSITION = "ecosysteme.proposition.jeton"


class ValeursEnFrancais(forms.ModelForm):
    """Shows a field with a text per language (translation.py) in French, on a page in any
    language, as a proposal reads and writes it (propositions.attribut)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        modele = self._meta.model
        for champ in self.fields:
            attribut = propositions.attribut(modele, champ)
            if attribut != modele._meta.get_field(champ).attname:
                self.initial[champ] = getattr(self.instance, attribut)


def formulaire_des_valeurs(modele):
    """The proposable fields of a profile, built from the model as the admin's form is: their
    values go through the same validation (fields, clean(), constraints)."""
    return forms.modelform_factory(
        modele,
        form=ValeursEnFrancais,
        fields=propositions.CHAMPS[modele],
        formfield_callback=comme_l_administration,
    )


def comme_l_administration(champ, **kwargs):
    """A model field's form field with the admin's options (an address without a scheme gets
    https)."""
    return champ.formfield(**{**HTTPS_URLS.get(type(champ), {}), **kwargs})


class PropositionForm(FormulairePublic, forms.Form):
    """A proposed change to a profile, or a new one: the proposed values are a second form
    (`valeurs`, prefixed « fiche- ») so that the profile's own fields (its « site_web »…) never
    meet this form's protection fields; the author's address and comment are here."""

    envoi = gettext_lazy("Votre proposition")
    sel_jeton = SEL_JETON_PROPOSITION

    commentaire = forms.CharField(
        label=gettext_lazy("Votre commentaire (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "D'où viennent ces informations, pour aider l'équipe à les vérifier. "
            "2 000 caractères et 2 liens au plus."
        ),
    )
    courriel = forms.EmailField(
        label=gettext_lazy("Votre adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=gettext_lazy(
            "Pour confirmer votre proposition (vous recevrez un lien) et vous informer de "
            "la suite ; elle n'est ni publiée ni transmise."
        ),
        error_messages={
            "required": gettext_lazy("Indiquez votre adresse, pour confirmer la proposition.")
        },
    )

    def __init__(self, data=None, *, modele, fiche=None, cible):
        super().__init__(data, cible=cible)
        # A copy: validating the values must not change the profile shown on the page.
        instance = modele.objects.get(pk=fiche.pk) if fiche is not None else modele()
        self.fiche = fiche
        self.valeurs = formulaire_des_valeurs(modele)(
            data, instance=instance, prefix="fiche", label_suffix=""
        )
        self.fields["consentement"].label = gettext(
            "J'accepte que l'annuaire garde mon adresse pour confirmer ma proposition et "
            "m'informer de la suite. Elle est effacée %(jours)s jours après le traitement."
        ) % {"jours": settings.PROPOSITIONS_CONSERVATION_JOURS}

    def is_valid(self):
        valide = super().is_valid()
        return self.valeurs.is_valid() and valide

    def clean_commentaire(self):
        return refuser_les_liens(
            self.cleaned_data["commentaire"],
            maximum=settings.MESSAGES_LIENS_MAXIMUM,
            quoi=gettext("Votre commentaire"),
        )

    def clean(self):
        cleaned_data = super().clean()
        if self.fiche is not None and self.valeurs.is_valid() and not self.valeurs.has_changed():
            raise forms.ValidationError(
                gettext("Vous n'avez rien changé : modifiez au moins un champ de la fiche."),
                code="inchange",
            )
        return cleaned_data

    @property
    def obligatoires(self):
        """The profile's required fields, as the page names them (« le nom et le type »)."""
        libelles = [
            f"{champ.label[0].lower()}{champ.label[1:]}"
            for champ in self.valeurs
            if champ.field.required
        ]
        if not libelles:
            return ""
        return reduce(
            lambda debut, suite: (
                gettext("%(debut)s et %(suite)s") % {"debut": debut, "suite": suite}
            ),
            libelles,
        )

    @property
    def valeurs_proposees(self):
        return {champ: self.valeurs.cleaned_data[champ] for champ in self.valeurs.fields}

    @property
    def resume_des_erreurs(self):
        """The errors in the page's order: the general ones, the profile's fields, then the
        author's."""
        resume = super().resume_des_erreurs
        generales = [erreur for erreur in resume if not erreur[0]]
        generales += [("", erreur) for erreur in self.valeurs.non_field_errors()]
        des_valeurs = [
            (
                champ.auto_id,
                gettext("%(champ)s : %(erreur)s") % {"champ": champ.label, "erreur": erreur},
            )
            for champ in self.valeurs.visible_fields()
            for erreur in champ.errors
        ]
        return generales + des_valeurs + [erreur for erreur in resume if erreur[0]]


class FicheGereeForm(formulaire_des_valeurs(Organisation)):
    """A manager's edit of their organisation's public profile: the proposable fields only,
    prefixed « fiche- », validated as a proposal and as the admin validate them. The author is
    the signed-in manager: no address to give, no robot to stop."""

    libelles_courts = {}

    def __init__(self, data=None, *, fiche):
        # A copy: validating the values must not change the profile shown on the page.
        super().__init__(data, instance=copy.copy(fiche), prefix="fiche", label_suffix="")

    def clean(self):
        cleaned_data = super().clean()
        if not self.has_changed():
            raise forms.ValidationError(
                gettext("Vous n'avez rien changé : modifiez au moins un champ de la fiche."),
                code="inchange",
            )
        return cleaned_data

    @property
    def resume_des_erreurs(self):
        return FormulairePublic.resume_des_erreurs.fget(self)

    @property
    def valeurs_modifiees(self):
        return {champ: self.cleaned_data[champ] for champ in self.fields}
