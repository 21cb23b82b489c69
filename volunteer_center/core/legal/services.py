from django.db import transaction

from volunteer_center.core.legal.models import ChildProtectionStandards
from volunteer_center.core.services import save_validated


@transaction.atomic
def standards_publish(
    *, actor, title: str, body: str, adopted_on=None
) -> ChildProtectionStandards:
    """A new version of the standards, which from now on is the one shown;
    earlier versions stay, because acknowledgements name them."""
    last = ChildProtectionStandards.objects.select_for_update().order_by("-version")
    newest = last.first()
    standards = ChildProtectionStandards(
        version=newest.version + 1 if newest else 1,
        title=title,
        body=body,
        adopted_on=adopted_on,
        published_by=actor,
    )
    save_validated(standards, actor=actor)
    return standards
