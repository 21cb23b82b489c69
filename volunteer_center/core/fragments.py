"""Parts of a page drawn once and kept: the filter form above a staff list.

The filter form of the volunteer list (nine fields, three of them lists from
the dictionaries) cost a third of the page's time to draw at 100,000
volunteers (benchmarks/RESULTS.md, "Third round"). What it shows depends only
on the values asked for, the choices offered, the language and the day, so it
is kept under a key made of exactly those: a new district or a renamed skill
makes a new key, never a stale form, and nothing has to be told to forget.
The store is the process's own memory (``CACHES["fragments"]``).
"""

import hashlib
from functools import cache

from django.core.cache import caches
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

FILTER_FORM = "_filter_form.html"


@cache
def _template_digest(name: str) -> str:
    """The template's own text, so that a new release never shows a form
    drawn by the old one."""
    source = get_template(name).template.source
    return hashlib.sha256(source.encode()).hexdigest()


def filter_form(filterset) -> str:
    """``_filter_form.html`` for ``filterset``, drawn at most once per key.

    The choices are read once (the dictionaries' rows, in their order) and
    the form draws those same rows, so a kept form costs the queries a drawn
    one did and no more."""
    form = filterset.form
    parts = [
        _template_digest(FILTER_FORM),
        f"{type(filterset).__module__}.{type(filterset).__qualname__}",
        translation.get_language(),
        timezone.localdate().isoformat(),
    ]
    for name, field in form.fields.items():
        parts.append((name, repr(form[name].value())))
        widget = field.widget
        if hasattr(widget, "choices"):
            # iter(): list() alone would first ask a queryset for its count.
            widget.choices = list(iter(widget.choices))
            parts.append([(str(value), str(label)) for value, label in widget.choices])
    key = "filter-form:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    store = caches["fragments"]
    html = store.get(key)
    if html is None:
        html = get_template(FILTER_FORM).render({"filter": filterset})
        store.set(key, html)
    return mark_safe(html)
