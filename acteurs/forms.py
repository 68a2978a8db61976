"""The public form « Écrire à cette organisation ».

Against robots, without JavaScript nor a third-party captcha: a field hidden from people that
only a robot fills (its label tells the rare person who sees it to leave it empty), and a
signed timestamp of when the form was shown: sent back within seconds, it was not typed by a
person; days later, it has expired. Lengths and links are limited as a person would need.
"""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing

from .models import Message

SEL_JETON = "acteurs.message.jeton"
LIEN = re.compile(r"https?://|www\.", re.IGNORECASE)
ILLISIBLE = "Ce formulaire n'a pas pu être vérifié : envoyez-le de nouveau."
# In the summary of errors above the form, where the whole label would be too long.
LIBELLES_COURTS = {"consentement": "Votre accord"}


def jeton(organisation):
    """When the form was shown, and to write to whom, signed."""
    return signing.dumps([organisation.slug, time.time()], salt=SEL_JETON)


class MessageForm(forms.ModelForm):
    consentement = forms.BooleanField(
        # Written with its link in the template; set so that the box is described by it.
        help_text="Données personnelles",
        error_messages={"required": "Cochez cette case pour que votre message soit transmis."},
    )
    # The honeypot: display:none in the stylesheet, so no person sees it nor reaches it.
    site_web = forms.CharField(
        label="Laissez ce champ vide (il sert à reconnaître les robots)",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    # Checked in clean(): a missing or altered one gets the same message as any other.
    jeton = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Message
        fields = ["nom", "courriel", "objet", "texte"]
        labels = {
            "nom": "Votre nom",
            "courriel": "Votre adresse électronique",
            "objet": "Objet",
            "texte": "Votre message",
        }
        help_texts = {
            "courriel": "L'organisation vous répondra à cette adresse, si elle le souhaite.",
            "texte": "5 000 caractères et 2 liens au plus.",
        }
        widgets = {
            "nom": forms.TextInput(attrs={"autocomplete": "name"}),
            "courriel": forms.EmailInput(attrs={"autocomplete": "email"}),
            "texte": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args, organisation, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation
        self.fields["consentement"].label = (
            "J'accepte que l'annuaire enregistre mon nom, mon adresse et mon message pour les "
            "transmettre à cette organisation. Ils sont effacés au bout de "
            f"{settings.MESSAGES_CONSERVATION_JOURS} jours."
        )
        # Shown again when refused, the form keeps the time it was first shown, unless that
        # cannot be read: a person who was too quick only has to send it again.
        self.jeton_recu = self.data.get("jeton", "")
        self.initial["jeton"] = jeton(organisation)
        if self.is_bound:
            self.data = self.data.copy()
            try:
                self.lire_jeton()
            except forms.ValidationError:
                self.data["jeton"] = self.initial["jeton"]

    @property
    def resume_des_erreurs(self):
        """The errors, for the summary above the form: (the field's id, or "", text)."""
        resume = [("", erreur) for erreur in self.non_field_errors()]
        for champ in self.visible_fields():
            libelle = LIBELLES_COURTS.get(champ.name, champ.label)
            resume += [(champ.auto_id, f"{libelle} : {erreur}") for erreur in champ.errors]
        return resume

    def clean_texte(self):
        texte = self.cleaned_data["texte"]
        if len(LIEN.findall(texte)) > settings.MESSAGES_LIENS_MAXIMUM:
            raise forms.ValidationError(
                f"Votre message contient trop de liens : {settings.MESSAGES_LIENS_MAXIMUM} "
                "au plus.",
                code="trop_de_liens",
            )
        return texte

    def clean_objet(self):
        objet = self.cleaned_data["objet"]
        if LIEN.search(objet):
            raise forms.ValidationError("L'objet ne peut pas contenir de lien.", code="lien")
        return objet

    def clean(self):
        cleaned_data = super().clean()
        if self.cleaned_data.get("site_web"):
            raise forms.ValidationError(
                "Votre message n'a pas été envoyé : le champ réservé à la détection des robots "
                "a été rempli.",
                code="robot",
            )
        self.verifier_delai()
        return cleaned_data

    def lire_jeton(self):
        """When the form was shown, from the token it was sent back with."""
        try:
            slug, affiche_a = signing.loads(
                self.jeton_recu, salt=SEL_JETON, max_age=settings.MESSAGES_DELAI_MAXIMUM_SECONDES
            )
        except signing.SignatureExpired as erreur:
            raise forms.ValidationError(
                "Ce formulaire a été ouvert il y a trop longtemps : vérifiez votre message, "
                "puis envoyez-le de nouveau.",
                code="expire",
            ) from erreur
        except (signing.BadSignature, ValueError, TypeError) as erreur:
            raise forms.ValidationError(ILLISIBLE, code="jeton") from erreur
        if slug != self.organisation.slug or not isinstance(affiche_a, (int, float)):
            raise forms.ValidationError(ILLISIBLE, code="jeton")
        return affiche_a

    def verifier_delai(self):
        if time.time() - self.lire_jeton() < settings.MESSAGES_DELAI_MINIMUM_SECONDES:
            raise forms.ValidationError(
                "Votre message a été envoyé trop vite après l'ouverture du formulaire : "
                "vérifiez-le, puis envoyez-le de nouveau.",
                code="trop_rapide",
            )
