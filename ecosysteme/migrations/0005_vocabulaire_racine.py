from django.db import migrations, models
from django.db.models import Case, Value, When

from ecosysteme.recherche.moteur import racine

MOTS_PAR_REQUETE = 500


def remplir_racines(apps, schema_editor):
    """Gives the words already known their stem, a few hundred words per statement."""
    Vocabulaire = apps.get_model("ecosysteme", "Vocabulaire")
    mots = sorted(set(Vocabulaire.objects.values_list("mot", flat=True)))
    for debut in range(0, len(mots), MOTS_PAR_REQUETE):
        lot = mots[debut : debut + MOTS_PAR_REQUETE]
        Vocabulaire.objects.filter(mot__in=lot).update(
            racine=Case(*(When(mot=mot, then=Value(racine(mot))) for mot in lot))
        )


class Migration(migrations.Migration):
    dependencies = [
        ("ecosysteme", "0004_version_donnees"),
    ]

    operations = [
        migrations.AddField(
            model_name="vocabulaire",
            name="racine",
            field=models.CharField(db_index=True, default="", max_length=100, verbose_name="racine"),
            preserve_default=False,
        ),
        migrations.RunPython(remplir_racines, migrations.RunPython.noop),
    ]
