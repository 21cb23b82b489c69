"""Matching in the Django admin: every model opens, actions go through the
services."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.contrib import admin
from django.urls import reverse

from matching import services
from matching.models import Assignment, HelpRequest, HoursEntry, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked(make_request, active_volunteer, coordinator):
    request = make_request()
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=active_volunteer()
    )
    services.assignment_accept(actor=coordinator, assignment=assignment)
    services.assignment_activate(actor=coordinator, assignment=assignment)
    with time_machine.travel(dt.datetime(2027, 3, 10, 12)):
        entry = services.hours_log(
            actor=coordinator,
            assignment=assignment,
            date=request.date_from,
            hours=Decimal(2),
        )
    Programme.objects.create(name="Zima", date_from=dt.date(2026, 12, 1))
    return {"request": request, "assignment": assignment, "entry": entry}


@pytest.mark.parametrize("model", [HelpRequest, Assignment, HoursEntry, Programme])
def test_every_matching_model_opens_in_the_admin(admin_client, worked, model):
    assert admin.site.is_registered(model)
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert admin_client.get(changelist).status_code == 200
    obj = model.objects.first()
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    assert admin_client.get(change).status_code == 200


def test_approving_hours_in_the_admin_goes_through_the_service(
    coordinator_client, coordinator, worked
):
    url = reverse("admin:matching_hoursentry_changelist")
    coordinator_client.post(
        url, {"action": "approve_hours", "_selected_action": [worked["entry"].pk]}
    )
    worked["entry"].refresh_from_db()
    assert worked["entry"].status == HoursEntry.Status.APPROVED
    assert worked["entry"].approved_by == coordinator


def test_a_refused_admin_action_is_reported(coordinator_client, worked):
    url = reverse("admin:matching_helprequest_changelist")
    response = coordinator_client.post(
        url,
        {"action": "open_requests", "_selected_action": [worked["request"].pk]},
        follow=True,
    )
    assert worked["request"].title in response.content.decode()
    worked["request"].refresh_from_db()
    assert worked["request"].status == HelpRequest.Status.IN_PROGRESS
