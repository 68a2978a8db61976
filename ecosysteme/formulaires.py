"""What every public form of the site shares: its protection against robots, without
JavaScript nor a third-party captcha, and the summary of its errors.

A field hidden from people that only a robot fills (its label tells the rare person who sees it
to leave it empty), and a signed timestamp of when the form was shown: sent back within
seconds, it was not typed by a person; days later, it has expired.
"""

import time
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext, gettext_lazy

ILLISIBLE = gettext_lazy("Ce formulaire n'a pas pu être vérifié : envoyez-le de nouveau.")


class FormulairePublic(forms.Form):
    """To put first among a public form's bases. The form says what it sends (`envoi`: « Votre
    message »), its salt, and for which page it was shown (`cible`, a string)."""

    envoi = gettext_lazy("Votre envoi")
    sel_jeton = "ecosysteme.formulaire"
    # In the summary of errors above the form, where the whole label would be too long.
    libelles_courts = {"consentement": gettext_lazy("Votre accord")}

    consentement = forms.BooleanField(
        # Written with its link in the template; set so that the box is described by it.
        help_text=gettext_lazy("Données personnelles"),
        error_messages={
            "required": gettext_lazy("Cochez cette case pour que votre envoi soit transmis.")
        },
    )
    # The honeypot: display:none in the stylesheet, so no person sees it nor reaches it.
    site_web = forms.CharField(
        label=gettext_lazy("Laissez ce champ vide (il sert à reconnaître les robots)"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    # Checked in clean(): a missing or altered one gets the same message as any other.
    jeton = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, cible, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.cible = cible
        # Shown again when refused, the form keeps the time it was first shown, unless that
        # cannot be read: a person who was too quick only has to send it again.
        self.jeton_recu = self.data.get("jeton", "")
        self.initial["jeton"] = signing.dumps([cible, time.time()], salt=self.sel_jeton)
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
            libelle = self.libelles_courts.get(champ.name, champ.label)
            # A group of boxes: its first box, which takes the focus (its group does not).
            cible = f"{champ.auto_id}_0" if champ.use_fieldset else champ.auto_id
            resume += [
                (cible, gettext("%(champ)s : %(erreur)s") % {"champ": libelle, "erreur": erreur})
                for erreur in champ.errors
            ]
        return resume

    def clean(self):
        cleaned_data = super().clean()
        if self.cleaned_data.get("site_web"):
            raise forms.ValidationError(
                gettext(
                    "%(envoi)s n'a pas été envoyé : le champ réservé à la détection des robots "
                    "a été rempli."
                )
                % {"envoi": self.envoi},
                code="robot",
            )
        self.verifier_delai()
        return cleaned_data

    def lire_jeton(self):
        """When the form was shown, from the token it was sent back with."""
        try:
            cible, affiche_a = signing.loads(
                self.jeton_recu,
                salt=self.sel_jeton,
                max_age=settings.MESSAGES_DELAI_MAXIMUM_SECONDES,
            )
        except signing.SignatureExpired as erreur:
            raise forms.ValidationError(
                gettext(
                    "Ce formulaire a été ouvert il y a trop longtemps : vérifiez ce que vous avez "
                    "écrit, puis envoyez-le de nouveau."
                ),
                code="expire",
            ) from erreur
        except (signing.BadSignature, ValueError, TypeError) as erreur:
            raise forms.ValidationError(ILLISIBLE, code="jeton") from erreur
        if cible != self.cible or not isinstance(affiche_a, (int, float)):
            raise forms.ValidationError(ILLISIBLE, code="jeton")
        return affiche_a

    def verifier_delai(self):
        if time.time() - self.lire_jeton() < settings.MESSAGES_DELAI_MINIMUM_SECONDES:
            raise forms.ValidationError(
                gettext(
                    "%(envoi)s a été envoyé trop vite après l'ouverture du formulaire : "
                    "vérifiez-le, puis envoyez-le de nouveau."
                )
                % {"envoi": self.envoi},
                code="trop_rapide",
            )


class LimiteAtteinte(Exception):
    """Too many submissions lately (from this address, to this organisation, on this
    profile…); says so in French."""


PERIODES = {
    "heure": (timedelta(hours=1), gettext_lazy("dans l'heure")),
    "jour": (timedelta(days=1), gettext_lazy("dans la journée")),
}


def verifier_limites(*regles):
    """Raises LimiteAtteinte with the message of the first rule reached, storing nothing.

    Each rule is (recent, limites, message): `recent(duree)` counts what was submitted in that
    last duration, `limites` says how many an hour and/or a day ({"heure": 3, "jour": 10}),
    `message` says why in French, `{periode}` standing for « dans l'heure » or
    « dans la journée ». To call inside the transaction that then stores the submission.
    """
    for periode, (duree, en_toutes_lettres) in PERIODES.items():
        for recent, limites, message in regles:
            if periode in limites and recent(duree) >= limites[periode]:
                raise LimiteAtteinte(str(message).format(periode=en_toutes_lettres))
