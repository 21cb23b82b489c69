"""Daily (cron): marks agreements past their end as expired, then e-mails the
coordinators the agreements ending within 30 days and the assignments over
30 days that no signed agreement covers. Nothing is sent when both are empty."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from agreements import selectors, services
from agreements.models import ENDING_SOON_DAYS


def digest_recipients() -> list[str]:
    """Active users holding agreements.view_agreement, through a group, directly
    or as superusers."""
    permission = Permission.objects.get(
        content_type__app_label="agreements", codename="view_agreement"
    )
    users = (
        get_user_model()
        .objects.filter(
            Q(groups__permissions=permission)
            | Q(user_permissions=permission)
            | Q(is_superuser=True),
            is_active=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("email")
    )
    return sorted({user.email for user in users})


class Command(BaseCommand):
    help = (
        "Marks expired agreements and e-mails coordinators the agreements ending "
        "within 30 days and the long assignments lacking an agreement."
    )

    def handle(self, *args, **options):
        expired = services.agreement_expire_due()
        ending = list(selectors.agreements_ending_soon(days=ENDING_SOON_DAYS))
        lacking = list(selectors.assignments_lacking_agreement())
        self.stdout.write(
            f"expired: {expired}, ending soon: {len(ending)}, "
            f"lacking an agreement: {len(lacking)}"
        )
        if not ending and not lacking:
            return
        recipients = digest_recipients()
        if not recipients:
            self.stdout.write("No coordinator with an e-mail address: nothing sent.")
            return
        with translation.override("pl"):
            context = {
                "ending": ending,
                "lacking": lacking,
                "total": len(ending) + len(lacking),
                "days": ENDING_SOON_DAYS,
                "CENTRE": settings.CENTRE,
            }
            subject = render_to_string(
                "agreements/email/digest_subject.txt", context
            ).strip()
            body = render_to_string("agreements/email/digest.txt", context)
        # One message per person: coordinators do not see each other's addresses.
        for address in recipients:
            send_mail(subject, body, None, [address])
        self.stdout.write(f"sent to {len(recipients)} coordinator(s)")
