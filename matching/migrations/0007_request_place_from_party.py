"""Requests filed without a place take their beneficiary's or institution's
address and district, as new ones do (matching.services.requests)."""

from django.db import migrations


def _full_address(party) -> str:
    town = " ".join(part for part in (party.postal_code, party.city) if part)
    return ", ".join(part for part in (party.street, town) if part)[:200]


def take_place_from_party(apps, schema_editor):
    HelpRequest = apps.get_model("matching", "HelpRequest")
    unplaced = HelpRequest.objects.filter(address="", district__isnull=True)
    for request in unplaced.select_related("beneficiary", "institution").iterator():
        party = request.beneficiary or request.institution
        request.address = _full_address(party)
        request.district_id = party.district_id
        request.save(update_fields=["address", "district"])


class Migration(migrations.Migration):
    dependencies = [("matching", "0006_places_taken_stored_on_the_request")]

    operations = [
        migrations.RunPython(take_place_from_party, migrations.RunPython.noop),
    ]
