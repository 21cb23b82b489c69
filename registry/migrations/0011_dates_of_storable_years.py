# The database keeps dates of years 1000-2999 only (core/dates.py).

import volunteer_center.core.dates
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0010_office_closure_days'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='beneficiary',
            constraint=volunteer_center.core.dates.StorableDates(condition=models.Q(('birth_date__year__gte', 1000), ('birth_date__year__lte', 2999), ('anonymised_at__year__gte', 1000), ('anonymised_at__year__lte', 2999)), name='beneficiary_dates_storable'),
        ),
        migrations.AddConstraint(
            model_name='closureday',
            constraint=volunteer_center.core.dates.StorableDates(condition=models.Q(('date__year__gte', 1000), ('date__year__lte', 2999)), name='closureday_dates_storable'),
        ),
        migrations.AddConstraint(
            model_name='consultation',
            constraint=volunteer_center.core.dates.StorableDates(condition=models.Q(('starts_at__year__gte', 1000), ('starts_at__year__lte', 2999), ('follow_up_due__year__gte', 1000), ('follow_up_due__year__lte', 2999), ('consent_given_at__year__gte', 1000), ('consent_given_at__year__lte', 2999)), name='consultation_dates_storable'),
        ),
        migrations.AddConstraint(
            model_name='volunteer',
            constraint=volunteer_center.core.dates.StorableDates(condition=models.Q(('birth_date__year__gte', 1000), ('birth_date__year__lte', 2999), ('guardian_consent_on__year__gte', 1000), ('guardian_consent_on__year__lte', 2999), ('criminal_record_checked_on__year__gte', 1000), ('criminal_record_checked_on__year__lte', 2999), ('sex_offender_register_checked_on__year__gte', 1000), ('sex_offender_register_checked_on__year__lte', 2999), ('consent_given_at__year__gte', 1000), ('consent_given_at__year__lte', 2999), ('sms_consent_at__year__gte', 1000), ('sms_consent_at__year__lte', 2999), ('anonymised_at__year__gte', 1000), ('anonymised_at__year__lte', 2999)), name='volunteer_dates_storable'),
        ),
    ]
