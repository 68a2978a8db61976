"""Every string the site shows is translated into Dutch and English.

Three checks: each catalogue translates every message it holds, with the same placeholders;
it holds every message the templates and the code mark for translation (read from the
sources as `makemessages` reads them, with Django's own template reader, then Babel's Python
extractor); and no template writes text a person reads or hears outside a translation tag.
"""

import ast
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.checkers import python_format
from babel.messages.extract import extract_python
from babel.messages.pofile import read_po
from django.conf import settings
from django.template.base import Lexer, TokenType
from django.utils.translation.template import templatize

RACINE = Path(settings.BASE_DIR)
LANGUES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
GABARITS = sorted((RACINE / "templates").rglob("*.html"))
APPLICATIONS = ("acteurs", "accompagnement", "ecosysteme")
# Django's spellings of gettext, as `makemessages` looks for them.
ACCOLADES = re.compile(r"\{\w*\}")
MOTS_CLES = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


def catalogue(langue):
    chemin = RACINE / "locale" / langue / "LC_MESSAGES" / "django.po"
    with chemin.open("rb") as fichier:
        return read_po(fichier, locale=langue)


def sources_python():
    for application in APPLICATIONS:
        for chemin in sorted((RACINE / application).rglob("*.py")):
            if "migrations" not in chemin.parts:
                yield chemin


def marques():
    """{(context, msgid): where} of everything marked in the templates and the code."""
    trouves = {}
    for gabarit in GABARITS:
        code = templatize(gabarit.read_text(encoding="utf-8"), origin=str(gabarit))
        # The template's indentation is kept, which Python's tokenizer would refuse.
        code = "\n".join(ligne.lstrip() for ligne in code.splitlines())
        for message in extract_python(io.BytesIO(code.encode()), MOTS_CLES, [], {}):
            trouves.setdefault(identifiant(message), gabarit.relative_to(RACINE))
    for chemin in sources_python():
        code = chemin.read_bytes()
        for message in extract_python(io.BytesIO(code), MOTS_CLES, [], {"encoding": "utf-8"}):
            trouves.setdefault(identifiant(message), chemin.relative_to(RACINE))
    return trouves


def identifiant(message):
    """(context, msgid) of an extracted message, as the catalogue keys it."""
    _ligne, fonction, texte, _commentaires = message
    if isinstance(texte, str):
        return None, texte
    if fonction.startswith(("pgettext", "npgettext")):
        return texte[0], texte[1]
    return None, texte[0]


@pytest.mark.parametrize("langue", LANGUES)
def test_every_message_of_the_catalogue_is_translated(langue):
    manquants = []
    for message in catalogue(langue):
        if not message.id:
            continue
        traductions = message.string if message.pluralizable else [message.string]
        if message.fuzzy or not all(traductions):
            manquants.append(message.id)
    assert manquants == [], f"{len(manquants)} messages sans traduction en {langue}"


@pytest.mark.parametrize("langue", LANGUES)
def test_translations_keep_the_placeholders(langue):
    fautes = []
    cat = catalogue(langue)
    for message in cat:
        if not message.id:
            continue
        if "python-format" in message.flags:
            try:
                python_format(cat, message)
            except Exception as erreur:  # babel's TranslationError
                fautes.append((message.id, str(erreur)))
        # The placeholders that str.format() fills ({periode}) are kept too.
        sources = message.id if message.pluralizable else [message.id]
        traductions = message.string if message.pluralizable else [message.string]
        attendus = set(ACCOLADES.findall(" ".join(sources)))
        for traduction in traductions:
            if set(ACCOLADES.findall(traduction)) != attendus:
                fautes.append((message.id, traduction))
    assert fautes == []


@pytest.mark.parametrize("langue", LANGUES)
def test_the_catalogue_holds_every_message_marked_in_the_sources(langue):
    presents = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalogue(langue)}

    absents = {cle: ou for cle, ou in marques().items() if cle not in presents}

    assert absents == {}, "manage.py makemessages -l nl -l en, puis traduire"


def test_the_extraction_finds_the_marked_messages():
    # The check above is only as good as the extraction it compares with.
    trouves = marques()

    assert (None, "Aller au contenu") in trouves  # {% translate %} in templates/base.html
    assert (None, "Error:") in trouves  # {% translate %} in an admin template
    assert len(trouves) > 10


# --- Text left outside a translation tag ------------------------------------------------------

# Attributes whose value a person reads or hears.
ATTRIBUTS_LUS = {"alt", "title", "aria-label", "placeholder", "aria-description"}
# Names and acronyms that are the same in every language.
INVARIABLES = {"Écosystème", "API", "JSON", "CSV", "XLSX", "ODS", "GeoJSON", "Atom", "OpenAPI"}
MOT = re.compile(r"[^\W\d_]{2,}")


