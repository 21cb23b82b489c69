"""The districts of the municipality, and starting help categories and skills.

All stay editable by the administrator; the reverse removes only unused rows.
"""

from django.db import migrations

DISTRICTS = [
    # name, kind, latitude, longitude (a point inside the district)
    ("Czechowice-Dziedzice", "town", "49.91250", "19.00830"),
    ("Bronów", "village", "49.87850", "19.07200"),
    ("Ligota", "village", "49.86600", "18.96300"),
    ("Zabrzeg", "village", "49.91700", "18.93600"),
]

CATEGORIES = [
    "Zakupy i sprawunki",
    "Towarzyszenie osobom starszym",
    "Transport i dowóz",
    "Pomoc w nauce",
    "Pomoc w domu i ogrodzie",
    "Zbiórki i akcje charytatywne",
    "Wydarzenia i imprezy",
    "Pomoc administracyjna",
]

SKILLS = [
    "Język migowy",
    "Pierwsza pomoc",
    "Prawo jazdy kat. B",
    "Korepetycje z matematyki",
    "Korepetycje z języka angielskiego",
    "Obsługa komputera",
    "Opieka nad dziećmi",
    "Drobne naprawy",
    "Prace ogrodowe",
    "Animacja czasu wolnego",
]


def load(apps, schema_editor):
    District = apps.get_model("registry", "District")
    Category = apps.get_model("registry", "Category")
    Skill = apps.get_model("registry", "Skill")
    for name, kind, lat, lon in DISTRICTS:
        District.objects.get_or_create(
            name=name, defaults={"kind": kind, "latitude": lat, "longitude": lon}
        )
    for name in CATEGORIES:
        Category.objects.get_or_create(name=name)
    for name in SKILLS:
        Skill.objects.get_or_create(name=name)


def unload(apps, schema_editor):
    District = apps.get_model("registry", "District")
    Category = apps.get_model("registry", "Category")
    Skill = apps.get_model("registry", "Skill")
    District.objects.filter(
        name__in=[d[0] for d in DISTRICTS], reachable_by__isnull=True
    ).delete()
    Category.objects.filter(name__in=CATEGORIES, volunteers__isnull=True).delete()
    Skill.objects.filter(name__in=SKILLS, volunteers__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
