"""Whatever comes in, no server error: the walk opens every page of the site
(staff pages as a coordinator, public ones as anybody), reads every form on it
as a browser would (tests/hostile.py) and sends each field, one at a time, the
hostile values that suit it, the rest of the form as the page filled it in.
Never a 5xx; a refused form comes back with the error in Polish and the other
input kept; a list filter the same. A new page or form is walked as it comes."""

import datetime as dt
import functools
import html
import urllib.parse

import pytest
from django import forms
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import trans_real

from agreements.models import CertificateBatch
from matching import ical, services
from matching.models import BatchProposal
from matching.services.mail import response_token
from matching.services.programmes import programme_save
from tests import hostile
from tests.agreements.test_access_log_walk import world  # noqa: F401
from tests.fixtures.matching import TUESDAY
from tests.matching.test_lists import logged_hours
from tests.volunteer_area.conftest import area_client_for
from tests.volunteer_center.test_security import (
    ANY_ACCOUNT,
    PUBLIC,
    public_names_of_apps,
    url_patterns,
)
from volunteer_center.core.models import ExportJob
from volunteer_center.volunteer_area.services import area_request_certificate

pytestmark = pytest.mark.django_db

NEXT_TUESDAY = TUESDAY + dt.timedelta(days=7)

# URL name → the object of the world its address names, where the name's own
# first word does not say it.
OBJECT_OF = {
    "matching:hours-log": "assignment",
    "matching:hours-change": "hours",
    "matching:assignment-propose": "request",
    "matching:batch-detail": "proposal",
    "agreements:batch-detail": "certificates",
    "agreements:batch-progress": "certificates",
    "agreements:batch-download": "certificates",
    "agreements:certificate-create": "volunteer",
    "volunteer_area:answer": "assignment",
    # The page of a proposal, with its answer form.
    "volunteer_area:assignment": "offered",
    "volunteer_area:call-off": "assignment",
    # PDFs and an action, no form: opened at an id of nothing.
    "agreements:certificate-pdf": None,
    "agreements:reference-pdf": None,
    "volunteer_area:certificate-pdf": None,
    "volunteer_area:reference-pdf": None,
    "matching:cover-stop": None,
    "agreements:reference-create": "volunteer",
    "volunteer-request-certificate": "certificate_request",
}


@pytest.fixture
def walked(world, coordinator, make_request, active_volunteer):  # noqa: F811
    """The access-log walk's world and what the other pages' addresses name."""
    programme = programme_save(
        actor=coordinator,
        fields={"name": "Zbiórka zimowa", "date_from": dt.date(2026, 12, 1)},
        partners=[(world["institution"], "partner")],
    )
    asked = services.assignment_propose(
        actor=coordinator,
        request=make_request(title="Drugie"),
        volunteer=active_volunteer(first_name="Ewa", email="ewa@example.pl"),
    )
    return {
        **world,
        "hours": logged_hours(coordinator, world["assignment"])[0],
        "programme": programme,
        "proposal": BatchProposal.objects.create(requested_by=coordinator),
        "certificates": CertificateBatch.objects.create(
            requested_by=coordinator,
            date_from=dt.date(2027, 1, 1),
            date_to=dt.date(2027, 3, 31),
        ),
        "export": ExportJob.objects.create(
            requested_by=coordinator,
            path="/wolontariusze/",
            language="pl",
            filename="wolontariusze.xlsx",
        ),
        "asked": asked,
        # A proposal the world's volunteer answers in their area.
        "offered": services.assignment_propose(
            actor=coordinator,
            request=make_request(
                title="Trzecie", date_from=NEXT_TUESDAY, date_to=NEXT_TUESDAY
            ),
            volunteer=world["volunteer"],
        ),
        "coordinator": coordinator,
        # What the world's volunteer asked for in their area.
        "certificate_request": area_request_certificate(
            volunteer=world["volunteer"],
            date_from=dt.date(2026, 1, 1),
            date_to=TUESDAY,
        ),
    }


