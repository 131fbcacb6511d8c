"""A notification names the contract it concerns (issue 8). The notices sent before name it in
their link (/contracts/<id>/…), so they are filled from it; any other notice stays without."""

import re

import django.db.models.deletion
from django.db import migrations, models

CONTRACT_LINK = re.compile(r"^/contracts/(\d+)/")


def fill(apps, schema_editor):
    notification_model = apps.get_model("core", "Notification")
    contract_ids = set(apps.get_model("core", "Contract").objects.values_list("pk", flat=True))
    for notice in notification_model.objects.filter(contract__isnull=True).only("link"):
        match = CONTRACT_LINK.match(notice.link)
        if match and int(match[1]) in contract_ids:
            notice.contract_id = int(match[1])
            notice.save(update_fields=["contract"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_contract_awarded_on_and_granted_terms"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="contract",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="notifications",
                to="core.contract",
                verbose_name="契約",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
