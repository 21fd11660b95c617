# The pending twins read where a withdrawal took effect from the spans (withdrawal_took_effect),
# as the page does: the index for finding it among each pair's withdrawn spans has no reader left.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('treaties', '0019_took_effect_index_covers_horizon'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='standingspan',
            name='treaties_span_withdrawn',
        ),
    ]