def _kwargs(name, converters, objects) -> dict:
    if name == "matching:volunteer-ical":
        return {"token": ical.volunteer_token(objects["volunteer"])}
    if name == "matching:respond":
        return {"token": response_token(objects["asked"])}
    if name == "password_reset_confirm":
        user = objects["coordinator"]
        return {
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        }
    if set(converters) == {"token"}:
        return {"token": "nie-ma-takiego"}  # the page of a link no longer valid
    key = OBJECT_OF.get(name, name.split(":")[-1].split("-")[0])
    kwargs = {"pk": objects[key].pk if key else 0} if "pk" in converters else {}
    if "kind" in converters:
        kwargs["kind"] = "volunteer"
    if "day" in converters:
        kwargs["day"] = "2027-03-02"
    assert set(kwargs) == set(converters), f"{name}: give its address an object"
    return kwargs


def _pages():
    public = PUBLIC | public_names_of_apps()
    for name, route, converters in url_patterns():
        if not route.startswith(("admin/", "i18n/")):
            yield name, name in public and name not in ANY_ACCOUNT, converters


PAGES = {name: (public, converters) for name, public, converters in _pages()}


# The volunteer area's pages as the world's volunteer signed in to it, but
# for those a volunteer opens before signing in.
AREA_SIGNED_OUT = {
    "volunteer_area:sign-in",
    "volunteer_area:sign-in-link",
    "volunteer_area:call-off-link",
}


def _client(name: str, public: bool, objects) -> Client:
    if name.startswith("volunteer_area:") and name not in AREA_SIGNED_OUT:
        return area_client_for(objects["volunteer"])
    client = Client()
    if not public:
        client.force_login(objects["coordinator"])
    return client


# Forms of the base template, on every page: walked with the home page.
BASE_FORMS = ("set_language", "logout")


def _walked_here(name: str, form: hostile.Form) -> bool:
    from django.urls import resolve

    path = urllib.parse.urlsplit(form.action).path
    return name == "home" or resolve(path).url_name not in BASE_FORMS


def _submit(client, form: hostile.Form, values: dict):
    body = form.body(values)
    # Each submission on the same world: what one accepts is undone.
    with transaction.atomic():
        if form.method == "get":
            response = client.get(f"{form.action.split('?')[0]}?{body}")
        else:
            response = client.post(
                form.action, body, content_type="application/x-www-form-urlencoded"
            )
        transaction.set_rollback(True)
    return response


def _forms_in(value):
    if isinstance(value, forms.BaseFormSet):
        yield from value.forms
        return
    value = getattr(value, "form", value)  # a FilterSet's form
    if isinstance(value, forms.BaseForm) and value.is_bound:
        yield value
        # Rows edited with the form (core.forms.RowsFormMixin and the like).
        for inner in vars(value).values():
            if isinstance(inner, forms.BaseFormSet):
                yield from inner.forms


def _bound_forms(response):
    for context in response.context or ():
        for value in context.flatten().values():
            yield from _forms_in(value)


POLISH_LETTERS = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")


def _in_polish(error: ValidationError) -> bool:
    """Shown in Polish: the English interface words it otherwise, or it was
    put into words already (a service's sentence): in Polish letters, or a
    sentence of the Polish catalogue (Django's and the project's)."""
    with translation.override("en"):
        english = " ".join(error.messages)
    with translation.override("pl"):
        polish = " ".join(error.messages)
    return (
        english != polish
        or bool(POLISH_LETTERS & set(polish))
        or all(message in _polish_sentences() for message in error.messages)
    )


@functools.cache
def _polish_sentences() -> frozenset[str]:
    catalog = trans_real.translation("pl")._catalog
    return frozenset(value for _key, value in catalog.items() if isinstance(value, str))


