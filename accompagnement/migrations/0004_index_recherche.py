from django.db import migrations

from ecosysteme.recherche.index_sql import operations

creer, supprimer = operations("accompagnement_dispositif")


class Migration(migrations.Migration):
    dependencies = [("accompagnement", "0003_is_synthetic")]

    operations = [migrations.RunPython(creer, supprimer, elidable=False)]
