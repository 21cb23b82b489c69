"""``save_validated`` does not write again a record that would be saved as it
is stored, so no history entry says "modified" and names nothing; every real
change, a column the history leaves out too, is still saved with its entry."""

import pytest

from registry.models import Volunteer
from volunteer_center.core.actors import SelfServiceActor
from volunteer_center.core.history import list_change
from volunteer_center.core.services import save_validated

pytestmark = pytest.mark.django_db


def test_a_record_as_stored_is_not_saved_again(make_volunteer, coordinator):
    volunteer = Volunteer.objects.get(pk=make_volunteer(phone="600 100 200").pk)
    stamped = volunteer.updated_at
    entries = volunteer.history.count()
    volunteer.phone = "600 100 200"  # the same number, as typed

    assert save_validated(volunteer, actor=coordinator) is False
    actor = SelfServiceActor(kind="volunteer", pk=volunteer.pk, name=str(volunteer))
    assert save_validated(volunteer, actor=actor) is False
    assert volunteer.history.count() == entries
    assert Volunteer.objects.get(pk=volunteer.pk).updated_at == stamped


def test_a_change_reason_in_words_is_saved_with_its_entry(make_volunteer, coordinator):
    volunteer = make_volunteer()
    volunteer._change_reason = "umiejętności: — → Pierwsza pomoc"
    assert save_validated(volunteer, actor=coordinator) is True
    assert volunteer.history.latest().history_change_reason == (
        "umiejętności: — → Pierwsza pomoc"
    )


def test_a_column_the_history_leaves_out_is_still_saved(make_request, coordinator):
    # The places taken are not in the history, but the kept pages take the
    # newest history row as the table's state: the row must be written.
    request = make_request()
    entries = request.history.count()
    request.places_taken = 1
    assert save_validated(request, actor=coordinator) is True
    assert request.history.count() == entries + 1


def test_a_list_change_says_what_was_added_and_removed():
    assert list_change("umiejętności", ["A", "B"], ["A", "B"]) == ""
    assert list_change("umiejętności", ["A"], ["B"]) == "umiejętności: A → B"
    assert list_change("umiejętności", [], ["B"]) == "umiejętności: — → B"
    assert list_change("umiejętności", ["A", "B"], ["A", "C"]) == (
        "umiejętności: A, B → A, C (dodano: C; usunięto: B)"
    )