def _refused(response, form: hostile.Form, sent: dict) -> set[str]:
    """The names the re-shown form refused, after checking that it says why
    in Polish and keeps the other input; nothing when it was not re-shown."""
    if response.status_code != 200 or "html" not in response["Content-Type"]:
        return set()
    markup, refused = response.content.decode(), set()
    for bound in _bound_forms(response):
        names = {bound.add_prefix(n) for n in bound.fields}
        if not set(sent) & names:
            continue
        errors = [e for errors in bound.errors.as_data().values() for e in errors]
        assert all(_in_polish(e) for e in errors), [e.messages for e in errors]
        refused |= {bound.add_prefix(n) for n in bound.errors}
        for other, values in form.data.items():
            if other in names and other not in sent and form.kinds[other] == "text":
                for value in values:
                    assert len(value) < 3 or html.escape(value) in markup, other
    return refused


def _send(client, form: hostile.Form, sent: dict, value, name: str) -> set[str]:
    response = _submit(client, form, sent)
    shown = (name, form.action, sorted(sent), str(value)[:20])
    assert response.status_code < 500, shown
    return _refused(response, form, sent)


def _walk_form(client, form: hostile.Form, name: str) -> None:
    nul = _submit(client, form, {form.fields()[0]: "a\x00b"})
    assert nul.status_code == 400, (name, form.action)
    taken: dict[str, set] = {}
    for sent, value in form.together():
        refused = _send(client, form, sent, value, name)
        for field in set(sent) - refused:
            taken.setdefault(field, set()).add(value)
    for field, values in taken.items():
        for value in set(form.alone(field)) & values:
            _send(client, form, {field: value}, value, name)


def _walk_page(name: str, objects) -> int:
    public, converters = PAGES[name]
    client = _client(name, public, objects)
    url = reverse(name, kwargs=_kwargs(name, converters, objects))
    return _walk_url(client, url, name)


def _walk_url(client, url: str, name: str, walked_here=_walked_here) -> int:
    """Walks every form of the page at ``url``; how many it found."""
    page = client.get(url)
    assert page.status_code < 500, name
    if "text/html" not in page.get("Content-Type", ""):
        return 0
    found = [
        form
        for form in hostile.page_forms(url, page.content.decode())
        if walked_here(name, form)
    ]
    for form in found:
        _walk_form(client, form, name)
    return len(found)


def _groups() -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for name in sorted(PAGES):
        groups.setdefault(name.split(":")[0] if ":" in name else "site", []).append(
            name
        )
    return groups


# One world per app: building it costs more than walking a page.
@pytest.mark.parametrize("group", sorted(_groups()))
def test_no_hostile_value_gives_a_server_error(group, walked):
    found = {name: _walk_page(name, walked) for name in _groups()[group]}
    if group == "volunteer_area":
        # Signed in as the volunteer, the walk reaches the area's own forms.
        area = ("assignment", "call-off", "profile", "hours", "documents", "my-data")
        assert all(found[f"volunteer_area:{name}"] for name in area), found


def test_the_walk_reads_a_form_as_a_browser_would_send_it():
    (form,) = hostile.page_forms(
        "/strona/",
        '<form method="post" action="zapisz/"><input name="csrfmiddlewaretoken">'
        '<input name="name" value="Ala"><input type="hidden" name="id" value="7">'
        '<select name="district"><option value="">—</option>'
        '<option value="3" selected>Zabłocie</option></select>'
        '<input type="checkbox" name="car"><textarea name="notes">\nUwagi</textarea>'
        '<input type="file" name="scan"><button name="action" value="save">Zapisz'
        '</button><button name="action" value="delete">Usuń</button></form>',
    )
    assert (form.method, form.action) == ("post", "/strona/zapisz/")
    assert form.fields() == ["name", "id", "district", "car", "notes", "action"]
    assert form.kinds == {
        "csrfmiddlewaretoken": "text",
        "name": "text",
        "id": "id",
        "district": "choice",
        "car": "choice",
        "notes": "text",
        "action": "choice",
    }
    body = urllib.parse.parse_qs(form.body({"id": hostile.PAST_BIGINT}))
    assert body["name"] == ["Ala"] and body["district"] == ["3"]
    assert body["notes"] == ["Uwagi"] and body["action"] == ["save"]
    assert body["id"] == [hostile.PAST_BIGINT] and "car" not in body
