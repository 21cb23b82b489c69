"""Versions of the agreement texts."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from agreements import placeholders
from agreements.errors import AgreementError
from agreements.models import AgreementTemplate
from agreements.services.base import _save
from volunteer_center.core.services import next_version


def check_template_syntax(body: str) -> None:
    """A text the renderer can fill in: the placeholders and tags it knows,
    nothing half-typed (agreements.placeholders)."""
    errors = placeholders.text_errors(body)
    if errors:
        raise AgreementError(" ".join(errors))


def check_newest_version(template: AgreementTemplate) -> None:
    """Only the newest version of a kind is edited: a version made from an
    older one would drop the changes of those after it. The kind's versions
    stay locked to the end of the transaction, so of two people editing the
    newest only the first publishes; the other is told to start from it."""
    # The stored kind: an edit form may have changed the instance's own.
    stored = AgreementTemplate.objects.filter(pk=template.pk).values("kind")
    newest = (
        AgreementTemplate.objects.select_for_update()
        .filter(kind__in=stored)
        .order_by("-version")
        .first()
    )
    if newest is not None and newest.pk != template.pk:
        raise AgreementError(
            _(
                "This is version %(version)d, and version %(newest)d is newer. "
                "Open version %(newest)d and make the change there, so that "
                "its changes are kept."
            )
            % {"version": template.version, "newest": newest.version}
        )


@transaction.atomic
def agreement_template_publish(
    *, actor, kind: str, title: str, body: str, based_on=None
) -> AgreementTemplate:
    """A new version of a kind's text, which from now on is the one in use;
    made from the version ``based_on`` when one is edited, which must be the
    newest. Agreements keep the version they were made from (and their
    frozen text)."""
    check_template_syntax(body)
    if based_on is not None:
        check_newest_version(based_on)
    version = next_version(AgreementTemplate.objects.filter(kind=kind))
    AgreementTemplate.objects.filter(kind=kind, is_active=True).update(is_active=False)
    template = AgreementTemplate(
        kind=kind,
        version=version,
        title=title,
        body=body,
        is_active=True,
        created_by=actor,
    )
    _save(template, actor=actor)
    return template


@transaction.atomic
def agreement_template_set_in_use(
    *, actor, template: AgreementTemplate, in_use: bool
) -> AgreementTemplate:
    """Puts a version of a kind's text in use (the one in use until now steps
    back: one per kind) or out of use."""
    versions = {
        t.pk: t
        for t in AgreementTemplate.objects.select_for_update().filter(
            kind=template.kind
        )
    }
    template = versions[template.pk]
    if in_use:
        for other in versions.values():
            if other.is_active and other.pk != template.pk:
                other.is_active = False
                _save(other, actor=actor)
    template.is_active = in_use
    _save(template, actor=actor)
    return template
