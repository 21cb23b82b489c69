"""An admin list's address edited by hand (a year past any calendar, an id
past bigint, an unknown filter on the
export page, a forged ticked row) brings the list back unfiltered, as
Django's admin does with an unknown filter, never a server error
(volunteer_center.core.admin.CheckedChangeList)."""

import pytest
from django.contrib.admin.views.main import ERROR_FLAG
from django.test import Client
from django.urls import reverse

from registry.models import District

pytestmark = pytest.mark.django_db

PAST_BIGINT = "9" * 30


@pytest.fixture
def superuser_client(django_user_model):
    client = Client(raise_request_exception=False)
    client.force_login(
        django_user_model.objects.create_superuser("nadzorca", "n@example.pl", "x")
    )
    return client


@pytest.mark.parametrize(
    "address",
    [
        f"/admin/core/accesslog/?at__year={PAST_BIGINT}",
        f"/admin/registry/closureday/?date__year={PAST_BIGINT}",
        f"/admin/agreements/agreement/?date_from__year={PAST_BIGINT}",
        f"/admin/registry/volunteer/?skills={PAST_BIGINT}",
        f"/admin/registry/institution/?district__exact={PAST_BIGINT}",
        f"/admin/auth/user/?groups={PAST_BIGINT}",
        f"/admin/axes/accessattempt/?pk__in={PAST_BIGINT}",
    ],
)
def test_a_list_address_no_query_can_answer_brings_the_list_back(
    superuser_client, address
):
    response = superuser_client.get(address)
    path = address.split("?")[0]
    assert response.status_code == 302, response.status_code
    assert response["Location"] == f"{path}?{ERROR_FLAG}=1"
    assert superuser_client.get(response["Location"]).status_code == 200


def test_a_list_address_the_query_can_answer_still_filters(superuser_client, districts):
    district = District.objects.first()
    response = superuser_client.get(
        f"/admin/registry/institution/?district__exact={district.pk}"
    )
    assert response.status_code == 200


@pytest.mark.parametrize("model", ["volunteer", "institution"])
def test_the_export_page_with_a_filter_the_list_refuses(superuser_client, model):
    for query in ("format=json", f"district__exact={PAST_BIGINT}"):
        response = superuser_client.get(f"/admin/registry/{model}/export/?{query}")
        assert response.status_code == 302, query
        assert response["Location"] == (
            reverse(f"admin:registry_{model}_changelist") + f"?{ERROR_FLAG}=1"
        )


def _actions(client, changelist) -> list[str]:
    choices = client.get(changelist).context["action_form"].fields["action"].choices
    return [name for name, _label in choices if name]


@pytest.mark.parametrize("forged", ["abc", "", PAST_BIGINT])
def test_an_action_on_a_forged_row_selects_nothing(superuser_client, forged):
    changelist = reverse("admin:registry_volunteer_changelist")
    response = superuser_client.post(
        changelist,
        {
            "action": _actions(superuser_client, changelist)[0],
            "_selected_action": [forged],
            "index": "0",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Żaden obiekt nie został zmieniony" in response.content.decode()


def test_an_action_on_a_ticked_row_and_a_forged_one_acts_on_the_real_one(
    superuser_client, active_volunteer
):
    volunteer = active_volunteer()
    changelist = reverse("admin:registry_volunteer_changelist")
    response = superuser_client.post(
        changelist,
        {
            "action": _actions(superuser_client, changelist)[0],
            "_selected_action": [volunteer.pk, "abc"],
            "index": "0",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Żaden obiekt nie został zmieniony" not in response.content.decode()
