"""Parts of a page drawn once and kept: the filter form above a staff list
and its rows, the staff menus, the empty forms on a record's page, a
request's table of suggestions.

The filter form of the volunteer list (nine fields, three of them lists from
the dictionaries) cost a third of the page's time to draw at 100,000
volunteers (benchmarks/RESULTS.md, "Third round"). What it shows depends only
on the values asked for, the choices offered, the language and the day, so it
is kept under a key made of exactly those: a new district or a renamed skill
makes a new key, never a stale form, and nothing has to be told to forget.
The store is the process's own memory (``CACHES["fragments"]``).
"""

import copy
import hashlib
from functools import cache

from crispy_forms.utils import render_crispy_form
from django.conf import settings
from django.contrib.auth.context_processors import PermWrapper
from django.core.cache import caches
from django.db.models import Model, QuerySet
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from volunteer_center.core.figures import Tables, user_args

FILTER_FORM = "_filter_form.html"


@cache
def _template_digest(name: str) -> str:
    """The template's own text, so that a new release never shows a form
    drawn by the old one."""
    source = get_template(name).template.source
    return hashlib.sha256(source.encode()).hexdigest()


@cache
def _seen_by_state(model) -> bool:
    """Whether ``figures.state`` sees every change to a row's label: an
    audited model's history, or a dictionary's ``updated_at``."""
    fields = {field.name for field in model._meta.fields}
    return hasattr(model, "history") or "updated_at" in fields


def _from_tables(form) -> dict[str, QuerySet]:
    return {
        name: field.queryset
        for name, field in form.fields.items()
        if hasattr(field.widget, "choices")
        and isinstance(getattr(field, "queryset", None), QuerySet)
        and _seen_by_state(field.queryset.model)
    }


def choice_models(form) -> set:
    """The models whose rows the form offers as choices and keeps."""
    return {queryset.model for queryset in _from_tables(form).values()}


def _choices(form, tables: Tables | None) -> dict[str, list[tuple[str, str]]]:
    """The choices of the form's list fields, as (value, label) text. Those
    read from a table are kept while the tables stand as now (one ``state``
    query for all of them, shared through ``tables`` with the page's other
    kept parts, instead of one query and a row object per choice for each
    list); the rest are read."""
    listed = {
        name: field
        for name, field in form.fields.items()
        if hasattr(field.widget, "choices")
    }
    from_tables = _from_tables(form)
    models = sorted({qs.model for qs in from_tables.values()}, key=str)
    if models:
        tables = (tables or Tables(models)).state(models)
    store = caches["fragments"]
    choices = {}
    for name, field in listed.items():
        queryset = from_tables.get(name)
        key = None
        if queryset is not None:
            sql = queryset.query.sql_with_params()
            parts = (name, str(sql), translation.get_language(), tables)
            key = "choices:" + hashlib.sha256(repr(parts).encode()).hexdigest()
            choices[name] = store.get(key)
        if choices.get(name) is None:
            # iter(): list() alone would first ask a queryset for its count.
            read = list(iter(field.widget.choices))
            choices[name] = [(str(value), str(label)) for value, label in read]
            if key:
                store.set(key, choices[name], settings.FIGURES_KEEP_SECONDS)
    return choices


def filter_form(filterset) -> str:
    """``_filter_form.html`` for ``filterset``, drawn at most once per key.

    The choices (``_choices``) are part of the key and the form draws those
    same choices, so a kept form is never stale and costs one query, shared
    with the list's count where the view set ``filterset.tables``
    (``FilteredListMixin``)."""
    form = filterset.form
    parts = [
        _template_digest(FILTER_FORM),
        f"{type(filterset).__module__}.{type(filterset).__qualname__}",
        translation.get_language(),
        timezone.localdate().isoformat(),
    ]
    choices = _choices(form, getattr(filterset, "tables", None))
    for name, field in form.fields.items():
        parts.append((name, repr(form[name].value())))
        if name in choices:
            field.widget.choices = choices[name]
            parts.append(choices[name])
    key = "filter-form:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    store = caches["fragments"]
    html = store.get(key)
    if html is None:
        html = get_template(FILTER_FORM).render({"filter": filterset})
        store.set(key, html)
    return mark_safe(html)


def _kept_html(parts: list, draw) -> str:
    key = "part:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    store = caches["fragments"]
    html = store.get(key)
    if html is None:
        html = draw()
        store.set(key, html)
    return html


