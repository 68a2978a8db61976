"""The public forms « Écrire à cette organisation », « Déposer un besoin », « Vous représentez
cette organisation ? » and the managers' sign-in, and the managers' form of their preferences.

Both are protected against robots as every public form is (ecosysteme.formulaires); lengths
and links are limited as a person would need.
"""

import re
from functools import partial

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext

from ecosysteme.alphabetique import cle_alphabetique
from ecosysteme.enums import NiveauTerritoire
from ecosysteme.formulaires import FormulairePublic
from ecosysteme.models import Territoire

from .models import Besoin, Gestionnaire, Message, Organisation

SEL_JETON = "acteurs.message.jeton"
LIEN = re.compile(r"https?://|www\.", re.IGNORECASE)
# Where a need may be located: the levels a requester knows their place by, a country first.
NIVEAUX_DE_BESOIN = {
    NiveauTerritoire.PAYS: gettext_lazy("Pays"),
    NiveauTerritoire.REGION: gettext_lazy("Régions"),
    NiveauTerritoire.DEPARTEMENT: gettext_lazy("Départements et provinces"),
}


def territoires_par_niveau(territoires):
    """The list of territories of the form, one group per level; a département with its code
    (« Côte-d'Or (21) »), as people know it."""
    choix = [("", gettext("Choisissez un territoire"))]
    for niveau, groupe in NIVEAUX_DE_BESOIN.items():
        du_niveau = sorted(
            (t for t in territoires if t.niveau == niveau),
            key=lambda t: cle_alphabetique(t.nom),  # Île-de-France among the I
        )
        code = niveau == NiveauTerritoire.DEPARTEMENT
        options = [(t.pk, f"{t.nom} ({t.code})" if code and t.code else t.nom) for t in du_niveau]
        if options:
            choix.append((groupe, options))
    return choix


def jeton(organisation):
    """When the form « Écrire » to this organisation was shown, signed."""
    return MessageForm(organisation=organisation).initial["jeton"]


def refuser_les_liens(texte, *, maximum, quoi):
    if len(LIEN.findall(texte)) > maximum:
        raise forms.ValidationError(
            gettext("%(quoi)s contient trop de liens : %(maximum)s au plus.")
            % {"quoi": quoi, "maximum": maximum},
            code="trop_de_liens",
        )
    return texte


def refuser_tout_lien(texte, *, quoi):
    if LIEN.search(texte):
        raise forms.ValidationError(
            gettext("%(quoi)s ne peut pas contenir de lien.") % {"quoi": quoi}, code="lien"
        )
    return texte


