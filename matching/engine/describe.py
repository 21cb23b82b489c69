"""The engine's reasons in Polish words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from matching.engine.scoring import Reason

WEEKDAYS_PLURAL = (
    "w poniedziałki",
    "we wtorki",
    "w środy",
    "w czwartki",
    "w piątki",
    "w soboty",
    "w niedziele",
)


def plural_pl(n: int, one: str, few: str, many: str) -> str:
    """Pick the Polish plural form for ``n`` (1 / 2–4, 22–24… / the rest)."""
    n = abs(n)
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


def _names(ids: Iterable[int], names: Mapping[int, str]) -> str:
    return ", ".join(f"„{names.get(i, f'#{i}')}”" for i in ids)


def _number(x: float) -> str:
    text = f"{x:.1f}"
    return text.removesuffix(".0").replace(".", ",")


def _slots_text(slots: Iterable[Sequence]) -> str:
    by_day: dict[int, list[str]] = {}
    for weekday, start, end in slots:
        by_day.setdefault(int(weekday), []).append(f"{start}–{end}")
    return ", ".join(
        f"{WEEKDAYS_PLURAL[day]} {' i '.join(times)}"
        for day, times in sorted(by_day.items())
    )


def describe(
    reason: Reason,
    *,
    skill_names: Mapping[int, str],
    category_names: Mapping[int, str],
) -> str:
    """A short Polish sentence for a reason, e.g. 'mieszka w tej samej dzielnicy'."""
    p = reason.params
    code = reason.code
    if code in ("required_skill", "missing_required_skill", "nice_skill"):
        ids = p.get("skill_ids", [])
        many = len(ids) != 1
        text = {
            "required_skill": (
                "ma wymagane umiejętności" if many else "ma wymaganą umiejętność"
            ),
            "missing_required_skill": (
                "nie ma wymaganych umiejętności"
                if many
                else "nie ma wymaganej umiejętności"
            ),
            "nice_skill": (
                "ma przydatne umiejętności" if many else "ma przydatną umiejętność"
            ),
        }[code]
        return f"{text} {_names(ids, skill_names)}"
    if code == "availability":
        text = f"wolny(a) {_slots_text(p.get('slots', []))}"
        fraction = p.get("fraction", 1.0)
        if fraction < 1:
            text += f" ({round(fraction * 100)}% godzin zgłoszenia)"
        return text
    if code == "no_availability":
        return "nie jest wolny(a) w godzinach zgłoszenia"
    if code == "same_district":
        return "mieszka w tej samej dzielnicy"
    if code == "distance":
        return f"mieszka ok. {_number(p['km'])} km od miejsca pomocy"
    if code == "continuity":
        whom = "tej instytucji" if p.get("party") == "i" else "tej osobie"
        return f"już pomagał(a) {whom}"
    if code == "interest":
        name = category_names.get(p["category_id"], f"#{p['category_id']}")
        return f"interesuje się kategorią „{name}”"
    if code == "load":
        n = p["count"]
        rest = plural_pl(
            n,
            "inne aktywne skierowanie",
            "inne aktywne skierowania",
            "innych aktywnych skierowań",
        )
        return f"ma {n} {rest}"
    if code == "hours_cap":
        return (
            f"ma wolne tylko {_number(p['hours_left'])} h tygodniowo "
            f"(potrzeba {_number(p['weekly_hours'])} h)"
        )
    raise ValueError(f"Unknown reason code: {code}")
