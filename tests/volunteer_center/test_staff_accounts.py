"""Staff accounts in the admin: the administrator role cannot raise its own
or anyone's privileges (only a superuser can), and every change of roles is
in the account's history with the old and the new values."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from tests.conftest import PASSWORD
from volunteer_center.core.roles import ROLE_GROUPS

pytestmark = pytest.mark.django_db

COORDINATORS = ROLE_GROUPS["coordinator"]
ADMINISTRATORS = ROLE_GROUPS["administrator"]


def change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def account_data(user, **changes):
    """What the admin's change form of ``user`` posts, with ``changes``."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [g.pk for g in user.groups.all()],
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def superuser_client(client, django_user_model):
    boss = django_user_model.objects.create_superuser(
        "szef", "szef@ops.example.pl", PASSWORD
    )
    client.force_login(boss)
    return client


def test_the_administrator_cannot_make_itself_a_superuser(
    administrator, administrator_client
):
    response = administrator_client.post(
        change_url(administrator), account_data(administrator, is_superuser="on")
    )
    assert response.status_code == 302  # saved, the flag ignored
    administrator.refresh_from_db()
    assert not administrator.is_superuser


def test_the_administrator_cannot_give_itself_the_coordinator_role(
    administrator, administrator_client
):
    coordinators = Group.objects.get(name=COORDINATORS)
    response = administrator_client.post(
        change_url(administrator),
        account_data(administrator, groups=[coordinators.pk]),
    )
    assert response.status_code == 200
    assert "groups" in response.context["adminform"].form.errors
    assert not administrator.groups.filter(name=COORDINATORS).exists()
    # Nor is the choice offered.
    page = administrator_client.get(change_url(administrator)).text
    assert COORDINATORS not in page.split('name="groups"')[1].split("</select>")[0]


def test_the_administrator_cannot_grant_permissions_directly(
    administrator, administrator_client, outsider
):
    permission = Permission.objects.get(codename="view_volunteer")
    administrator_client.post(
        change_url(outsider), account_data(outsider, user_permissions=[permission.pk])
    )
    administrator_client.post(
        change_url(administrator),
        account_data(administrator, user_permissions=[permission.pk]),
    )
    assert not outsider.user_permissions.exists()
    assert not administrator.user_permissions.exists()


def test_the_administrator_may_give_a_role_within_its_own(
    administrator_client, outsider
):
    administrators = Group.objects.get(name=ADMINISTRATORS)
    response = administrator_client.post(
        change_url(outsider), account_data(outsider, groups=[administrators.pk])
    )
    assert response.status_code == 302
    assert list(outsider.groups.values_list("name", flat=True)) == [ADMINISTRATORS]


@pytest.mark.parametrize("target", ["coordinator", "social_worker"])
def test_an_account_holding_more_is_read_only_to_the_administrator(
    request, administrator_client, target
):
    user = request.getfixturevalue(target)
    user.is_active = False  # still holds its role once reactivated
    user.save()
    page = administrator_client.get(change_url(user))
    assert page.status_code == 200
    assert 'name="email"' not in page.text  # the view, not the form
    response = administrator_client.post(
        change_url(user), account_data(user, email="przejete@example.pl")
    )
    assert response.status_code == 403
    password_url = reverse("admin:auth_user_password_change", args=[user.pk])
    assert administrator_client.get(password_url).status_code == 403
    delete_url = reverse("admin:auth_user_delete", args=[user.pk])
    assert administrator_client.post(delete_url, {"post": "yes"}).status_code == 403
    user.refresh_from_db()
    assert user.email != "przejete@example.pl"


def test_a_superuser_account_is_read_only_to_the_administrator(
    administrator_client, django_user_model
):
    boss = django_user_model.objects.create_superuser("szef", "s@example.pl", "x")
    password_url = reverse("admin:auth_user_password_change", args=[boss.pk])
    response = administrator_client.post(
        password_url, {"password1": "nowe-haslo-123", "password2": "nowe-haslo-123"}
    )
    assert response.status_code == 403
    boss.refresh_from_db()
    assert boss.check_password("x")


def test_the_administrator_cannot_widen_a_role_group(administrator_client):
    administrators = Group.objects.get(name=ADMINISTRATORS)
    url = reverse("admin:auth_group_change", args=[administrators.pk])
    every = list(Permission.objects.values_list("pk", flat=True))
    response = administrator_client.post(
        url, {"name": ADMINISTRATORS, "permissions": every}
    )
    assert response.status_code == 403
    assert administrators.permissions.count() < len(every)
    add = reverse("admin:auth_group_add")
    assert administrator_client.post(add, {"name": "Wszystko"}).status_code == 403


def test_an_old_version_of_an_account_cannot_be_restored(
    superuser_client, administrator_client, outsider
):
    superuser_client.post(
        change_url(outsider), account_data(outsider, is_superuser="on")
    )
    superuser_client.post(change_url(outsider), account_data(outsider))
    outsider.refresh_from_db()
    assert not outsider.is_superuser
    version = outsider.history.filter(is_superuser=True).first()
    url = reverse("admin:auth_user_simple_history", args=[outsider.pk, version.pk])
    response = administrator_client.post(url, account_data(outsider))
    assert response.status_code == 403
    outsider.refresh_from_db()
    assert not outsider.is_superuser


def test_a_change_of_roles_is_in_the_history_with_old_and_new_values(
    superuser_client, social_worker
):
    coordinators = Group.objects.get(name=COORDINATORS)
    before = social_worker.history.latest()
    response = superuser_client.post(
        change_url(social_worker),
        account_data(social_worker, groups=[coordinators.pk], is_superuser="on"),
    )
    assert response.status_code == 302

    latest = social_worker.history.latest()
    delta = latest.diff_against(before)
    changes = {change.field: (change.old, change.new) for change in delta.changes}
    assert changes["is_superuser"] == (False, True)
    old_groups, new_groups = changes["groups"]
    assert [row["group"] for row in old_groups] == [
        Group.objects.get(name=ROLE_GROUPS["social_worker"]).pk
    ]
    assert [row["group"] for row in new_groups] == [coordinators.pk]
    assert latest.history_user.username == "szef"
    # The admin's history page shows it.
    history = superuser_client.get(
        reverse("admin:auth_user_history", args=[social_worker.pk])
    ).text
    assert COORDINATORS in history


def test_a_login_leaves_no_history_record(coordinator, client):
    before = coordinator.history.count()
    client.post(reverse("login"), {"username": "koordynator", "password": PASSWORD})
    coordinator.refresh_from_db()
    assert coordinator.last_login is not None
    assert coordinator.history.count() == before
