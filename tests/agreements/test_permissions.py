"""Each role gets exactly the access of tests/agreements/access.py."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from agreements import batches, services
from tests.access_helpers import assert_access
from tests.agreements.access import ACCESS, POST_ONLY


@pytest.fixture
def clients(coordinator_client, social_worker_client, administrator_client):
    return {
        "anonymous": Client(),
        "coordinator": coordinator_client,
        "social_worker": social_worker_client,
        "administrator": administrator_client,
    }


@pytest.fixture
def objects(
    make_agreement,
    make_volunteer,
    make_assignment,
    log_hours,
    coordinator,
    django_capture_on_commit_callbacks,
):
    volunteer = make_volunteer()
    work = make_assignment(
        volunteer, date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 6, 30)
    )
    log_hours(work, dt.date(2026, 1, 10), "2")
    period = {"date_from": dt.date(2026, 1, 1), "date_to": dt.date(2026, 1, 31)}
    signed = make_agreement(party=volunteer, sign=True)
    signed = services.agreement_attach_scan(
        actor=coordinator,
        agreement=signed,
        upload=SimpleUploadedFile("s.pdf", b"%PDF-1.4 skan"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        batch = batches.certificate_batch_request(actor=coordinator, **period)
    return {
        "volunteer": volunteer,
        "draft": make_agreement(),
        "signed": signed,
        "certificate": services.certificate_issue(
            actor=coordinator, volunteer=volunteer, **period
        ),
        "reference": services.reference_issue(
            actor=coordinator, volunteer=volunteer, assessment="Dobra.", **period
        ),
        "batch": batch,
    }


def kwargs_for(url_name, objects) -> dict:
    name = url_name.split(":")[1]
    if name in {"agreement-list", "agreement-choose-party", "batch-create"}:
        return {}
    if name == "agreement-create":
        return {"kind": "volunteer", "pk": objects["volunteer"].pk}
    if name in {"certificate-create", "reference-create"}:
        return {"pk": objects["volunteer"].pk}
    if name == "agreement-update":
        return {"pk": objects["draft"].pk}
    if name.startswith("agreement-"):
        return {"pk": objects["signed"].pk}
    return {"pk": objects[name.split("-")[0]].pk}


@pytest.mark.parametrize("url_name", sorted(ACCESS))
def test_each_role_gets_exactly_its_access(url_name, clients, objects):
    method = "post" if url_name in POST_ONLY else "get"
    assert_access(
        url_name, ACCESS[url_name], clients, kwargs_for(url_name, objects), method
    )


def test_the_access_table_lists_every_url_of_the_app():
    from agreements.urls import urlpatterns

    assert {f"agreements:{p.name}" for p in urlpatterns} == set(ACCESS)


def test_files_have_no_public_url(objects, settings):
    """Scans and PDFs are reachable only through the views above."""
    assert objects["signed"].scan.storage.base_url is None
    # Nothing under the media root is served either.
    assert settings.MEDIA_URL is None
    with pytest.raises(ValueError):
        objects["certificate"].pdf.url  # noqa: B018


def test_the_scan_is_served_to_the_coordinator(coordinator_client, objects):
    response = coordinator_client.get(
        reverse("agreements:agreement-scan", args=[objects["signed"].pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 skan"
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("url_name", "kind"),
    [
        ("agreements:agreement-pdf", "signed"),
        ("agreements:agreement-scan", "signed"),
        ("agreements:certificate-pdf", "certificate"),
        ("agreements:reference-pdf", "reference"),
        ("agreements:batch-download", "batch"),
    ],
)
def test_every_download_is_written_to_the_access_log(
    url_name, kind, objects, coordinator_client
):
    from django.urls import reverse

    from volunteer_center.core.models import AccessLog

    before = AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count()
    response = coordinator_client.get(reverse(url_name, args=[objects[kind].pk]))
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert body
    exports = AccessLog.objects.filter(action=AccessLog.Action.EXPORT)
    assert exports.count() == before + 1
    assert exports.order_by("-pk").first().actor.username == "koordynator"
