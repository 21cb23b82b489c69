"""Versions of the agreement texts."""

from django.db import transaction
from django.template import Template, TemplateSyntaxError
from django.utils.translation import gettext_lazy as _

from agreements.errors import AgreementError
from agreements.models import AgreementTemplate
from agreements.services.base import _save


def check_template_syntax(body: str) -> None:
    try:
        Template(body)
    except TemplateSyntaxError as error:
        raise AgreementError(
            _("The text has a placeholder error: %(error)s") % {"error": error}
        ) from error


@transaction.atomic
def agreement_template_publish(
    *, actor, kind: str, title: str, body: str
) -> AgreementTemplate:
    """A new version of a kind's text, which from now on is the one in use.
    Agreements keep the version they were made from (and their frozen text)."""
    check_template_syntax(body)
    versions = list(
        AgreementTemplate.objects.select_for_update()
        .filter(kind=kind)
        .order_by("-version")
    )
    AgreementTemplate.objects.filter(kind=kind, is_active=True).update(is_active=False)
    template = AgreementTemplate(
        kind=kind,
        version=versions[0].version + 1 if versions else 1,
        title=title,
        body=body,
        is_active=True,
        created_by=actor,
    )
    _save(template, actor=actor)
    return template
