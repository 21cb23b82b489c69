# The database keeps dates of years 1000-2999 only (core/dates.py).

import volunteer_center.core.dates
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0006_rate_limit_counter'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='ratelimitcounter',
            constraint=volunteer_center.core.dates.StorableDates(condition=models.Q(('window_ends__year__gte', 1000), ('window_ends__year__lte', 2999)), name='ratelimitcounter_dates_storable'),
        ),
    ]
