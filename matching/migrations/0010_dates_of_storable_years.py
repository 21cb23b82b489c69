# The database keeps dates of years 1000-2999 only (core/dates.py).

import volunteer_center.core.dates
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0009_database_refuses_a_clash'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='assignment',
            constraint=volunteer_center.core.dates.StorableDates(condition=models.Q(('date_from__year__gte', 1000), ('date_from__year__lte', 2999), ('date_to__year__gte', 1000), ('date_to__year__lte', 2999), ('status_changed_at__year__gte', 1000), ('status_changed_at__year__lte', 2999)), name='assignment_dates_storable'),
        ),
        migrations.AddConstraint(
            model_name='helprequest',
            constraint=volunteer_center.core.dates.StorableDates(condition=models.Q(('date_from__year__gte', 1000), ('date_from__year__lte', 2999), ('date_to__year__gte', 1000), ('date_to__year__lte', 2999)), name='helprequest_dates_storable'),
        ),
        migrations.AddConstraint(
            model_name='hoursentry',
            constraint=volunteer_center.core.dates.StorableDates(condition=models.Q(('date__year__gte', 1000), ('date__year__lte', 2999), ('approved_at__year__gte', 1000), ('approved_at__year__lte', 2999)), name='hoursentry_dates_storable'),
        ),
        migrations.AddConstraint(
            model_name='programme',
            constraint=volunteer_center.core.dates.StorableDates(condition=models.Q(('date_from__year__gte', 1000), ('date_from__year__lte', 2999), ('date_to__year__gte', 1000), ('date_to__year__lte', 2999)), name='programme_dates_storable'),
        ),
    ]
