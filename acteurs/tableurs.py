"""Spreadsheets brought into the directory: organisations, people with their roles, relations.

django-import-export reads the rows, previews each one (new, updated, unchanged, error) and
applies the file in one transaction, the same way from the admin and from `manage.py importer`.
This module says what a file holds: its French columns (the fields' French verbose names,
whatever the page's language: a file filled in French imports everywhere), how a row finds the
entry it updates, and that the import is cited as the source of what it writes. Its messages
are in the language of the page that shows them (French on the command line).
"""

import csv
import datetime
import io

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from python_calamine import CalamineError, CalamineWorkbook

from ecosysteme.enums import NatureSource
from ecosysteme.models import Source, colonne_francaise

from .enums import CategorieFonction, FormeJuridique, TypeRelation
from .models import Fonction, Organisation, Personne, Relation

# How a row finds the organisation it updates: the most precise identifier first, then the slug.
CLES_ORGANISATION = ["siret", "siren", "rna", "bce", "slug"]


class FichierIllisible(ValueError):
    """A file that cannot be read as a table; its message names the file, « %(nom)s », once
    `nom` is known (`valeurs` fill its other placeholders)."""

    def __init__(self, message, **valeurs):
        super().__init__(message)
        self.message, self.valeurs, self.nom = message, valeurs, ""

    def __str__(self):
        return self.message % {**self.valeurs, "nom": self.nom}


class ColonnesRefusees(ValueError):
    """A table whose columns are not the directory's; its message names file, row and column."""


# Reading the files ----------------------------------------------------------------------------


def decoder(contenu):
    # Spreadsheet programs write CSV in UTF-8 or in Windows' Latin-1 (cp1252); a NUL byte
    # means neither (UTF-16, or not text at all).
    for encodage in ("utf-8-sig", "cp1252"):
        try:
            texte = contenu.decode(encodage)
        except UnicodeDecodeError:
            continue
        if "\x00" not in texte:
            return texte
    raise FichierIllisible(
        gettext(
            "Le fichier « %(nom)s » n'est ni en UTF-8 ni en Latin-1 : enregistrez-le en "
            "« CSV UTF-8 » ou en XLSX."
        )
    )


def cellule(valeur):
    # A number typed in a spreadsheet cell comes back as a float: 443061841.0 is a SIREN.
    if isinstance(valeur, float) and valeur.is_integer():
        return int(valeur)
    if isinstance(valeur, datetime.datetime) and valeur.time() == datetime.time():
        return valeur.date()
    return valeur


def tableau(lignes):
    lignes = [list(ligne) for ligne in lignes]
    while lignes and not any(str(c).strip() for c in lignes[-1]):
        lignes.pop()
    if not lignes or not any(str(c).strip() for c in lignes[0]):
        raise FichierIllisible(
            gettext(
                "Le fichier « %(nom)s » est vide : sa première ligne doit porter les noms des "
                "colonnes."
            )
        )
    entetes = [str(c).strip() for c in lignes[0]]
    largeur = len(entetes)
    donnees = tablib.Dataset(headers=entetes)
    for ligne in lignes[1:]:
        ligne = [cellule(c) for c in ligne][:largeur]
        donnees.append(ligne + [""] * (largeur - len(ligne)))
    return donnees


class CSV(base_formats.CSV):
    """Comma or semicolon, UTF-8 or Latin-1: read as bytes so that both are recognised."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        texte = decoder(in_stream)
        premiere = texte.split("\n", 1)[0]
        separateur = ";" if premiere.count(";") > premiere.count(",") else ","
        try:
            # newline=None: the line ends of Windows and old Macs read as « \n ».
            return tableau(csv.reader(io.StringIO(texte, newline=None), delimiter=separateur))
        except csv.Error as erreur:
            raise FichierIllisible(
                gettext("Le fichier « %(nom)s » n'est pas un CSV lisible (%(erreur)s)."),
                erreur=erreur,
            ) from erreur


class Classeur(base_formats.TablibFormat):
    """XLSX and ODS read by calamine (Rust): the first sheet, quickly and in little memory."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        try:
            classeur = CalamineWorkbook.from_filelike(io.BytesIO(in_stream))
            feuille = classeur.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except (CalamineError, ValueError, OSError) as erreur:
            raise FichierIllisible(
                gettext("Le fichier « %(nom)s » n'est pas un classeur %(format)s lisible."),
                format=self.get_title().upper(),
            ) from erreur
        return tableau(feuille)

    def can_export(self):
        return False


