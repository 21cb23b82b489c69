"""Matching's rules that other code and other apps read, each in one place
(docs/ARCHITECTURE.md, "Rules"): the written-agreement threshold and the
clash rule's SQL form. The clash rule itself is ``engine.schedules_clash``
(plain Python, for the batch); ``clash_q`` is its SQL form, and a test holds
the two to the same answers. The database refuses a clash too (PostgreSQL
triggers, migration 0009): ``clash_refused`` reads its refusal.
"""

import datetime as dt
from collections.abc import Sequence

from django.db import IntegrityError
from django.db.models import DateField, ExpressionWrapper, F, Q

from registry import rules as registry_rules

# Work longer than this many calendar days needs a written agreement
# (art. 44 ust. 4 of the act on public benefit activity and volunteering); up
# to it the centre insures the volunteer against accidents (art. 46 ust. 3).
WRITTEN_AGREEMENT_AFTER_DAYS = 30

# The name the clash triggers give their refusal (migration 0009).
CLASH_CONSTRAINT = "assignment_no_clash"


def needs_written_agreement(date_from: dt.date, date_to: dt.date) -> bool:
    return (date_to - date_from).days + 1 > WRITTEN_AGREEMENT_AFTER_DAYS


def service_chain(
    periods: Sequence[tuple[dt.date, dt.date]],
    around: tuple[dt.date, dt.date],
    *,
    max_gap_days: int,
) -> tuple[dt.date, dt.date]:
    """The first and last day of the volunteer's continuous service with one
    host that contains ``around``: periods that overlap or follow each other
    with at most ``max_gap_days`` free days between them count as one, so a
    chain of short assignments cannot avoid the written agreement of art. 44
    ust. 4 (30 days are counted in calendar days from the first day)."""
    start, end = around
    gap = dt.timedelta(days=max_gap_days + 1)
    changed = True
    while changed:
        changed = False
        for first, last in periods:
            if (
                first <= end + gap
                and last >= start - gap
                and (first < start or last > end)
            ):
                start, end = min(start, first), max(end, last)
                changed = True
    return start, end


# Institutions whose people are children: work for them involves minors.
CHILDREN_INSTITUTION_KINDS = frozenset({"school", "kindergarten"})


def involves_minors(request) -> bool:
    """Whether a request's work involves minors, from what is known of it: its
    category, a beneficiary under 18 on its first day, an institution of
    children; the coordinator's own tick adds to these, never removes them."""
    if request.involves_minors or request.category.involves_minors:
        return True
    beneficiary, institution = request.beneficiary, request.institution
    born = beneficiary.birth_date if beneficiary is not None else None
    if born is not None and registry_rules.is_minor_on(born, request.date_from):
        return True
    return institution is not None and institution.kind in CHILDREN_INSTITUTION_KINDS


def needs_written_agreement_q() -> Q:
    """The SQL form of ``needs_written_agreement`` for assignments."""
    long_from = ExpressionWrapper(
        F("date_from") + dt.timedelta(days=WRITTEN_AGREEMENT_AFTER_DAYS),
        output_field=DateField(),
    )
    return Q(date_to__gte=long_from)


def clash_q(
    *, date_from: dt.date, date_to: dt.date, slots: Sequence, prefix: str = ""
) -> Q:
    """Assignments whose dates and weekly slots overlap the given schedule
    (``slots`` have ``weekday``, ``start`` and ``end``): the SQL form of
    ``engine.schedules_clash``."""
    times = Q(pk__in=[])
    for slot in slots:
        times |= Q(
            **{
                f"{prefix}request__slots__weekday": slot.weekday,
                f"{prefix}request__slots__start__lt": slot.end,
                f"{prefix}request__slots__end__gt": slot.start,
            }
        )
    dates = Q(
        **{f"{prefix}date_from__lte": date_to, f"{prefix}date_to__gte": date_from}
    )
    return dates & times


def clash_refused(error: IntegrityError) -> int | None:
    """The id of the assignment the database found clashing, when ``error``
    is its refusal of a clash; otherwise None."""
    diag = getattr(error.__cause__, "diag", None)
    if diag is None or diag.constraint_name != CLASH_CONSTRAINT:
        return None
    return int(diag.message_detail)
