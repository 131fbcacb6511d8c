"""The award date of a contract (SO-10: preparation before the period), the terms of a roster
entry that give access (SO-10, PI-2: a widening waits for the ward), and service and
notification kinds checked by the apps' declarations instead of core's choices."""

from datetime import date

from django.db import migrations, models

import itaku.core.registry


def fill(apps, schema_editor):
    Contract = apps.get_model("core", "Contract")
    RosterEntry = apps.get_model("core", "RosterEntry")
    for contract in Contract.objects.all():
        contract.awarded_on = contract.period_start
        contract.save(update_fields=["awarded_on"])
    # The terms in force: for an approved line, those of the version the ward approved, narrowed
    # by any change since (until now such a change gave access at once: the defect this fixes);
    # for a ward line or a line never approved, the line as it stands.
    for entry in RosterEntry.objects.select_related("approved_version"):
        valid_to, pledge, quals = entry.valid_to, entry.pledge_date, set(entry.qualifications)
        version = entry.approved_version
        line = None
        if version is not None:
            line = next((i for i in version.snapshot if i.get("entry_id") == entry.pk), None)
        if line is not None:
            approved_to = date.fromisoformat(line["valid_to"]) if line.get("valid_to") else None
            approved_pledge = (
                date.fromisoformat(line["pledge_date"]) if line.get("pledge_date") else None
            )
            if approved_to is not None and (valid_to is None or approved_to < valid_to):
                valid_to = approved_to
            pledge = None if approved_pledge is None or pledge is None else max(pledge, approved_pledge)
            quals &= set(line.get("qualifications", []))
        entry.granted_valid_to = valid_to
        entry.granted_pledge_date = pledge
        entry.granted_qualifications = sorted(quals)
        entry.save(
            update_fields=["granted_valid_to", "granted_pledge_date", "granted_qualifications"]
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0003_notification")]

    operations = [
        migrations.AddField(
            model_name="contract",
            name="awarded_on",
            field=models.DateField(
                "契約締結日",
                null=True,
                help_text="この日から受注者の責任者が名簿と最初の勤務予定表を準備できます。",
            ),
        ),
        migrations.AddField(
            model_name="rosterentry",
            name="granted_valid_to",
            field=models.DateField("従事終了日(承認済み)", null=True, blank=True),
        ),
        migrations.AddField(
            model_name="rosterentry",
            name="granted_pledge_date",
            field=models.DateField("誓約書の提出日(承認済み)", null=True, blank=True),
        ),
        migrations.AddField(
            model_name="rosterentry",
            name="granted_qualifications",
            field=models.JSONField("資格・経験(承認済み)", default=list, blank=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="contract",
            name="awarded_on",
            field=models.DateField(
                "契約締結日",
                help_text="この日から受注者の責任者が名簿と最初の勤務予定表を準備できます。",
            ),
        ),
        migrations.AddConstraint(
            model_name="contract",
            constraint=models.CheckConstraint(
                condition=models.Q(awarded_on__lte=models.F("period_start")),
                name="contract_awarded_not_after_start",
            ),
        ),
        migrations.AlterField(
            model_name="contract",
            name="service_kind",
            field=models.CharField(
                choices=itaku.core.registry.service_kind_choices,
                max_length=30,
                verbose_name="業務の種類",
            ),
        ),
        migrations.RemoveConstraint(model_name="notification", name="notification_kind_known"),
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField("種類", max_length=40),
        ),
    ]
