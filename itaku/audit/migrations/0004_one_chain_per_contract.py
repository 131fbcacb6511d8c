"""One hash chain per contract, and one (``platform``) for events with no contract (PI-9).

The rows already written keep their global numbering and hashes as the ``legacy`` chain, and the
one existing head becomes that chain's head: on PostgreSQL the table refuses UPDATE, so they are
not rewritten. Adding the column with a default fills it without an UPDATE (PostgreSQL stores the
default in the catalogue; SQLite copies the table, which has no trigger there)."""

import django.db.models.deletion
from django.db import migrations, models

# The one head was written with an explicit id 1, so PostgreSQL's id sequence never moved: the
# next chain's head would take id 1 again.
RESET_HEAD_IDS = """
SELECT setval(pg_get_serial_sequence('audit_audithead', 'id'),
              COALESCE((SELECT MAX(id) FROM audit_audithead), 1),
              (SELECT MAX(id) FROM audit_audithead) IS NOT NULL)
"""


def reset_head_ids(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RESET_HEAD_IDS)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_acting_role"),
        ("core", "0002_user_session"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="chain",
            field=models.CharField(default="legacy", max_length=40, verbose_name="連鎖"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.BigIntegerField(verbose_name="連鎖内の連番"),
        ),
        migrations.AlterModelOptions(
            name="auditevent",
            options={
                "ordering": ["-occurred_at", "-id"],
                "verbose_name": "監査記録",
                "verbose_name_plural": "監査記録",
            },
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(
                fields=("chain", "seq"), name="audit_event_chain_seq_unique"
            ),
        ),
        migrations.AddField(
            model_name="audithead",
            name="chain",
            field=models.CharField(default="legacy", max_length=40, verbose_name="連鎖"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="audithead",
            name="contract",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.contract",
                verbose_name="契約",
            ),
        ),
        migrations.AddConstraint(
            model_name="audithead",
            constraint=models.UniqueConstraint(fields=("chain",), name="audit_head_chain_unique"),
        ),
        migrations.RunPython(reset_head_ids, migrations.RunPython.noop),
    ]