class TexteLu(HTMLParser):
    """The text of an HTML fragment a person reads or hears, but scripts and styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lus, self.ignore = [], 0

    def handle_starttag(self, balise, attributs):
        if balise in ("script", "style"):
            self.ignore += 1
        self.lus += [valeur or "" for nom, valeur in attributs if nom in ATTRIBUTS_LUS]

    def handle_endtag(self, balise):
        if balise in ("script", "style"):
            self.ignore = max(0, self.ignore - 1)

    def handle_data(self, texte):
        if not self.ignore:
            self.lus.append(texte)


def mots_non_traduits(source):
    """The words of this template a person sees that no translation tag holds."""
    textes, html, dans_un_bloc = [], [], None
    fins = {
        "blocktranslate": "endblocktranslate",
        "blocktrans": "endblocktrans",
        "comment": "endcomment",
    }
    for jeton in Lexer(source).tokenize():
        if jeton.token_type == TokenType.BLOCK:
            nom = jeton.contents.split()[0] if jeton.contents.split() else ""
            if dans_un_bloc is None and nom in fins:
                dans_un_bloc = fins[nom]
            elif nom == dans_un_bloc:
                dans_un_bloc = None
            # A literal passed to an included template is shown too.
            if dans_un_bloc is None and nom == "include":
                textes += re.findall(r"""=\s*"([^"]*)"|=\s*'([^']*)'""", jeton.contents)
        elif jeton.token_type == TokenType.VAR and dans_un_bloc is None:
            textes += re.findall(r"""\|default:"([^"]*)\"""", jeton.contents)
            html.append("0")  # a value: never a word
        elif jeton.token_type == TokenType.TEXT and dans_un_bloc is None:
            html.append(jeton.contents)
    # The page as HTML, its tags whole again once the template's own tags are taken out.
    lecteur = TexteLu()
    lecteur.feed("".join(html))
    lecteur.close()
    textes += lecteur.lus
    mots = []
    for texte in textes:
        texte = " ".join(t for t in texte if t) if isinstance(texte, tuple) else texte
        # A literal identifier (variante="entete") is not text: text has a space or a capital.
        if not re.search(r"\s|[A-ZÀ-Ý]|[à-ÿ]", texte.strip()):
            continue
        mots += [mot for mot in MOT.findall(texte) if mot not in INVARIABLES]
    return mots


def test_no_template_shows_text_outside_a_translation_tag():
    non_traduits = {}
    for gabarit in GABARITS:
        mots = mots_non_traduits(gabarit.read_text(encoding="utf-8"))
        if mots:
            non_traduits[str(gabarit.relative_to(RACINE))] = " ".join(mots)[:120]
    assert non_traduits == {}


def test_the_template_check_sees_text_attributes_and_literals():
    source = (
        '{% load i18n %}<p title="Une aide">{% translate "Traduit" %} Oublié</p>'
        '{% include "x.html" with libelle="Un libellé" variante="entete" %}'
        "{% blocktranslate %}Dans un bloc{% endblocktranslate %}<script>var x = 'code';</script>"
        '<a href="/"{% if a %} aria-label="{{ nom }} ici"{% endif %}>{{ n }} fiches</a>'
    )

    assert sorted(mots_non_traduits(source)) == [
        "Oublié", "Un", "Une", "aide", "fiches", "ici", "libellé"
    ]  # fmt: skip


# --- Text left unmarked in the code ---------------------------------------------------------

# Arguments that are always shown to people: labels, help texts, descriptions, titles.
ARGUMENTS_LUS = {
    "verbose_name", "verbose_name_plural", "help_text", "label", "empty_label", "description",
    "short_description", "title",
}  # fmt: skip
# Modules that speak to operators, not to the site's users: commands, benchmark, settings.
HORS_INTERFACE = {"migrations", "management", "outils", "settings"}


def est_du_texte(noeud):
    return (
        isinstance(noeud, ast.Constant)
        and isinstance(noeud.value, str)
        and MOT.search(noeud.value) is not None
    )


def textes_non_marques(code):
    """(line, text) of the strings this module shows without marking them for translation:
    labels and help texts, validation errors, the admin's messages, choices' labels."""
    trouves = []
    for noeud in ast.walk(ast.parse(code)):
        if isinstance(noeud, ast.Call):
            trouves += [
                (noeud.lineno, k.value.value)
                for k in noeud.keywords
                if k.arg in ARGUMENTS_LUS and est_du_texte(k.value)
            ]
            fonction = noeud.func
            nom = getattr(fonction, "attr", getattr(fonction, "id", ""))
            if nom == "ValidationError" and noeud.args and est_du_texte(noeud.args[0]):
                trouves.append((noeud.lineno, noeud.args[0].value))
            if getattr(getattr(fonction, "value", None), "id", "") == "messages":
                trouves += [(noeud.lineno, a.value) for a in noeud.args[1:] if est_du_texte(a)]
        elif isinstance(noeud, ast.ClassDef) and any(
            getattr(base, "attr", getattr(base, "id", "")) in ("TextChoices", "IntegerChoices")
            for base in noeud.bases
        ):
            for membre in noeud.body:
                valeur = getattr(membre, "value", None)
                if isinstance(valeur, ast.Tuple) and est_du_texte(valeur.elts[-1]):
                    trouves.append((membre.lineno, valeur.elts[-1].value))
        elif isinstance(noeud, ast.Assign) and est_du_texte(noeud.value):
            cibles = [getattr(c, "id", getattr(c, "attr", "")) for c in noeud.targets]
            if set(cibles) & {"verbose_name", "verbose_name_plural", "short_description"}:
                trouves.append((noeud.lineno, noeud.value.value))
    return trouves


def test_no_module_shows_a_label_or_a_message_it_has_not_marked():
    non_marques = {}
    for chemin in sources_python():
        if HORS_INTERFACE & set(chemin.parts):
            continue
        trouves = textes_non_marques(chemin.read_text(encoding="utf-8"))
        if trouves:
            non_marques[str(chemin.relative_to(RACINE))] = trouves
    assert non_marques == {}


def test_the_code_check_sees_labels_errors_messages_and_choices():
    code = """
class Forme(models.TextChoices):
    SCOP = "scop", "Société coopérative"
    SCIC = "scic", _("Société coopérative d'intérêt collectif")
nom = models.CharField(verbose_name="nom", help_text=_("Le nom"))
raise ValidationError("Trop long")
messages.success(request, "Enregistré")
messages.success(request, _("Enregistré"))
class Meta:
    verbose_name = "organisation"
"""
    assert [texte for _ligne, texte in textes_non_marques(code)] == [
        "Société coopérative", "nom", "Trop long", "Enregistré", "organisation"
    ]  # fmt: skip
