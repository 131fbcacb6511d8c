import django.db.models.deletion
from django.db import migrations, models

import itaku.privacy.fields


class Migration(migrations.Migration):
    initial = True

    dependencies = [("core", "0004_contract_awarded_on_and_granted_terms")]

    operations = [
        migrations.CreateModel(
            name="Visit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("visited_on", models.DateField(verbose_name="訪問日")),
                ("note", itaku.privacy.fields.SealedTextField(verbose_name="記録")),
                (
                    "contract",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        to="core.contract",
                        verbose_name="契約",
                    ),
                ),
            ],
        ),
    ]
