"""Adds to the search documents of the organisations already there what their legal form and
kinds of activity mean in full words (« coopérative » for a SCOP), as the indexer now writes.

Only words are added, read from this migration's models: a document is a set of stems, and
the search looks for each one wherever it sits. The typo vocabulary learns these words at
the next indexing of each organisation (or `manage.py reindexer`).
"""

from django.db import migrations

from acteurs.recherche import sens_en_toutes_lettres
from ecosysteme.recherche.moteur import document

LOT = 2000


def ajouter_le_sens(apps, schema_editor):
    Organisation = apps.get_model("acteurs", "Organisation")
    publiees = (
        Organisation.objects.filter(is_published=True)
        .only("pk", "forme_juridique", "recherche_texte")
        .prefetch_related("types")
        .order_by("pk")
    )
    modifiees = []
    for organisation in publiees.iterator(chunk_size=LOT):
        slugs = [t.slug for t in organisation.types.all()]
        sens = document(*sens_en_toutes_lettres(organisation.forme_juridique, slugs)).split()
        presentes = set(organisation.recherche_texte.split())
        nouvelles = [racine for racine in sens if racine not in presentes]
        if nouvelles:
            debut = organisation.recherche_texte or " "
            organisation.recherche_texte = f"{debut}{' '.join(nouvelles)} "
            modifiees.append(organisation)
        if len(modifiees) >= LOT:
            Organisation.objects.bulk_update(modifiees, ["recherche_texte"])
            modifiees = []
    Organisation.objects.bulk_update(modifiees, ["recherche_texte"])


class Migration(migrations.Migration):

    dependencies = [
        ("acteurs", "0017_ordre_alphabetique"),
    ]

    operations = [
        migrations.RunPython(ajouter_le_sens, migrations.RunPython.noop, elidable=True),
    ]
