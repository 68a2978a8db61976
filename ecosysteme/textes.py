"""What a stored text may hold, and which stored addresses may become links.

Every text field of the directory refuses the invisible characters that have no place in a
name or a description: control characters (a TextField keeps tab and line breaks), the
characters that reverse or embed the direction of writing, lone surrogates and the two
non-characters. An XML feed cannot hold most of them, and the others make a text read
otherwise than it is written (U+202E shows « exe.txt » for « txt.exe »). The rule is added to
each text field once, at start-up (ecosysteme.apps), so that everything which goes through
full_clean applies it: the admin, the loader, imports and public forms. Every address field
accepts http(s) only, and the pages render an address as a link only if it is http(s),
whatever stored it.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext as _

# C0 and C1 controls, DEL, direction overrides, embeddings and isolates (U+202A–U+202E,
# U+2066–U+2069), surrogates, U+FFFE and U+FFFF. The direction *marks* (U+200E, U+200F) stay:
# they only place punctuation around a right-to-left name, and hide nothing.
INTERDITS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
INTERDIT_MULTILIGNE = re.compile(f"[{INTERDITS}]")
INTERDIT_LIGNE = re.compile(f"[\t\n\r{INTERDITS}]")
NUL = re.compile("\x00")
SENS_D_ECRITURE = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What XML 1.0 cannot hold at all (https://www.w3.org/TR/xml/#charsets).
HORS_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What a browser drops before reading an address's scheme (WHATWG URL standard): leading and
# trailing controls and spaces, and tabs and line breaks anywhere.
BORDS_IGNORES = "".join(chr(code) for code in range(0x21))
IGNORES_PARTOUT = re.compile("[\t\n\r]")
WEB = re.compile("https?:", re.IGNORECASE)


def refuser(texte, motif):
    trouve = motif.search(texte)
    if trouve is None:
        return
    caractere, position = trouve.group(), trouve.start() + 1
    valeurs = {"code": f"U+{ord(caractere):04X}", "position": position}
    if caractere in "\n\r":
        message = _(
            "Ce texte doit tenir sur une ligne : il contient un retour à la ligne "
            "(%(code)s, position %(position)s)."
        )
    elif SENS_D_ECRITURE.match(caractere):
        message = _(
            "Ce texte contient un caractère invisible interdit, qui change le sens d'écriture "
            "(%(code)s, position %(position)s)."
        )
    else:
        message = _(
            "Ce texte contient un caractère invisible interdit (%(code)s, position %(position)s)."
        )
    raise ValidationError(message % valeurs, code="caractere_interdit")


def valider_ligne(texte):
    """A one-line text (CharField): no control character at all."""
    if isinstance(texte, str):
        refuser(texte, INTERDIT_LIGNE)


def valider_texte_long(texte):
    """A text of several lines (TextField): tabs and line breaks are welcome."""
    if isinstance(texte, str):
        refuser(texte, INTERDIT_MULTILIGNE)


def valider_sans_nul(texte):
    """What no database column can hold, nor even be looked up by in PostgreSQL."""
    if isinstance(texte, str):
        refuser(texte, NUL)


def lien_sur(adresse):
    """The address as a browser would read it if it is http(s), else "": nothing else
    (javascript:, data:, a relative path…) is ever rendered as a link."""
    if not isinstance(adresse, str):
        return ""
    lue = IGNORES_PARTOUT.sub("", adresse.strip(BORDS_IGNORES))
    return lue if WEB.match(lue) else ""


def valider_adresse_web(adresse):
    try:
        URLValidator()(adresse)
    except ValidationError:
        return  # the field's own check says it is not an address: one message is enough
    if not lien_sur(adresse):
        raise ValidationError(
            _("Seules les adresses web en http:// ou https:// sont acceptées."),
            code="adresse_non_web",
        )


def pour_xml(texte):
    """The text without the characters that XML 1.0 cannot hold (a feed would not be valid)."""
    return HORS_XML.sub("", texte) if isinstance(texte, str) else texte


def regles_du_champ(champ):
    if isinstance(champ, models.URLField):
        return [valider_ligne, valider_adresse_web]
    if isinstance(champ, models.TextField):
        return [valider_texte_long]
    if isinstance(champ, models.CharField):
        return [valider_ligne]
    return []


def appliquer_aux_champs(modeles):
    """Adds the rules to each text field of these models.

    They join `validators` as Django's own max_length check does, not the field's arguments:
    they apply to every field without appearing in its migrations.
    """
    for modele in modeles:
        for champ in modele._meta.concrete_fields:
            for regle in regles_du_champ(champ):
                if regle not in champ.validators:
                    champ.validators.append(regle)
