"""Who publishes and hosts the site: facts of each deployment, read from its environment.

Read here rather than in the settings: they concern two pages only, and change nothing else.
Until a deployment sets them, the pages say plainly what is missing.
"""

import os

# (variable, what the legal notice says when it is not set)
INFORMATIONS = {
    "editeur": ("EDITEUR_NOM", "[nom de l'éditeur à compléter]"),
    "editeur_adresse": ("EDITEUR_ADRESSE", "[adresse de l'éditeur à compléter]"),
    "directeur_publication": (
        "DIRECTEUR_PUBLICATION",
        "[directeur ou directrice de la publication à compléter]",
    ),
    "contact": ("CONTACT_COURRIEL", ""),
    "hebergeur": ("HEBERGEUR_NOM", "[nom de l'hébergeur à compléter]"),
    "hebergeur_adresse": ("HEBERGEUR_ADRESSE", "[adresse de l'hébergeur à compléter]"),
    "licence_donnees": ("LICENCE_DONNEES", "[licence des données à préciser par l'éditeur]"),
}


def informations_legales():
    return {
        cle: os.environ.get(variable, "").strip() or defaut
        for cle, (variable, defaut) in INFORMATIONS.items()
    }