def crispy_form(form, request) -> str:
    """``{% crispy form %}`` of an unbound form, drawn once per key: the form's
    class, the language, where it posts and every value it shows. Forms that
    offer rows of a table as choices, and forms with errors, are drawn each
    time. The CSRF token, which changes with every page, is put in after.

    A record's page offers its forms folded away (the vetting form's eleven
    fields cost a sixth of the volunteer's page to draw)."""
    if form.is_bound or any(
        isinstance(getattr(field, "queryset", None), QuerySet)
        for field in form.fields.values()
    ):
        return render_crispy_form(form, context={"csrf_token": get_token(request)})
    helper = copy.copy(form.helper)
    helper.disable_csrf = True
    # Where the form posts is put in when shown, like the token: one drawing
    # serves every record whose form shows the same values.
    action = helper.form_action
    helper.form_action = _ACTION if action else ""
    parts = [
        f"{type(form).__module__}.{type(form).__qualname__}",
        translation.get_language(),
        bool(action),
        helper.form_id,
        [(name, repr(form[name].value())) for name in form.fields],
    ]
    html = _kept_html(parts, lambda: render_crispy_form(form, helper=helper))
    if action:
        html = html.replace(
            f'action="{_ACTION}"', format_html('action="{}"', action.strip()), 1
        )
    if helper.form_tag and helper.form_method.lower() == "post":
        token = format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">',
            get_token(request),
        )
        start = html.index(">", html.index("<form")) + 1
        html = html[:start] + token + html[start:]
    return mark_safe(html)


# Stands for where a kept form posts while it is drawn (``crispy_form``).
_ACTION = "/form-action-put-in-when-shown/"

# Stands for the CSRF token while a part is drawn, replaced by the page's own
# token each time the part is shown.
_TOKEN = "csrf-token-put-in-when-shown"


def drawn(template_name: str, context: dict, *, shows, request) -> str:
    """``template_name`` drawn with ``context`` once per key: the template's
    text, the language and ``shows``, which names everything the part shows
    (so a kept part is never stale). The template sees no request (no
    ``perms``, no user); the CSRF token of its forms is put in when shown."""
    parts = [_template_digest(template_name), translation.get_language(), shows]
    html = _kept_html(
        parts,
        lambda: get_template(template_name).render({**context, "csrf_token": _TOKEN}),
    )
    return mark_safe(html.replace(_TOKEN, get_token(request)))


def by_permissions(template_names: list[str], user) -> str:
    """The templates, which see ``perms`` and nothing else, drawn once per
    key: their texts, the language, the site's prefix and the permissions
    the user holds (a permission given or taken away makes a new key). The
    staff menus: five templates and fourteen permission checks on every
    page, a sixth of the page frame's CPU (benchmarks/RESULTS.md, "Tenth
    round")."""
    held = "superuser" if user.is_superuser else sorted(user.get_all_permissions())
    parts = [
        "by-permissions",
        [(name, _template_digest(name)) for name in template_names],
        translation.get_language(),
        get_script_prefix(),
        held,
    ]
    perms = {"perms": PermWrapper(user)}
    return mark_safe(
        _kept_html(
            parts,
            lambda: "".join(
                get_template(name).render(perms) for name in template_names
            ),
        )
    )


def _shown(value, depth: int = 0):
    """What a row can show of ``value``: a model instance's loaded fields and
    annotations, the related rows loaded with it (``select_related``,
    ``prefetch_related``) and what the view put on it, each the same way;
    other values as they are. A row of a staff list reads nothing else (the
    lists' query-count tests fail on a relation read row by row)."""
    if isinstance(value, Model):
        if depth > 3:
            return (type(value).__qualname__, value.pk)
        loaded = {
            name: _shown(item, depth + 1)
            for name, item in vars(value).items()
            if name not in ("_state", "_prefetched_objects_cache")
        }
        related = {
            name: _shown(item, depth + 1)
            for name, item in value._state.fields_cache.items()
        }
        prefetched = {
            name: [_shown(item, depth + 1) for item in rows]
            for name, rows in getattr(value, "_prefetched_objects_cache", {}).items()
        }
        return (type(value).__qualname__, loaded, related, prefetched)
    if isinstance(value, (list, tuple)):
        return [_shown(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {key: _shown(item, depth + 1) for key, item in value.items()}
    return value


def kept_rows(context, rows, draw, *, templates: list[str]) -> str:
    """The rows of a staff list (``{% kept_rows %}`` in ``_list.html``),
    drawn at most once per key: the list's ``templates``, the language, the day
    and time zone, the site's prefix, who looks and what they may do, and
    everything each row can show (``_shown``); so a kept table is never
    stale. ``draw(values)`` draws the rows seeing only ``values``: the rows,
    ``perms``, ``user`` and a CSRF token put in when shown. The 25 rows cost
    a third of a list page's CPU to draw (benchmarks/RESULTS.md, "Tenth
    round")."""
    rows = list(rows)
    user = context.get("user")
    request = context.get("request")
    names = sorted({context.template.origin.template_name, *templates} - {None})
    parts = [
        "rows",
        [(name, _template_digest(name)) for name in names],
        translation.get_language(),
        timezone.get_current_timezone_name(),
        timezone.localdate().isoformat(),
        get_script_prefix(),
        user_args(user) if user is not None and user.is_authenticated else None,
        _shown(rows),
    ]
    values = {
        "object_list": rows,
        "perms": context.get("perms"),
        "user": user,
        "csrf_token": _TOKEN,
    }
    html = _kept_html(parts, lambda: draw(values))
    if request is not None and _TOKEN in html:
        html = html.replace(_TOKEN, get_token(request))
    return mark_safe(html)
