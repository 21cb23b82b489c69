"""Uploaded and generated private files are readable by the service's own
user only (mode 0600, their folders 0700)."""

import os
import stat

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements.models import private_storage


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_an_uploaded_scan_is_private_to_the_service(coordinator_client, make_agreement):
    agreement = make_agreement(sign=True)
    url = reverse("agreements:agreement-scan-upload", args=[agreement.pk])
    scan = SimpleUploadedFile("skan.jpg", b"\xff\xd8\xff\xe0 jpeg data", "image/jpeg")
    assert coordinator_client.post(url, {"scan": scan}).status_code == 302
    agreement.refresh_from_db()
    assert mode(agreement.scan.path) == 0o600
    assert mode(os.path.dirname(agreement.scan.path)) == 0o700


def test_a_generated_document_is_private_to_the_service(db):
    name = private_storage.save("zaswiadczenia/2026/paczka.zip", ContentFile(b"PK"))
    assert mode(private_storage.path(name)) == 0o600
    assert mode(os.path.dirname(private_storage.path(name))) == 0o700
