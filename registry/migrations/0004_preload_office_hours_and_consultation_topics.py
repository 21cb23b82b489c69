"""The centre's office hours (Tuesdays 10:00–11:00, Thursdays 15:00–17:00) and
starting consultation topics. Both stay editable; the reverse removes only the
rows loaded here that nothing refers to."""

import datetime as dt

from django.db import migrations

OFFICE_HOURS = [
    # weekday (Monday = 0), start, end
    (1, dt.time(10), dt.time(11)),
    (3, dt.time(15), dt.time(17)),
]

TOPICS = [
    "Jak zostać wolontariuszem",
    "Porozumienie i formalności wolontariatu",
    "Szukam pomocy wolontariusza",
    "Wsparcie osoby starszej lub z niepełnosprawnością",
    "Współpraca instytucji z centrum",
    "Świadczenia i pomoc społeczna",
    "Inne",
]


def load(apps, schema_editor):
    OfficeHours = apps.get_model("registry", "OfficeHours")
    ConsultationTopic = apps.get_model("registry", "ConsultationTopic")
    for weekday, start, end in OFFICE_HOURS:
        OfficeHours.objects.get_or_create(
            weekday=weekday, start=start, defaults={"end": end, "slot_minutes": 20}
        )
    for name in TOPICS:
        ConsultationTopic.objects.get_or_create(name=name)


def unload(apps, schema_editor):
    OfficeHours = apps.get_model("registry", "OfficeHours")
    ConsultationTopic = apps.get_model("registry", "ConsultationTopic")
    for weekday, start, end in OFFICE_HOURS:
        OfficeHours.objects.filter(weekday=weekday, start=start, end=end).delete()
    ConsultationTopic.objects.filter(
        name__in=TOPICS, consultations__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0003_consultations_and_office_hours"),
    ]

    operations = [migrations.RunPython(load, unload)]
