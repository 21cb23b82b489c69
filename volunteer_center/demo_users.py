"""The demo staff accounts: one per role, plus a second social worker so that
"own beneficiaries only" can be seen in the demo."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from volunteer_center.core.roles import ADMINISTRATOR, COORDINATOR, SOCIAL_WORKER
from volunteer_center.services import staff_user_create


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    first_name: str
    last_name: str

    @property
    def default_password(self) -> str:
        return f"demo-{self.username}"


DEMO_USERS = (
    DemoUser("koordynator", COORDINATOR, "Katarzyna", "Wójcik"),
    DemoUser("pracownik", SOCIAL_WORKER, "Magdalena", "Zielińska"),
    DemoUser("pracownik2", SOCIAL_WORKER, "Tomasz", "Kamiński"),
    DemoUser("admin", ADMINISTRATOR, "Piotr", "Lewandowski"),
)


def demo_users_ensure() -> dict[str, object]:
    """The demo accounts by username, created (without a usable password) when
    missing; ``demo_logins`` sets their passwords in development only."""
    users = {}
    existing = get_user_model().objects.in_bulk(
        [u.username for u in DEMO_USERS], field_name="username"
    )
    for demo in DEMO_USERS:
        users[demo.username] = existing.get(demo.username) or staff_user_create(
            username=demo.username,
            password=None,
            role=demo.role,
            email=f"{demo.username}@ops.czechowice-dziedzice.example.pl",
            first_name=demo.first_name,
            last_name=demo.last_name,
        )
    return users
