"""Read-side queries of agreements used by other apps (matching reads these)."""

import datetime as dt


def volunteer_agreement_covering(*, volunteer_id: int, start: dt.date, end: dt.date):
    """The signed (or active) written volunteer agreement that covers the whole
    period ``start``–``end``, or None.

    Placeholder until the Agreement model lands (issue 4): no agreement is
    found, so work longer than 30 days cannot be activated.
    """
    return None
