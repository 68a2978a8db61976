"""Loading fixtures and imports: each entry is checked as the admin would check it.

Django's loaddata saves raw objects without full_clean: a bad SIRET loads silently, and a
broken file stops with a message that names neither the entry nor the field. The loader below
checks each entry before saving it and turns every failure into a line naming the file, the
entry and the field. The loaddata command (ecosysteme/management/commands) is this loader;
valider_donnees runs it in a transaction that is always rolled back.
"""

import itertools
import json
import os
import warnings

from django.apps import apps
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.core.serializers.base import (
    DEFER_FIELD,
    DeserializedObject,
    M2MDeserializationError,
    deserialize_fk_value,
    deserialize_m2m_values,
)
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.db import DatabaseError, models, router, transaction

from ecosysteme.textes import valider_sans_nul


class Probleme(CommandError):
    """What is wrong with one entry (or one file): one line per field at fault."""

    def __init__(self, lieu, details):
        self.lignes = [lieu_et_champ(lieu, champ, message) for champ, message in details]
        # Where it is, to list the problems of several files in the order of their entries.
        self.fichier = chemin_affiche(lieu.fichier) if isinstance(lieu, Entree) else lieu
        self.position = getattr(lieu, "position", 0)
        super().__init__("\n".join(self.lignes))


def lieu_et_champ(lieu, champ, message):
    if not champ:
        return f"{lieu} : {message}"
    mot = "champs" if ", " in champ else "champ"
    return f"{lieu} : {mot} {champ} : {message}"


def chemin_affiche(fichier):
    if fichier == loaddata.READ_STDIN:
        return "entrée standard"
    relatif = os.path.relpath(fichier)
    return fichier if relatif.startswith("..") else relatif


def texte_erreur(erreur):
    if isinstance(erreur, ValidationError):
        return " ".join(erreur.messages)
    if isinstance(erreur, M2MDeserializationError):
        return f"{texte_erreur(erreur.original_exc)} (valeur {erreur.pk!r})"
    return str(erreur) or erreur.__class__.__name__


def cle_naturelle(valeur):
    if isinstance(valeur, (list, tuple)):
        return " / ".join(str(v) for v in valeur)
    return str(valeur)


def reference_introuvable(champ, valeur):
    return f"{champ.related_model._meta.verbose_name} « {cle_naturelle(valeur)} » introuvable"


def champs_de_contrainte(contrainte):
    if isinstance(contrainte, models.UniqueConstraint) and contrainte.fields:
        return set(contrainte.fields)
    condition = getattr(contrainte, "condition", None)
    return set(condition.referenced_base_fields) if condition is not None else set()


def octets_nuls(champs):
    """(field, message) for each value holding NUL, a reference's natural key included: the
    deserializer would look it up before any check, and PostgreSQL refuses the query."""
    problemes = []
    for nom, valeur in champs.items():
        textes = [valeur]
        while textes:
            texte = textes.pop()
            if isinstance(texte, list):
                textes += texte
                continue
            try:
                valider_sans_nul(texte)
            except ValidationError as erreur:
                problemes.append((nom, texte_erreur(erreur)))
                break
    return problemes


class Entree:
    """One entry of a fixture file: where it is, what it says, and what it became."""

    def __init__(self, fichier, position, brut=None):
        self.fichier, self.position, self.brut = fichier, position, brut
        self.deja = None  # the object, when a serializer other than JSON has built it
        self.objet = None

    @property
    def champs_bruts(self):
        brut = self.brut if isinstance(self.brut, dict) else {}
        return brut.get("fields") if isinstance(brut.get("fields"), dict) else {}

    def cle(self):
        slug = self.champs_bruts.get("slug")
        if isinstance(slug, str) and slug:
            return slug
        if self.objet is not None and hasattr(self.objet, "natural_key"):
            try:
                return cle_naturelle(self.objet.natural_key())
            except ObjectDoesNotExist:  # a natural key made of references not resolved yet
                pass
        if isinstance(self.brut, dict) and self.brut.get("pk") is not None:
            return f"pk {self.brut['pk']}"
        return None

    def __str__(self):
        lieu = f"{chemin_affiche(self.fichier)}, entrée n° {self.position}"
        if self.objet is not None:
            modele = self.objet._meta.label_lower
        elif isinstance(self.brut, dict) and isinstance(self.brut.get("model"), str):
            modele = self.brut["model"]
        else:
            return lieu
        cle = self.cle()
        if cle and len(cle) > 60:
            cle = cle[:59] + "…"
        return f"{lieu} ({modele} « {cle} »)" if cle else f"{lieu} ({modele})"


