"""The admin's scripts speak Polish where Django's catalogue leaves them in
English: the note under a time field when the browser's clock is in another
time zone than the centre's (locale/pl/LC_MESSAGES/djangojs.po)."""

import json

import pytest

pytestmark = pytest.mark.django_db


def _as_in_the_catalogue(text: str) -> str:
    """The text as the script's JSON holds it, its Polish letters escaped."""
    return json.dumps(text)[1:-1]


def test_the_time_zone_note_of_a_time_field_is_in_polish(administrator_client):
    catalogue = administrator_client.get("/admin/jsi18n/").content.decode()
    for text in (
        "Uwaga: godziny wpisuj według strefy czasowej",
        "jest za nią o %(offset)s godzinę",
        "wyprzedza ją o %(offset)s godzin.",
    ):
        assert _as_in_the_catalogue(text) in catalogue, text
