"""One access rule per model: every signed-in page with an object in its address
fetches it through ``ScopedObjectMixin`` from the model's one scope selector
(``<model>_scope(user)``), so a detail page, its edit form and its actions
can never disagree about who may reach the object."""

import inspect

import pytest
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import Permission
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from agreements import selectors as agreement_selectors
from matching import selectors as matching_selectors
from matching.models import Assignment, HelpRequest
from registry import selectors as registry_selectors
from registry.advice import selectors as advice_selectors
from registry.models import Beneficiary
from tests.matching.test_lists import directed
from volunteer_center.core.exports import jobs as export_jobs
from volunteer_center.core.mixins import ScopedObjectMixin
from volunteer_center.volunteer_area import selectors as area_selectors

SELECTOR_MODULES = (
    export_jobs,
    registry_selectors,
    advice_selectors,
    matching_selectors,
    agreement_selectors,
    area_selectors,
)
# Staff pages that fetch their object from a scope chosen at request time.
OWN_QUERYSET = {
    # The party of the kind in the address, from that kind's own scope.
    "agreements:agreement-create": "agreements.selectors.agreement_parties",
}


def _object_views(patterns=None, namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            prefix = f"{namespace}:{inner}".strip(":") if inner else namespace
            yield from _object_views(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and "<" in str(pattern.pattern):
            view = getattr(pattern.callback, "view_class", None)
            if view is not None and issubclass(view, LoginRequiredMixin):
                yield f"{namespace}:{pattern.name}".strip(":"), view


def scopes() -> dict:
    return {
        function: name
        for module in SELECTOR_MODULES
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if name.endswith("_scope") and function.__module__ == module.__name__
    }


def test_there_are_staff_pages_with_an_object_to_check():
    assert len(dict(_object_views())) > 30


@pytest.mark.parametrize("name,view", sorted(_object_views()))
def test_each_staff_page_with_an_object_fetches_it_from_its_scope(name, view):
    assert issubclass(view, ScopedObjectMixin), name
    if name in OWN_QUERYSET:
        assert "get_queryset" in vars(view), name
    else:
        assert view.scope in scopes(), f"{name}: {view.scope}"


@pytest.mark.django_db
def test_each_model_has_exactly_one_scope(coordinator):
    models = [function(coordinator).model for function in scopes()]
    assert len(models) == len(set(models))
    assert {Beneficiary, HelpRequest, Assignment} <= set(models)


# --- The scope holds on every page, not only on the detail ------------------


@pytest.fixture
def others_request(make_request, make_beneficiary, other_social_worker):
    """A request of another social worker's beneficiary."""
    return make_request(beneficiary=make_beneficiary(social_worker=other_social_worker))


@pytest.mark.django_db
def test_a_social_worker_given_more_rights_still_reaches_only_their_own(
    others_request, social_worker, social_worker_client, coordinator, active_volunteer
):
    """Even with the coordinators' permissions to act, the row-level scope
    keeps another social worker's request and its assignments out of reach."""
    assignment = directed(coordinator, others_request, active_volunteer())
    social_worker.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["add_assignment", "change_assignment", "add_hoursentry"]
        )
    )
    pages = [
        ("post", reverse("matching:request-status", args=[others_request.pk])),
        ("post", reverse("matching:assignment-propose", args=[others_request.pk])),
        ("post", reverse("matching:assignment-status", args=[assignment.pk])),
        ("get", reverse("matching:hours-log", args=[assignment.pk])),
    ]
    for method, url in pages:
        response = getattr(social_worker_client, method)(url, {"action": "cancel"})
        assert response.status_code == 404, url
    others_request.refresh_from_db()
    assignment.refresh_from_db()
    assert others_request.status != HelpRequest.Status.CANCELLED
    assert assignment.status != Assignment.Status.CANCELLED
