from django.db import migrations

from ecosysteme.recherche.index_sql import operations

creer, supprimer = operations("acteurs_organisation", "acteurs_personne")


class Migration(migrations.Migration):
    dependencies = [("acteurs", "0004_is_synthetic")]

    operations = [migrations.RunPython(creer, supprimer, elidable=False)]
