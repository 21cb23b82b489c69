"""Volunteers with a PESEL get the form of address it implies (its tenth digit
is even for women), so their documents agree in gender from the start."""

from django.db import migrations


def fill(apps, schema_editor):
    Volunteer = apps.get_model("registry", "Volunteer")
    for volunteer in Volunteer.objects.filter(gender="").exclude(pesel=""):
        if len(volunteer.pesel) == 11 and volunteer.pesel.isdigit():
            volunteer.gender = "female" if int(volunteer.pesel[9]) % 2 == 0 else "male"
            volunteer.save(update_fields=["gender"])


class Migration(migrations.Migration):
    dependencies = [("registry", "0016_form_of_address_in_documents")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