class XLSX(Classeur):
    TABLIB_MODULE = "tablib.formats._xlsx"
    CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ODS(Classeur):
    TABLIB_MODULE = "tablib.formats._ods"
    CONTENT_TYPE = "application/vnd.oasis.opendocument.spreadsheet"


FORMATS = [CSV, XLSX, ODS]


def format_du_fichier(nom):
    extension = nom.rsplit(".", 1)[-1].lower() if "." in nom else ""
    for classe in FORMATS:
        if classe().get_extension() == extension:
            return classe()
    raise FichierIllisible(
        gettext("Le fichier « %(nom)s » n'est ni un CSV, ni un XLSX, ni un ODS.")
    )


def lire(nom, contenu):
    """The file as a table, or FichierIllisible with a message naming it."""
    try:
        return format_du_fichier(nom).create_dataset(contenu)
    except FichierIllisible as erreur:
        erreur.nom = nom
        raise


# Cells ----------------------------------------------------------------------------------------


class Texte(widgets.CharWidget):
    """An empty cell gives None, which the field leaves alone: it never blanks a value."""

    def __init__(self):
        super().__init__(allow_blank=False)

    def clean(self, value, row=None, **kwargs):
        texte = super().clean(value, row, **kwargs)
        return texte.strip() or None if texte is not None else None


