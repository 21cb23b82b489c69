"""Why a volunteer is suggested: stored as codes with parameters, put into words
only when shown, in the language of the page ("store codes, translate late",
docs/ARCHITECTURE.md).

The engine (plain Python) gives ``Reason(code, points, params)`` with ids.
``record`` turns one into what a suggestion, an assignment and a batch plan
keep: ``{"code": ..., "params": {...}}``, with the names of skills and
categories as they were when the volunteer was proposed, so that renaming a
skill does not rewrite why someone was proposed and showing the reasons needs
no query. ``text`` puts a record into words through gettext.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy, pgettext

from matching.engine import Reason
from registry.models import Category, Skill

# A sentence kept as it was written: what the data migration could not read
# back into a code (docs/ARCHITECTURE.md, "Store codes, translate late").
TEXT = "text"

WEEKDAYS = (
    gettext_lazy("on Mondays"),
    gettext_lazy("on Tuesdays"),
    gettext_lazy("on Wednesdays"),
    gettext_lazy("on Thursdays"),
    gettext_lazy("on Fridays"),
    gettext_lazy("on Saturdays"),
    gettext_lazy("on Sundays"),
)


def record(
    reason: Reason,
    *,
    skill_names: Mapping[int, str],
    category_names: Mapping[int, str],
) -> dict:
    """The stored form of one engine reason (JSON: lists, names, numbers)."""
    params = dict(reason.params)
    if "skill_ids" in params:
        params["skills"] = [
            skill_names.get(i, f"#{i}") for i in params.pop("skill_ids")
        ]
    if "category_id" in params:
        category_id = params.pop("category_id")
        params["category"] = category_names.get(category_id, f"#{category_id}")
    if "slots" in params:
        params["slots"] = [list(slot) for slot in params["slots"]]
    return {"code": reason.code, "params": params}


def recorder() -> Callable[[Iterable[Reason]], tuple[dict, ...]]:
    """``record`` for any number of reasons, with the names of skills and
    categories read once (two queries)."""
    skill_names = dict(Skill.objects.values_list("pk", "name"))
    category_names = dict(Category.objects.values_list("pk", "name"))

    def to_records(reasons: Iterable[Reason]) -> tuple[dict, ...]:
        return tuple(
            record(r, skill_names=skill_names, category_names=category_names)
            for r in reasons
        )

    return to_records


def text(reason: Mapping) -> str:
    """One stored reason in words, in the active language."""
    code = reason.get("code")
    try:
        render = _TEXTS[code]
    except KeyError:
        raise ValueError(f"Unknown reason code: {code}") from None
    return render(reason.get("params") or {})


def texts(reasons: Iterable[Mapping]) -> list[str]:
    return [text(r) for r in reasons]


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(_("“%(name)s”") % {"name": name} for name in names)


def _number(x: float) -> str:
    """One decimal at most, none when it is zero: '3.2', '12' ('3,2' in Polish)."""
    digits = f"{x:.1f}".removesuffix(".0")
    return digits.replace(".", get_format("DECIMAL_SEPARATOR"))


def _times(slots: Iterable[Sequence]) -> str:
    by_day: dict[int, list[str]] = {}
    for weekday, start, end in slots:
        by_day.setdefault(int(weekday), []).append(f"{start}–{end}")
    joiner = " " + pgettext("between times of one day", "and") + " "
    return ", ".join(
        f"{WEEKDAYS[day]} {joiner.join(times)}" for day, times in sorted(by_day.items())
    )


def _skills(text) -> Callable[[Mapping], str]:
    """A reason that names skills: ``text`` (lazy) is singular or plural by
    their number, ``count``."""

    def render(p: Mapping) -> str:
        names = p.get("skills", [])
        return text % {"count": len(names), "skills": _quoted(names)}

    return render


_required_skill = _skills(
    ngettext_lazy(
        "has the required skill %(skills)s",
        "has the required skills %(skills)s",
        "count",
    )
)
_missing_required_skill = _skills(
    ngettext_lazy(
        "lacks the required skill %(skills)s",
        "lacks the required skills %(skills)s",
        "count",
    )
)
_nice_skill = _skills(
    ngettext_lazy(
        "has the useful skill %(skills)s",
        "has the useful skills %(skills)s",
        "count",
    )
)


def _availability(p: Mapping) -> str:
    times = _times(p.get("slots", []))
    fraction = p.get("fraction", 1.0)
    if fraction < 1:
        return _("free %(times)s (%(percent)s%% of the request's hours)") % {
            "times": times,
            "percent": round(fraction * 100),
        }
    return _("free %(times)s") % {"times": times}


def _continuity(p: Mapping) -> str:
    if p.get("party") == "i":
        return _("has helped this institution before")
    return _("has helped this person before")


def _load(p: Mapping) -> str:
    count = p["count"]
    return ngettext(
        "has %(count)s other active assignment",
        "has %(count)s other active assignments",
        count,
    ) % {"count": count}


def _hours_cap(p: Mapping) -> str:
    return _("has only %(left)s h a week free (needs %(needed)s h)") % {
        "left": _number(p["hours_left"]),
        "needed": _number(p["weekly_hours"]),
    }


_TEXTS: dict[str, Callable[[Mapping], str]] = {
    "required_skill": _required_skill,
    "missing_required_skill": _missing_required_skill,
    "nice_skill": _nice_skill,
    "availability": _availability,
    "no_availability": lambda p: _("is not free at the request's times"),
    "same_district": lambda p: _("lives in the same district"),
    "distance": lambda p: (
        _("lives about %(km)s km from the place of help") % {"km": _number(p["km"])}
    ),
    "continuity": _continuity,
    "interest": lambda p: (
        _("is interested in the category %(category)s")
        % {"category": _quoted([p["category"]])}
    ),
    "load": _load,
    "hours_cap": _hours_cap,
    TEXT: lambda p: p["text"],
}
