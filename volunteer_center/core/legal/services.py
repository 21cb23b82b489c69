from django.db import transaction

from volunteer_center.core.legal.models import (
    AccessibilityStatement,
    ChildProtectionStandards,
)
from volunteer_center.core.services import (
    assign_fields,
    next_version,
    save_validated,
)


@transaction.atomic
def standards_publish(
    *, actor, title: str, body: str, adopted_on=None
) -> ChildProtectionStandards:
    """A new version of the standards, which from now on is the one shown;
    earlier versions stay, because acknowledgements name them."""
    standards = ChildProtectionStandards(
        version=next_version(ChildProtectionStandards.objects.all()),
        title=title,
        body=body,
        adopted_on=adopted_on,
        published_by=actor,
    )
    save_validated(standards, actor=actor)
    return standards


@transaction.atomic
def accessibility_statement_update(
    *, actor, statement: AccessibilityStatement, fields
) -> AccessibilityStatement:
    """The administrator's edit of the statement: from now on it is the OPS's
    own text, no longer the model shipped with the application."""
    statement = AccessibilityStatement.objects.select_for_update().get(pk=statement.pk)
    assign_fields(statement, fields)
    statement.is_model_text = False
    save_validated(statement, actor=actor)
    return statement