class MessageForm(FormulairePublic, forms.ModelForm):
    envoi = gettext_lazy("Votre message")
    sel_jeton = SEL_JETON

    class Meta:
        model = Message
        fields = ["nom", "courriel", "objet", "texte"]
        labels = {
            "nom": gettext_lazy("Votre nom"),
            "courriel": gettext_lazy("Votre adresse électronique"),
            "objet": gettext_lazy("Objet"),
            "texte": gettext_lazy("Votre message"),
        }
        help_texts = {
            "courriel": gettext_lazy(
                "L'organisation vous répondra à cette adresse, si elle le souhaite."
            ),
            "texte": gettext_lazy("5 000 caractères et 2 liens au plus."),
        }
        widgets = {
            "nom": forms.TextInput(attrs={"autocomplete": "name"}),
            "courriel": forms.EmailInput(attrs={"autocomplete": "email"}),
            "texte": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, cible=organisation.slug, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation
        consentement = self.fields["consentement"]
        jours = settings.MESSAGES_CONSERVATION_JOURS
        consentement.label = ngettext(
            "J'accepte que l'annuaire enregistre mon nom, mon adresse et mon message pour les "
            "transmettre à cette organisation. Ils sont effacés au bout de %(jours)s jour.",
            "J'accepte que l'annuaire enregistre mon nom, mon adresse et mon message pour les "
            "transmettre à cette organisation. Ils sont effacés au bout de %(jours)s jours.",
            jours,
        ) % {"jours": jours}
        consentement.error_messages["required"] = gettext(
            "Cochez cette case pour que votre message soit transmis."
        )

    def clean_texte(self):
        return refuser_les_liens(
            self.cleaned_data["texte"],
            maximum=settings.MESSAGES_LIENS_MAXIMUM,
            quoi=gettext("Votre message"),
        )

    def clean_objet(self):
        return refuser_tout_lien(self.cleaned_data["objet"], quoi=gettext("L'objet"))


class ChoixMultiples(forms.ModelMultipleChoiceField):
    """Refuses, as any unknown choice, an id beyond what an integer column holds: Django looks
    each id up alone (no row), then all of them in one IN lookup, which SQLite cannot run with
    such an integer (OverflowError, a 500)."""

    def _check_values(self, value):
        for pk in value:
            try:
                hors_limites = abs(int(pk)) >= 2**63
            except (TypeError, ValueError):
                continue  # refused by Django, as any value that is not an id
            if hors_limites:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class BesoinForm(FormulairePublic, forms.ModelForm):
    envoi = gettext_lazy("Votre besoin")
    sel_jeton = "acteurs.besoin.jeton"
    libelles_courts = {
        "consentement": gettext_lazy("Votre accord"),
        "nature": gettext_lazy("Nature du besoin"),
    }

    class Meta:
        model = Besoin
        # In the page's order, which the summary of errors follows.
        fields = [
            "nature",
            "titre",
            "description",
            "budget",
            "echeance",
            "nom",
            "courriel",
            "organisation_demandeur",
            "territoire",
            "types",
            "thematiques",
        ]
        labels = {
            "nature": gettext_lazy("Vous cherchez"),
            "titre": gettext_lazy("Votre besoin, en une ligne"),
            "description": gettext_lazy("Décrivez votre besoin"),
            "territoire": gettext_lazy("Où"),
            "types": gettext_lazy("Types d'activité recherchés"),
            "thematiques": gettext_lazy("Thématiques"),
            "budget": gettext_lazy("Budget"),
            "echeance": gettext_lazy("Échéance"),
            "nom": gettext_lazy("Votre nom"),
            "courriel": gettext_lazy("Votre adresse électronique"),
            "organisation_demandeur": gettext_lazy("Votre organisation"),
        }
        help_texts = {
            "titre": gettext_lazy(
                "Par exemple : « Traiteur pour 80 personnes à Bordeaux en juin »."
            ),
            "description": gettext_lazy(
                "Ce que vous attendez, les quantités, les contraintes : "
                "5 000 caractères et 2 liens au plus."
            ),
            "territoire": gettext_lazy(
                "Le besoin va aux organisations de ce territoire et à celles qui y agissent."
            ),
            "types": gettext_lazy("Aucun coché : tous les types."),
            "thematiques": gettext_lazy("Aucune cochée : toutes les thématiques."),
            "budget": gettext_lazy("Facultatif."),
            "echeance": gettext_lazy("Facultatif. La date à laquelle vous voulez une réponse."),
            "courriel": gettext_lazy(
                "Les organisations intéressées ne la connaissent pas : c'est à cette "
                "adresse que l'annuaire vous envoie leurs coordonnées."
            ),
            "organisation_demandeur": gettext_lazy(
                "Facultatif : une entreprise, une collectivité, une association…"
            ),
        }
        field_classes = {"types": ChoixMultiples, "thematiques": ChoixMultiples}
        widgets = {
            "nature": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 8}),
            "types": forms.CheckboxSelectMultiple,
            "thematiques": forms.CheckboxSelectMultiple,
            "echeance": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "nom": forms.TextInput(attrs={"autocomplete": "name"}),
            "courriel": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation_demandeur": forms.TextInput(attrs={"autocomplete": "organization"}),
        }
        error_messages = {
            "nature": {"required": gettext_lazy("Choisissez ce que vous cherchez.")},
            "territoire": {
                "required": gettext_lazy("Choisissez le territoire du besoin."),
                "invalid_choice": gettext_lazy("Choisissez un territoire de la liste."),
            },
            "types": {
                "invalid_choice": gettext_lazy("Choisissez des types d'activité de la liste.")
            },
            "thematiques": {
                "invalid_choice": gettext_lazy("Choisissez des thématiques de la liste.")
            },
            "echeance": {"invalid": gettext_lazy("Écrivez une date, par exemple 30/06/2027.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, cible="besoin", **kwargs)
        territoire = self.fields["territoire"]
        territoire.queryset = Territoire.objects.filter(niveau__in=NIVEAUX_DE_BESOIN)
        # Read when the list is drawn, not before: the form is also built only to read it.
        territoire.choices = partial(territoires_par_niveau, territoire.queryset)
        self.fields["budget"].choices = [
            ("", gettext("Non précisé")),
            *self.fields["budget"].choices[1:],
        ]
        self.fields["nature"].choices = self.fields["nature"].choices[1:]
        # Accepted as a person writes it, or as a date field of a browser sends it.
        self.fields["echeance"].input_formats = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
        consentement = self.fields["consentement"]
        jours = settings.BESOINS_CONSERVATION_JOURS
        consentement.label = ngettext(
            "J'accepte que l'annuaire enregistre mon besoin, mon nom et mon adresse pour les "
            "transmettre aux organisations intéressées. Mon nom et mon adresse sont effacés au "
            "bout de %(jours)s jour.",
            "J'accepte que l'annuaire enregistre mon besoin, mon nom et mon adresse pour les "
            "transmettre aux organisations intéressées. Mon nom et mon adresse sont effacés au "
            "bout de %(jours)s jours.",
            jours,
        ) % {"jours": jours}
        consentement.error_messages["required"] = gettext(
            "Cochez cette case pour que votre besoin soit transmis."
        )

    def clean_description(self):
        return refuser_les_liens(
            self.cleaned_data["description"],
            maximum=settings.MESSAGES_LIENS_MAXIMUM,
            quoi=gettext("La description"),
        )

    def clean_titre(self):
        return refuser_tout_lien(self.cleaned_data["titre"], quoi=gettext("Le titre"))

    def clean_echeance(self):
        echeance = self.cleaned_data["echeance"]
        if echeance and echeance < timezone.localdate():
            raise forms.ValidationError(gettext("L'échéance est déjà passée."), code="passee")
        return echeance

    @classmethod
    def donnees_initiales(cls, donnees):
        """What was typed, as the initial values of a form shown again unbound."""
        multiples = {"types", "thematiques"}
        return {
            nom: donnees.getlist(nom) if nom in multiples else donnees.get(nom)
            for nom in [*cls.Meta.fields, "consentement"]
            if nom in donnees
        }

    def criteres(self):
        """The criteria read so far, valid or not: (territoire, types, thematiques), None for
        the territory while it is not chosen, unknown kinds and themes left out. Used to count
        the organisations that match."""
        territoire = self["territoire"]
        try:
            valeurs = {"territoire": territoire.field.clean(territoire.data)}
        except forms.ValidationError:
            valeurs = {"territoire": None}
        for nom in ("types", "thematiques"):
            choisis = self[nom].data or []
            # An identifier longer than any the database holds is unknown, not a number to read.
            pks = [
                int(pk) for pk in choisis if isinstance(pk, str) and pk.isdecimal() and len(pk) < 19
            ]
            valeurs[nom] = list(self.fields[nom].queryset.filter(pk__in=pks)) if pks else []
        return valeurs


class GestionnaireForm(FormulairePublic, forms.ModelForm):
    """« Vous représentez cette organisation ? »: who asks to manage its profile."""

    envoi = gettext_lazy("Votre demande")
    sel_jeton = "acteurs.gestionnaire.jeton"

    class Meta:
        model = Gestionnaire
        fields = ["nom", "fonction", "courriel"]
        labels = {
            "nom": gettext_lazy("Votre nom"),
            "fonction": gettext_lazy("Votre rôle dans l'organisation"),
            "courriel": gettext_lazy("Votre adresse électronique"),
        }
        help_texts = {
            "fonction": gettext_lazy(
                "Par exemple : directrice, chargé de communication, bénévole."
            ),
            "courriel": gettext_lazy(
                "Vous recevrez un lien pour la confirmer. Une adresse au nom de domaine "
                "du site de l'organisation fait approuver votre demande aussitôt."
            ),
        }
        widgets = {
            "nom": forms.TextInput(attrs={"autocomplete": "name"}),
            "fonction": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "courriel": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "nom": {"required": gettext_lazy("Indiquez votre nom.")},
            "fonction": {"required": gettext_lazy("Indiquez votre rôle dans l'organisation.")},
            "courriel": {
                "required": gettext_lazy("Indiquez votre adresse électronique."),
                "invalid": gettext_lazy(
                    "Indiquez une adresse électronique valide, comme nom@exemple.org."
                ),
            },
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, cible=f"gestionnaire:{organisation.slug}", **kwargs)
        self.fields["consentement"].label = gettext(
            "J'accepte que l'annuaire garde mon nom, mon rôle et mon adresse pour traiter ma "
            "demande et, si elle est approuvée, tant que je gère cette fiche."
        )

    def clean_nom(self):
        return refuser_tout_lien(self.cleaned_data["nom"], quoi=gettext("Votre nom"))

    def clean_fonction(self):
        return refuser_tout_lien(self.cleaned_data["fonction"], quoi=gettext("Votre rôle"))


class ConnexionForm(FormulairePublic):
    """The managers' sign-in: their address, to receive a link. Nothing is kept of it."""

    envoi = gettext_lazy("Votre demande de lien")
    sel_jeton = "acteurs.gestionnaire.connexion"
    consentement = None

    courriel = forms.EmailField(
        label=gettext_lazy("Votre adresse électronique"),
        max_length=254,
        help_text=gettext_lazy("Celle de votre demande de gestion."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": gettext_lazy("Indiquez votre adresse électronique."),
            "invalid": gettext_lazy(
                "Indiquez une adresse électronique valide, comme nom@exemple.org."
            ),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, cible="gestion:connexion", **kwargs)


# What a manager changes directly: the preferences and the published contact details. The
# rest of the profile is proposed, then moderated.
CHAMPS_PREFERENCES = [
    "is_contactable",
    "is_open_to_requests",
    "courriel_contact",
    "adresse",
    "complement_adresse",
    "code_postal",
    "adresse_is_published",
    "courriel",
    "courriel_is_published",
    "telephone",
    "telephone_is_published",
]


class PreferencesForm(forms.ModelForm):
    """A manager's preferences for their organisation, checked as the admin checks them (the
    model's validation: an address to relay messages to, something to publish)."""

    libelles_courts = {}

    class Meta:
        model = Organisation
        fields = CHAMPS_PREFERENCES
        widgets = {
            "courriel_contact": forms.EmailInput(attrs={"autocomplete": "email"}),
            "courriel": forms.EmailInput(attrs={"autocomplete": "email"}),
            "telephone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    @property
    def resume_des_erreurs(self):
        return FormulairePublic.resume_des_erreurs.fget(self)
