"""A volunteer acting in the self-service area: recorded in the history and
the access log without a user account."""

import pytest

from registry.models import Volunteer
from volunteer_center.core.actors import SelfServiceActor
from volunteer_center.core.audit import access_log
from volunteer_center.core.history import change_history
from volunteer_center.core.models import AccessLog
from volunteer_center.core.services import save_validated


@pytest.mark.django_db
def test_a_self_service_change_names_the_volunteer_in_the_history(make_volunteer):
    volunteer = make_volunteer()
    actor = SelfServiceActor(kind="volunteer", pk=volunteer.pk, name=str(volunteer))
    volunteer.languages = "niemiecki"
    save_validated(volunteer, actor=actor)

    record = volunteer.history.latest("history_id")
    assert record.history_user is None
    assert record.history_change_reason.startswith(f"[volunteer:{volunteer.pk}]")
    latest = change_history(Volunteer.objects.get(pk=volunteer.pk))[0]
    # In the site's language (the catalogue's "nr %(pk)s").
    assert f"nr {volunteer.pk}" in str(latest.who)
    assert latest.note == ""


@pytest.mark.django_db
def test_the_access_log_keeps_the_self_service_actor(make_volunteer):
    volunteer = make_volunteer()
    actor = SelfServiceActor(kind="volunteer", pk=volunteer.pk, name=str(volunteer))
    entry = access_log(actor=actor, action=AccessLog.Action.EXPORT, obj=volunteer)
    entry.refresh_from_db()
    assert (entry.actor, entry.actor_ref) == (None, f"volunteer:{volunteer.pk}")
