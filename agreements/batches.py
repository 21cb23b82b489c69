"""Bulk certificates: one per volunteer with approved hours in a period, all
in one ZIP, rendered by a background task that reports its progress."""

import datetime as dt
import logging
import tempfile
import zipfile

from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils.translation import gettext_lazy as _

from agreements import selectors, services
from agreements.models import CertificateBatch
from agreements.services import AgreementError

logger = logging.getLogger(__name__)


@transaction.atomic
def certificate_batch_request(
    *, actor, date_from: dt.date, date_to: dt.date, programme=None
) -> CertificateBatch:
    if date_to < date_from:
        raise AgreementError(_("The period cannot end before it starts."))
    total = selectors.volunteers_with_approved_hours(
        date_from, date_to, programme=programme
    ).count()
    if total == 0:
        raise AgreementError(_("Nobody has approved hours in this period."))
    batch = CertificateBatch.objects.create(
        date_from=date_from,
        date_to=date_to,
        programme=programme,
        total=total,
        requested_by=actor,
    )
    # After commit, so that the worker finds the batch row.
    transaction.on_commit(lambda: render_certificate_batch.enqueue(batch.pk))
    return batch


def _zip_name(certificate) -> str:
    volunteer = certificate.volunteer
    number = certificate.number.replace("/", "-")
    return f"{number}-{volunteer.last_name}-{volunteer.first_name}.pdf"


@task
def render_certificate_batch(batch_id: int) -> int:
    batch = CertificateBatch.objects.select_related("requested_by").get(pk=batch_id)
    volunteers = list(
        selectors.volunteers_with_approved_hours(
            batch.date_from, batch.date_to, programme=batch.programme_id
        )
    )
    # Hours approved since the request count too.
    CertificateBatch.objects.filter(pk=batch_id).start(total=len(volunteers), done=0)
    try:
        with tempfile.TemporaryFile() as buffer:
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for volunteer in volunteers:
                    certificate = services.certificate_issue(
                        actor=batch.requested_by,
                        volunteer=volunteer,
                        date_from=batch.date_from,
                        date_to=batch.date_to,
                        # Issued by the centre for everybody, not asked for.
                        on_request=False,
                    )
                    with certificate.pdf.open("rb") as pdf:
                        archive.writestr(_zip_name(certificate), pdf.read())
                    # Progress is read by the page while the task runs.
                    CertificateBatch.objects.filter(pk=batch_id).beat(
                        done=F("done") + 1
                    )
            buffer.seek(0)
            batch.refresh_from_db()
            batch.zip_file.save(
                f"zaswiadczenia-{batch.pk}.zip", File(buffer), save=False
            )
        batch.status = CertificateBatch.Status.DONE
        batch.save(update_fields=["zip_file", "status", "updated_at"])
    except Exception as error:
        logger.exception("Certificate batch %s failed", batch_id)
        CertificateBatch.objects.filter(pk=batch_id).fail(error)
        raise
    return len(volunteers)
