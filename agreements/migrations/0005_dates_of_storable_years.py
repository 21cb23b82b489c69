# The database keeps dates of years 1000-2999 only (core/dates.py).

import volunteer_center.core.dates
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0004_one_agreement_text_in_use_per_kind'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='agreement',
            constraint=volunteer_center.core.dates.StorableDates(condition=models.Q(('date_from__year__gte', 1000), ('date_from__year__lte', 2999), ('date_to__year__gte', 1000), ('date_to__year__lte', 2999), ('signed_on__year__gte', 1000), ('signed_on__year__lte', 2999), ('terminated_on__year__gte', 1000), ('terminated_on__year__lte', 2999)), name='agreement_dates_storable'),
        ),
        migrations.AddConstraint(
            model_name='certificate',
            constraint=volunteer_center.core.dates.StorableDates(condition=models.Q(('date_from__year__gte', 1000), ('date_from__year__lte', 2999), ('date_to__year__gte', 1000), ('date_to__year__lte', 2999), ('issued_at__year__gte', 1000), ('issued_at__year__lte', 2999)), name='certificate_dates_storable'),
        ),
        migrations.AddConstraint(
            model_name='certificatebatch',
            constraint=volunteer_center.core.dates.StorableDates(condition=models.Q(('date_from__year__gte', 1000), ('date_from__year__lte', 2999), ('date_to__year__gte', 1000), ('date_to__year__lte', 2999)), name='certificatebatch_dates_storable'),
        ),
        migrations.AddConstraint(
            model_name='reference',
            constraint=volunteer_center.core.dates.StorableDates(condition=models.Q(('date_from__year__gte', 1000), ('date_from__year__lte', 2999), ('date_to__year__gte', 1000), ('date_to__year__lte', 2999), ('issued_at__year__gte', 1000), ('issued_at__year__lte', 2999)), name='reference_dates_storable'),
        ),
    ]