class ObjetCharge(DeserializedObject):
    """A deserialized entry that remembers where it came from, for the messages."""

    def __init__(self, objet, entree, chargement):
        super().__init__(objet.object, objet.m2m_data, objet.deferred_fields)
        self.entree, self.chargement = entree, chargement
        self.a_reverifier = False

    def save_deferred_fields(self, using=None):
        # Called by loaddata once every file is read: references to entries further on can
        # be resolved now, and the entry checked again with them.
        self.chargement.controler(lambda: self.chargement.finir(self))


class Chargement(loaddata.Command):
    """Django's loaddata, with each entry checked by full_clean and precise messages.

    With tout_signaler, each entry is loaded in its own savepoint and every problem is kept
    in self.problemes instead of stopping at the first one.
    """

    tout_signaler = False

    def loaddata(self, fixture_labels):
        self.problemes, self.entrees_par_fichier = [], {}
        super().loaddata(fixture_labels)

    def controler(self, etape):
        if not self.tout_signaler:
            return etape()
        try:
            with transaction.atomic(using=self.using):
                return etape()
        except Probleme as probleme:
            self.problemes.append(probleme)
            return False

    def load_label(self, fixture_label):
        for fichier, _dossier, nom in self.find_fixtures(fixture_label):
            _, format_, compression = self.parse_name(os.path.basename(fichier))
            self.fixture_count += 1
            self.entrees_par_fichier[chemin_affiche(fichier)] = 0
            if format_ == "json":
                entrees = self.controler(lambda f=fichier, c=compression: self.lire(f, c))
                if entrees is False:  # unreadable, and already reported
                    continue
                entrees = (Entree(fichier, n, brut) for n, brut in enumerate(entrees, 1))
            else:
                entrees = self.deserialiser(fichier, format_, compression)
            lues = charges = 0
            # One entry after the other, as Django does: an entry may refer to earlier ones.
            for entree in entrees:
                lues += 1
                charges += bool(self.controler(lambda e=entree: self.charger(e)))
            self.loaded_object_count += charges
            self.fixture_object_count += lues
            self.entrees_par_fichier[chemin_affiche(fichier)] = lues
            if not lues:
                warnings.warn(
                    f"No fixture data found for '{nom}'. (File format may be invalid.)",
                    RuntimeWarning,
                    stacklevel=2,
                )

    def lire(self, fichier, compression):
        ouvrir, mode = self.compression_formats[compression]
        flux = ouvrir(fichier, mode)
        try:
            contenu = flux.read()
        finally:
            flux.close()
        lieu = chemin_affiche(fichier)
        try:
            entrees = json.loads(contenu)
        except UnicodeDecodeError:
            raise Probleme(lieu, [(None, "le fichier n'est pas encodé en UTF-8")]) from None
        except json.JSONDecodeError as e:
            message = f"JSON mal formé, ligne {e.lineno}, colonne {e.colno} ({e.msg})"
            raise Probleme(lieu, [(None, message)]) from None
        if not isinstance(entrees, list):
            raise Probleme(lieu, [(None, "le fichier doit contenir une liste d'entrées")])
        return entrees

    def deserialiser(self, fichier, format_, compression):
        """Other formats (XML…): the entries are named by their position only."""
        ouvrir, mode = self.compression_formats[compression]
        flux = ouvrir(fichier, mode)
        try:
            objets = serializers.deserialize(
                format_, flux, using=self.using, ignorenonexistent=self.ignore,
                handle_forward_references=True,
            )  # fmt: skip
            for position in itertools.count(1):
                entree = Entree(fichier, position)
                try:
                    entree.deja = next(objets)
                except StopIteration:
                    return
                except Exception as erreur:
                    raise Probleme(entree, [(None, texte_erreur(erreur))]) from erreur
                yield entree
        finally:
            flux.close()

    def charger(self, entree):
        objet = entree.deja or self.construire(entree)
        objet = ObjetCharge(objet, entree, self)
        entree.objet = objet.object
        self.marquer_existant(objet.object, entree)
        if self.est_exclu(objet.object):
            return super().save_obj(objet)
        exclus = {champ.name for champ in objet.deferred_fields}
        # A reference given by its natural key has just been looked up: it exists.
        references = {
            champ.name
            for champ in objet.object._meta.concrete_fields
            if champ.many_to_one and isinstance(entree.champs_bruts.get(champ.name), list)
        }
        problemes, a_reverifier = self.verifier(objet.object, exclus | references)
        if problemes:
            raise Probleme(entree, problemes)
        objet.a_reverifier = bool(a_reverifier)
        charge = self.enregistrer(objet, exclus, lambda: super(Chargement, self).save_obj(objet))
        if objet.a_reverifier and not objet.deferred_fields:
            self.objs_with_deferred_fields.append(objet)
        return charge

    def enregistrer(self, objet, exclus, sauver):
        """Saves, and explains field by field a refusal by the database's constraints.

        The constraints and unique fields are left to the database rather than checked before
        each save: checked beforehand, they took a query each and slowed loading by a fifth.
        """
        try:
            with transaction.atomic(using=self.using):
                return sauver()
        except (DatabaseError, ValueError) as erreur:
            problemes, _ = self.verifier(objet.object, exclus, contraintes=True)
            if not problemes:
                problemes = [(None, f"refusé par la base de données : {erreur}")]
            raise Probleme(objet.entree, problemes) from None

    def marquer_existant(self, objet, entree):
        # An entry already in the database is updated: its unique values are its own, and
        # full_clean must not compare it with itself.
        if objet.pk is None:
            return
        trouve_par_cle_naturelle = isinstance(entree.brut, dict) and "pk" not in entree.brut
        objet._state.adding = not (
            trouve_par_cle_naturelle
            or type(objet)._base_manager.using(self.using).filter(pk=objet.pk).exists()
        )

    def est_exclu(self, objet):
        return (
            objet._meta.app_config in self.excluded_apps
            or type(objet) in self.excluded_models
            or not router.allow_migrate_model(self.using, type(objet))
        )

    def construire(self, entree):
        brut = entree.brut
        if not (
            isinstance(brut, dict)
            and isinstance(brut.get("model"), str)
            and isinstance(brut.get("fields"), dict)
        ):
            raise Probleme(
                entree, [(None, "entrée mal formée : un objet avec « model » et « fields »")]
            )
        if problemes := octets_nuls(brut["fields"]):
            raise Probleme(entree, problemes)
        try:
            (objet,) = PythonDeserializer(
                [brut], using=self.using, ignorenonexistent=self.ignore,
                handle_forward_references=True,
            )  # fmt: skip
        except Exception as erreur:
            raise Probleme(entree, self.diagnostiquer(brut, erreur)) from None
        return objet

    def diagnostiquer(self, brut, erreur):
        """Which field of the entry made the deserializer fail, and why."""
        try:
            modele = apps.get_model(brut["model"])
        except (LookupError, ValueError):
            return [("model", f"modèle inconnu « {brut['model']} »")]
        details, references = [], []
        if "pk" in brut:
            try:
                modele._meta.pk.to_python(brut["pk"])
            except ValidationError as e:
                details.append(("pk", texte_erreur(e)))
        for nom, valeur in brut["fields"].items():
            try:
                champ = modele._meta.get_field(nom)
            except FieldDoesNotExist:
                if not self.ignore:
                    details.append((nom, f"ce champ n'existe pas dans {modele._meta.label_lower}"))
                continue
            try:
                if champ.many_to_many:
                    resultat = deserialize_m2m_values(champ, valeur, self.using, True)
                elif champ.many_to_one:
                    resultat = deserialize_fk_value(champ, valeur, self.using, True)
                else:
                    resultat = champ.to_python(valeur)
            except Exception as e:
                details.append((nom, texte_erreur(e)))
            else:
                if resultat is DEFER_FIELD:
                    references.append((champ, valeur))
        if details:
            return details
        if isinstance(erreur, ObjectDoesNotExist) and references:
            # Its natural key is made of references: they cannot wait for a later entry.
            return [
                (champ.name, f"{reference_introuvable(champ, v)} (elle fait partie de la clé "
                             "naturelle de l'entrée : elle doit être chargée avant elle)")
                for champ, v in references
            ]  # fmt: skip
        return [(None, texte_erreur(erreur))]

    def verifier(self, objet, exclus, contraintes=False, a_la_fin=False):
        """(problems, foreign keys to check again at the end) for one object.

        A foreign key given as a bare id may point to an entry further on (a backup made
        without natural keys): it is checked again once every file is loaded.
        """
        problemes, a_reverifier = [], set()
        contraintes = contraintes or a_la_fin
        try:
            objet.full_clean(
                exclude=exclus, validate_unique=contraintes, validate_constraints=False
            )
        except ValidationError as erreur:
            for nom, erreurs in erreur.error_dict.items():
                champ = None if nom == "__all__" else nom
                if not a_la_fin and champ and self.cle_etrangere_en_avance(objet, champ, erreurs):
                    a_reverifier.add(champ)
                    continue
                problemes += [(champ, texte_erreur(e)) for e in erreurs]
        fautifs = exclus | a_reverifier | {champ for champ, _ in problemes if champ}
        if contraintes:
            problemes += self.verifier_contraintes(objet, fautifs)
        problemes += [
            (champ.name, "ce champ est obligatoire")
            for champ in objet._meta.concrete_fields
            if champ.name not in fautifs
            and not (champ.null or champ.primary_key)
            and getattr(objet, champ.attname) is None
        ]
        return problemes, a_reverifier

    @staticmethod
    def cle_etrangere_en_avance(objet, nom, erreurs):
        champ = objet._meta.get_field(nom)
        return champ.many_to_one and all(e.code == "invalid" for e in erreurs)

    def verifier_contraintes(self, objet, exclus):
        # Rather than full_clean's own pass: it reports a constraint on several fields
        # without naming them, and the message must name the fields.
        problemes = []
        for modele, contraintes in objet.get_constraints():
            for contrainte in contraintes:
                champs = champs_de_contrainte(contrainte)
                try:
                    contrainte.validate(modele, objet, exclude=exclus, using=self.using)
                except ValidationError as erreur:
                    problemes.append((", ".join(sorted(champs)), texte_erreur(erreur)))
        return problemes

    def finir(self, objet):
        """Resolves the references to later entries, then checks the entry again."""
        problemes = []
        objet.m2m_data = {}
        for champ, valeur in objet.deferred_fields.items():
            if champ.many_to_many:
                problemes += self.resoudre_m2m(objet, champ, valeur)
            else:
                try:
                    cle = deserialize_fk_value(champ, valeur, self.using, False)
                except ObjectDoesNotExist:
                    problemes.append((champ.name, reference_introuvable(champ, valeur)))
                else:
                    setattr(objet.object, champ.attname, cle)
        if not problemes:
            problemes, _ = self.verifier(objet.object, set(), a_la_fin=True)
        if problemes:
            raise Probleme(objet.entree, problemes)
        if objet.deferred_fields:
            self.enregistrer(objet, set(), lambda: objet.save(using=self.using))

    def resoudre_m2m(self, objet, champ, valeurs):
        cles, problemes = [], []
        for valeur in valeurs:
            try:
                cles += deserialize_m2m_values(champ, [valeur], self.using, False)
            except M2MDeserializationError:
                problemes.append((champ.name, reference_introuvable(champ, valeur)))
        objet.m2m_data[champ.name] = cles
        return problemes
