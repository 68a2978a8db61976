"""The public form « Signaler une erreur », protected as every public form is
(ecosysteme.formulaires), its comment limited in length and links as a message is."""

from django import forms
from django.conf import settings

from acteurs.forms import refuser_les_liens
from ecosysteme.formulaires import FormulairePublic
from ecosysteme.models import Signalement

SEL_JETON = "ecosysteme.signalement.jeton"


class SignalementForm(FormulairePublic, forms.ModelForm):
    envoi = "Votre signalement"
    sel_jeton = SEL_JETON

    class Meta:
        model = Signalement
        fields = ["motif", "commentaire", "courriel"]
        labels = {
            "motif": "Ce qui ne va pas",
            "commentaire": "Votre commentaire",
            "courriel": "Votre adresse électronique (facultatif)",
        }
        help_texts = {
            "commentaire": "Dites ce qui est faux et, si vous le savez, ce qui est juste. "
            "2 000 caractères et 2 liens au plus.",
            "courriel": "Seulement pour être informé de la suite donnée ; elle n'est ni publiée "
            "ni transmise.",
        }
        widgets = {
            "motif": forms.RadioSelect,
            "courriel": forms.EmailInput(attrs={"autocomplete": "email"}),
            "commentaire": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "motif": {"required": "Choisissez ce qui ne va pas."},
            "commentaire": {"required": "Écrivez ce qui est faux sur cette fiche."},
        }

    def __init__(self, *args, sorte, fiche, **kwargs):
        super().__init__(*args, cible=f"{sorte}:{fiche.slug}", **kwargs)
        self.fields["motif"].choices = self.fields["motif"].choices[1:]  # no empty choice
        # The box is asked for only with an address: without one, nothing personal is kept.
        consentement = self.fields["consentement"]
        consentement.required = False
        consentement.label = (
            "Si j'ai donné mon adresse, j'accepte que l'annuaire la garde pour m'informer de la "
            "suite donnée. Elle est effacée "
            f"{settings.SIGNALEMENTS_CONSERVATION_JOURS} jours après le traitement."
        )

    def clean_commentaire(self):
        return refuser_les_liens(
            self.cleaned_data["commentaire"],
            maximum=settings.MESSAGES_LIENS_MAXIMUM,
            quoi="Votre commentaire",
        )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("courriel") and not cleaned_data.get("consentement"):
            self.add_error(
                "consentement",
                forms.ValidationError(
                    "Cochez cette case pour être informé de la suite, ou retirez votre adresse.",
                    code="required",
                ),
            )
        return cleaned_data
