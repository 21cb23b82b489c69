"""Prints (and in development sets) the password of each demo account."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from volunteer_center.core.roles import ROLE_GROUPS
from volunteer_center.demo_users import DEMO_USERS, demo_users_ensure


class Command(BaseCommand):
    help = "Sets and prints the demo login of each role (development only)."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="One password for every demo account.")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo logins are for development only (DJANGO_DEBUG=1): they "
                "would set known passwords on staff accounts."
            )
        with transaction.atomic():
            users = demo_users_ensure()
            lines = []
            for demo in DEMO_USERS:
                password = options["password"] or demo.default_password
                user = users[demo.username]
                user.set_password(password)
                user.save(update_fields=["password"])
                lines.append(
                    f"  {ROLE_GROUPS[demo.role]:<20} {demo.username:<12} {password}"
                )
        self.stdout.write("Demo logins (role, username, password):")
        self.stdout.write("\n".join(lines))
