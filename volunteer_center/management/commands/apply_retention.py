"""Daily (cron): anonymises or deletes what has outlived its retention period
(volunteer_center.retention); ``--dry-run`` lists what would go."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from volunteer_center import retention


class Command(BaseCommand):
    help = (
        "Anonymises or deletes the records past their retention period "
        "(RETENTION_* settings); agreements, certificates and references stay."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="only list what would be anonymised or deleted",
        )

    def handle(self, *args, dry_run=False, **options):
        done = retention.apply(today=timezone.localdate(), dry_run=dry_run)
        heading = _("Would go:") if dry_run else _("Anonymised or deleted:")
        self.stdout.write(heading)
        for key, ids in done.items():
            listed = ", ".join(f"#{pk}" for pk in ids[:50])
            self.stdout.write(f"- {retention.label(key)}: {len(ids)} {listed}".rstrip())
