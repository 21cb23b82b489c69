"""Who acted, when it was not a staff account (docs/ARCHITECTURE.md, "Who
acted").

Staff act as Django users: the history's ``history_user`` and the access log's
``actor`` point at them. A volunteer in their self-service area has no user
account (the two are kept apart on purpose), so services receive a
``SelfServiceActor`` instead: ``save_validated`` leaves ``history_user`` empty
and writes the actor's reference at the head of the history's change reason,
and ``access_log`` stores it in ``AccessLog.actor_ref``. Rendering (the
history table, the log) reads it back with ``label_of``.
"""

from dataclasses import dataclass

from django.utils.translation import gettext

# "[volunteer:12] " at the head of a change reason; a reason can carry more
# text after it (the volunteer's list changes, old → new).
PREFIX = "["
SUFFIX = "] "


@dataclass(frozen=True)
class SelfServiceActor:
    """A person acting for themselves: ``kind`` names the kind of person
    ("volunteer"), ``pk`` their record, ``name`` their name for the screens."""

    kind: str
    pk: int
    name: str

    # Services ask ``actor.is_authenticated`` of staff users; a person in the
    # self-service area is no staff account, and FKs to users stay empty.
    is_authenticated = False

    @property
    def ref(self) -> str:
        return f"{self.kind}:{self.pk}"

    def change_reason(self, reason: str | None) -> str:
        return f"{PREFIX}{self.ref}{SUFFIX}{reason or ''}".strip()


def user_or_none(actor):
    """The staff user for a user foreign key (``status_changed_by``…)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def split_reason(reason: str | None) -> tuple[str, str]:
    """(actor reference, the rest) of a stored change reason."""
    reason = reason or ""
    if reason.startswith(PREFIX) and SUFFIX.strip() in reason:
        ref, _, rest = reason[len(PREFIX) :].partition(SUFFIX.strip())
        if ":" in ref:
            return ref, rest.strip()
    return "", reason


def label_of(ref: str) -> str:
    """How a self-service actor is named on the staff screens."""
    kind, _, pk = ref.partition(":")
    if kind == "volunteer":
        return gettext("the volunteer (self-service area, #%(pk)s)") % {"pk": pk}
    return ref