class Entier(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        try:
            return int(str(value).strip())
        except ValueError:
            raise ValueError(
                gettext("« %(valeur)s » n'est pas un nombre entier.") % {"valeur": value}
            ) from None


class Date(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        if isinstance(value, datetime.date):
            return value
        texte = str(value).strip()
        for modele in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(texte, modele).date()
            except ValueError:
                continue
        raise ValueError(
            gettext("« %(valeur)s » n'est pas une date (jj/mm/aaaa).") % {"valeur": value}
        )


class Choix(widgets.Widget):
    """A choice given by its value or its French label, in any case: « SCIC » or « scic ».
    `inconnu`: the message of a value that is none of them, « %(valeur)s » naming it."""

    def __init__(self, choix, inconnu):
        with translation.override("fr"):
            self.choix = {
                str(cle).casefold(): valeur
                for valeur, libelle in choix
                for cle in (valeur, libelle)
            }
        self.inconnu = inconnu

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        try:
            return self.choix[str(value).strip().casefold()]
        except KeyError:
            raise ValueError(self.inconnu % {"valeur": value}) from None


class OrganisationPar(widgets.Widget):
    """An organisation named by one of its identifiers or its slug."""

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        valeur = str(value).strip()
        for champ in CLES_ORGANISATION:
            organisation = Organisation.objects.filter(**{champ: valeur}).first()
            if organisation:
                return organisation
        raise ValueError(
            gettext("Aucune organisation n'a le SIRET, SIREN, RNA, BCE ou slug « %(valeur)s ».")
            % {"valeur": valeur}
        )


def colonne(modele, champ, widget=None, nom=None):
    """A column named by the field's French verbose name, unless `nom` names it. A field with
    a text per language (translation.py) is read and written in French, as the spreadsheet
    is, whatever the language of the admin that imports it."""
    with translation.override("fr"):
        nom = nom or str(modele._meta.get_field(champ).verbose_name)
    return fields.Field(
        attribute=colonne_francaise(modele, champ),
        column_name=nom,
        widget=widget or Texte(),
        saves_null_values=False,
    )


def lettre(indice):
    lettres = ""
    indice += 1
    while indice:
        indice, reste = divmod(indice - 1, 26)
        lettres = chr(65 + reste) + lettres
    return lettres


# What a file holds ----------------------------------------------------------------------------


class Tableur(resources.ModelResource):
    """What the three kinds of file share: the columns checked before any row, the source, the
    history's author, the errors named by column."""

    # A file of an official registry, recognised by a column of its own.
    REGISTRES = {
        "statutdiffusionunitelegale": "SIRENE (manage.py importer_sirene)",
        "statutdiffusionetablissement": "SIRENE (manage.py importer_sirene)",
        "economiesocialesolidaireunitelegale": "SIRENE (manage.py importer_sirene)",
        "id_ex": "RNA (manage.py importer_rna)",
        "enterprisenumber": "BCE (manage.py importer_bce)",
    }

    def __init__(self, **kwargs):
        super().__init__()
        self.source = None
        self.utilisateur = None

    def colonnes(self):
        return {f.column_name.casefold(): f.column_name for f in self.get_import_fields()}

    def import_data(self, dataset, **kwargs):
        # A file with a wrong column is refused before any row is read: its rows mean nothing.
        try:
            self.nommer_colonnes(dataset, kwargs.get("file_name") or "importé")
        except ColonnesRefusees as erreur:
            resultat = self.get_result_class()()
            resultat.diff_headers = self.get_diff_headers()
            resultat.append_base_error(self.get_error_result_class()(erreur))
            return resultat
        return super().import_data(dataset, **kwargs)

    def nommer_colonnes(self, dataset, nom):
        """Gives the headers the columns' own spelling; refuses an unknown or repeated one."""
        entetes = [str(entete).strip() for entete in dataset.headers or []]
        for indice, entete in enumerate(entetes):
            if entete.casefold() in self.REGISTRES:
                raise ColonnesRefusees(
                    gettext(
                        "Le fichier « %(nom)s » est un fichier %(registre)s, pas un tableur de "
                        "l'annuaire (ligne 1, colonne %(lettre)s, « %(colonne)s »)."
                    )
                    % {
                        "nom": nom,
                        "registre": self.REGISTRES[entete.casefold()],
                        "lettre": lettre(indice),
                        "colonne": entete,
                    }
                )
        connues = self.colonnes()
        for indice, entete in enumerate(entetes):
            if entete.casefold() not in connues:
                attendues = ", ".join(
                    gettext("« %(colonne)s »") % {"colonne": c} for c in connues.values()
                )
                raise ColonnesRefusees(
                    gettext(
                        "Le fichier « %(nom)s », ligne 1, colonne %(lettre)s : la colonne "
                        "« %(colonne)s » est inconnue. Colonnes attendues : %(attendues)s."
                    )
                    % {
                        "nom": nom,
                        "lettre": lettre(indice),
                        "colonne": entete,
                        "attendues": attendues,
                    }
                )
        noms = [connues[entete.casefold()] for entete in entetes]
        if len(set(noms)) < len(noms):
            raise ColonnesRefusees(
                gettext("Le fichier « %(nom)s », ligne 1 : deux colonnes ont le même nom.")
                % {"nom": nom}
            )
        dataset.headers = noms

    def before_import(self, dataset, **kwargs):
        self.utilisateur = kwargs.get("user")
        self.source = self.creer_source(kwargs.get("file_name") or "importé")

    def creer_source(self, nom):
        maintenant = timezone.localtime()
        qui = self.utilisateur.get_username() if self.utilisateur else "la ligne de commande"
        return Source.objects.create(
            titre=f"Import du fichier « {nom} » le {maintenant:%d/%m/%Y à %H:%M} par {qui}"[:300],
            slug=f"import-{maintenant:%Y%m%d-%H%M%S-%f}",
            nature=NatureSource.IMPORT,
            editeur=qui[:200],
            date_publication=maintenant.date(),
            fichier=nom[:200],
        )

    def get_instance(self, instance_loader, row):
        return None

    def import_instance(self, instance, row, **kwargs):
        # The row's errors are named by their column, as the file names them.
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as erreur:
            raise self.par_colonne(erreur) from None

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as erreur:
            raise self.par_colonne(erreur) from None

    def par_colonne(self, erreur):
        noms = {f.attribute: f.column_name for f in self.get_import_fields()}
        if not hasattr(erreur, "error_dict"):
            return erreur
        return ValidationError(
            {
                (noms.get(champ, champ) if champ != NON_FIELD_ERRORS else champ): messages
                for champ, messages in erreur.error_dict.items()
            }
        )

    def before_save_instance(self, instance, row, **kwargs):
        instance._history_user = self.utilisateur
        instance._change_reason = f"Import : {self.source.fichier}"

    def after_save_instance(self, instance, row, **kwargs):
        instance.sources.add(self.source)


def slug_libre(modele, texte):
    base = slugify(texte)[:180] or "sans-nom"
    slug, numero = base, 1
    while modele.objects.filter(slug=slug).exists():
        numero += 1
        slug = f"{base}-{numero}"
    return slug


class OrganisationResource(Tableur):
    nom = colonne(Organisation, "nom")
    sigle = colonne(Organisation, "sigle")
    slug = colonne(Organisation, "slug")
    forme_juridique = colonne(
        Organisation,
        "forme_juridique",
        Choix(
            FormeJuridique.choices,
            gettext_lazy("« %(valeur)s » n'est pas une forme juridique connue de l'annuaire."),
        ),
    )
    annee_creation = colonne(Organisation, "annee_creation", Entier())
    siren = colonne(Organisation, "siren")
    siret = colonne(Organisation, "siret", nom="SIRET")
    rna = colonne(Organisation, "rna", nom="RNA")
    bce = colonne(Organisation, "bce", nom="BCE")
    description = colonne(Organisation, "description")
    site_web = colonne(Organisation, "site_web")
    adresse = colonne(Organisation, "adresse")
    complement_adresse = colonne(Organisation, "complement_adresse")
    code_postal = colonne(Organisation, "code_postal")
    courriel = colonne(Organisation, "courriel", nom="adresse électronique")
    telephone = colonne(Organisation, "telephone")

    class Meta:
        model = Organisation
        name = gettext_lazy("Organisations")
        fields = [
            "nom",
            "sigle",
            "slug",
            "forme_juridique",
            "annee_creation",
            "siren",
            "siret",
            "rna",
            "bce",
            "description",
            "site_web",
            "adresse",
            "complement_adresse",
            "code_postal",
            "courriel",
            "telephone",
        ]
        import_id_fields = []
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def get_instance(self, instance_loader, row):
        for champ in CLES_ORGANISATION:
            try:
                valeur = (
                    self.fields[champ].clean(row) if self.fields[champ].column_name in row else None
                )
            except ValueError:
                valeur = None
            if valeur:
                organisation = Organisation.objects.filter(**{champ: valeur}).first()
                if organisation:
                    return organisation
        return None

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if not instance.slug and instance.nom:
            instance.slug = slug_libre(Organisation, instance.nom)


class FonctionResource(Tableur):
    """A person and their role in an organisation, one row each; the person is found by their
    slug, or by first and last name, and created when the directory does not know them."""

    prenom = fields.Field(
        attribute="personne__prenom", column_name="prénom", widget=Texte(), readonly=True
    )
    nom = fields.Field(attribute="personne__nom", column_name="nom", widget=Texte(), readonly=True)
    personne = fields.Field(
        attribute="personne__slug", column_name="personne", widget=Texte(), readonly=True
    )
    organisation = colonne(Fonction, "organisation", OrganisationPar(), nom="organisation")
    intitule = colonne(Fonction, "intitule")
    categorie = colonne(
        Fonction,
        "categorie",
        Choix(
            CategorieFonction.choices,
            gettext_lazy("« %(valeur)s » n'est pas une catégorie connue de l'annuaire."),
        ),
    )
    debut = colonne(Fonction, "debut", Date())
    fin = colonne(Fonction, "fin", Date())

    class Meta:
        model = Fonction
        name = gettext_lazy("Personnes et leurs fonctions")
        fields = [
            "prenom",
            "nom",
            "personne",
            "organisation",
            "intitule",
            "categorie",
            "debut",
            "fin",
        ]
        import_id_fields = []
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def personne_de(self, row):
        slug = Texte().clean(row.get("personne"))
        if slug:
            personne = Personne.objects.filter(slug=slug).first()
            if personne is None:
                raise ValidationError(
                    {
                        "personne": gettext("Aucune personne n'a le slug « %(slug)s ».")
                        % {"slug": slug}
                    }
                )
            return personne
        prenom, nom = Texte().clean(row.get("prénom")) or "", Texte().clean(row.get("nom")) or ""
        if not nom:
            raise ValidationError({"nom": gettext("Indiquez le nom de la personne, ou son slug.")})
        personne = Personne.objects.filter(prenom=prenom, nom=nom).first()
        if personne is None:
            personne = Personne(
                prenom=prenom, nom=nom, slug=slug_libre(Personne, f"{prenom} {nom}")
            )
            personne._history_user = self.utilisateur
            personne.full_clean()
            personne.save()
            personne.sources.add(self.source)
        return personne

    def get_instance(self, instance_loader, row):
        try:
            organisation = self.fields["organisation"].clean(row)
            personne = self.personne_de(row)
        except (ValueError, ValidationError):
            return None
        intitule = Texte().clean(row.get("intitulé"))
        return Fonction.objects.filter(
            personne=personne, organisation=organisation, intitule=intitule
        ).first()

    def import_instance(self, instance, row, **kwargs):
        if instance.personne_id is None:
            try:
                instance.personne = self.personne_de(row)
            except ValidationError as erreur:
                raise self.par_colonne(erreur) from None
        super().import_instance(instance, row, **kwargs)


class RelationResource(Tableur):
    source = colonne(Relation, "source", OrganisationPar())
    cible = colonne(Relation, "cible", OrganisationPar())
    type = colonne(
        Relation,
        "type",
        Choix(
            TypeRelation.choices,
            gettext_lazy("« %(valeur)s » n'est pas un type de relation connue de l'annuaire."),
        ),
    )
    debut = colonne(Relation, "debut", Date())
    fin = colonne(Relation, "fin", Date())
    description = colonne(Relation, "description")

    class Meta:
        model = Relation
        name = gettext_lazy("Relations entre organisations")
        fields = ["source", "cible", "type", "debut", "fin", "description"]
        import_id_fields = []
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def get_instance(self, instance_loader, row):
        try:
            cle = {c: self.fields[c].clean(row) for c in ("source", "cible", "type")}
        except ValueError:
            return None
        return Relation.objects.filter(**cle).first() if all(cle.values()) else None


RESSOURCES = [OrganisationResource, FonctionResource, RelationResource]


def ressource_du_tableau(donnees):
    """Which kind of file this is, by its columns: roles have « intitulé », relations « type de
    relation »; anything else is read as organisations (whose check names the wrong columns)."""
    entetes = {str(e).strip().casefold() for e in donnees.headers or []}
    if "intitulé" in entetes:
        return FonctionResource
    if "type de relation" in entetes:
        return RelationResource
    return OrganisationResource


def modele(ressource):
    """The empty file to fill in: the columns, in order."""
    return tablib.Dataset(headers=[f.column_name for f in ressource().get_import_fields()])


def importer(donnees, *, ressource, nom_fichier, utilisateur=None, simulation=True):
    """Imports a table in one transaction: nothing is written when any row errs."""
    return ressource().import_data(
        donnees,
        dry_run=simulation,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        file_name=nom_fichier,
        user=utilisateur,
    )


ETATS = {
    "new": "nouvelle",
    "update": "mise à jour",
    "skip": "inchangée",
    "error": "erreur",
    "invalid": "erreur",
    "delete": "supprimée",
}


def rapport(resultat, nom_fichier):
    """The per-row report, in French: the file's line (its header is line 1), state, column and
    message; then the totals."""
    lignes = [f"Fichier « {nom_fichier} » :"]
    for erreur in resultat.base_errors:
        lignes.append(f"  erreur : {erreur.error}")
    invalides = {ligne.number: ligne for ligne in resultat.invalid_rows}
    erreurs = dict(resultat.row_errors())
    for numero, ligne in enumerate(resultat.rows, 1):
        etat = ETATS.get(ligne.import_type, ligne.import_type)
        quoi = f" – {ligne.object_repr}" if ligne.object_repr else ""
        lignes.append(f"  ligne {numero + 1} : {etat}{quoi}")
    for numero, ligne in sorted(invalides.items()):
        for champ, messages in ligne.error_dict.items():
            colonne_ = "" if champ == NON_FIELD_ERRORS else f", colonne « {champ} »"
            for message in messages:
                lignes.append(f"  ligne {numero + 1}{colonne_} : {message}")
    for numero, liste in sorted(erreurs.items()):
        for erreur in liste:
            lignes.append(f"  ligne {numero + 1} : {erreur.error}")
    totaux = resultat.totals
    lignes.append(
        f"Nouvelles : {totaux['new']}, mises à jour : {totaux['update']}, "
        f"inchangées : {totaux['skip']}, erreurs : {totaux['error'] + totaux['invalid']}."
    )
    return lignes
