"""Hourly from cron (README): lapsed cover offers pass on, reminders go out
before visits, and the coordinators' digest on the first run of the day."""

from django.core.management.base import BaseCommand

from matching import services as matching_services
from volunteer_center.volunteer_area import reminders


class Command(BaseCommand):
    help = "Sends visit reminders and the coordinators' digest; advances cover chains."

    def handle(self, *args, **options):
        lapsed = matching_services.cover_expire_due()
        sent = reminders.send_reminders()
        digests = reminders.send_digest()
        self.stdout.write(
            f"cover offers lapsed: {lapsed}; reminders sent: {sent}; "
            f"digest recipients: {digests}"
        )
