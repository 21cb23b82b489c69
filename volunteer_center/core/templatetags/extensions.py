"""Template side of the extension registries (volunteer_center/core/registries.py):
a lower layer's page renders what higher apps registered, without naming them."""

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from volunteer_center.core import fragments, registries

register = template.Library()


def _render_all(context, template_names, **extra) -> str:
    """Each template with the page's own context: the context processors ran
    once for the page, not again for every menu and panel."""
    flat = context.flatten()
    flat.update(extra)
    rendered = (get_template(name).render(flat) for name in template_names)
    return mark_safe("".join(rendered))


@register.simple_tag(takes_context=True)
def nav_menus(context) -> str:
    """The staff navigation: every app's menu, in the registered order. A
    menu shows links by the user's permissions and nothing else, so the menus
    are drawn once per permission set and language (``fragments.by_permissions``)."""
    return fragments.by_permissions(list(registries.nav_menus), context["user"])


@register.simple_tag(takes_context=True)
def person_panels(context, person) -> str:
    """The panels other apps show on a volunteer's, beneficiary's or
    institution's page; each panel template sees the page's context."""
    return _render_all(context, registries.person_panels.for_model(person))
