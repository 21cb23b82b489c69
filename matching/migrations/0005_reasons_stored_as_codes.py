"""Reasons at proposal kept as codes with parameters, not Polish sentences, so
that each language shows its own words ("store codes, translate late",
docs/ARCHITECTURE.md; matching.reasons renders them).

Forwards reads every sentence the old describer wrote (assignments, their
history and the plans of batch proposals) back into ``{"code", "params"}``;
a sentence it cannot read is kept whole under the code "text". Backwards
writes the Polish sentences again, word for word. Both wordings are frozen
here, so that later changes of the live texts do not change this migration.
"""

import re

from django.db import migrations

WEEKDAYS = (
    "w poniedziałki",
    "we wtorki",
    "w środy",
    "w czwartki",
    "w piątki",
    "w soboty",
    "w niedziele",
)
SKILL_PHRASES = {
    # code: (one skill, several)
    "required_skill": ("ma wymaganą umiejętność", "ma wymagane umiejętności"),
    "missing_required_skill": (
        "nie ma wymaganej umiejętności",
        "nie ma wymaganych umiejętności",
    ),
    "nice_skill": ("ma przydatną umiejętność", "ma przydatne umiejętności"),
}
FIXED = {
    "nie jest wolny(a) w godzinach zgłoszenia": ("no_availability", {}),
    "mieszka w tej samej dzielnicy": ("same_district", {}),
    "już pomagał(a) tej osobie": ("continuity", {"party": "b"}),
    "już pomagał(a) tej instytucji": ("continuity", {"party": "i"}),
}
LOAD_WORDS = (
    "inne aktywne skierowanie",
    "inne aktywne skierowania",
    "innych aktywnych skierowań",
)
NUMBER = r"(\d+(?:,\d+)?)"
TIME = r"\d{2}:\d{2}"
DISTANCE = re.compile(rf"mieszka ok\. {NUMBER} km od miejsca pomocy")
HOURS_CAP = re.compile(rf"ma wolne tylko {NUMBER} h tygodniowo \(potrzeba {NUMBER} h\)")
LOAD = re.compile(rf"ma (\d+) ({'|'.join(LOAD_WORDS)})")
INTEREST = re.compile(r"interesuje się kategorią „(.*)”")
SKILLS = re.compile(
    "({}) („.*”)".format(
        "|".join(re.escape(p) for pair in SKILL_PHRASES.values() for p in pair)
    )
)
AVAILABILITY = re.compile(r"wolny\(a\) (.+?)(?: \((\d+)% godzin zgłoszenia\))?")
DAY = re.compile(rf"({'|'.join(WEEKDAYS)}) ({TIME}–{TIME}(?: i {TIME}–{TIME})*)")


# --- Forwards: sentence → code -----------------------------------------------------


def _number(text):
    return float(text.replace(",", "."))


def _slots(text):
    slots = []
    for group in text.split(", "):
        match = DAY.fullmatch(group)
        if match is None:
            return None
        weekday = WEEKDAYS.index(match[1])
        for times in match[2].split(" i "):
            start, end = times.split("–")
            slots.append([weekday, start, end])
    return slots


def _skill_code(phrase):
    return next(code for code, pair in SKILL_PHRASES.items() if phrase in pair)


def _parsed(sentence):
    """(code, params) of one old sentence, or None when it reads as none."""
    if sentence in FIXED:
        code, params = FIXED[sentence]
        return code, dict(params)
    if match := SKILLS.fullmatch(sentence):
        names = match[2].removeprefix("„").removesuffix("”").split("”, „")
        return _skill_code(match[1]), {"skills": names}
    if match := INTEREST.fullmatch(sentence):
        return "interest", {"category": match[1]}
    if match := DISTANCE.fullmatch(sentence):
        return "distance", {"km": _number(match[1])}
    if match := LOAD.fullmatch(sentence):
        return "load", {"count": int(match[1])}
    if match := HOURS_CAP.fullmatch(sentence):
        left, needed = _number(match[1]), _number(match[2])
        return "hours_cap", {"hours_left": left, "weekly_hours": needed}
    if (match := AVAILABILITY.fullmatch(sentence)) and (slots := _slots(match[1])):
        fraction = int(match[2]) / 100 if match[2] else 1.0
        return "availability", {"slots": slots, "fraction": fraction}
    return None


def to_code(sentence):
    parsed = _parsed(sentence)
    if parsed is None:
        return {"code": "text", "params": {"text": sentence}}
    code, params = parsed
    return {"code": code, "params": params}


# --- Backwards: code → sentence ----------------------------------------------------


def _plural(n, one, few, many):
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


def _decimal(x):
    return f"{x:.1f}".removesuffix(".0").replace(".", ",")


def _times(slots):
    by_day = {}
    for weekday, start, end in slots:
        by_day.setdefault(int(weekday), []).append(f"{start}–{end}")
    return ", ".join(
        f"{WEEKDAYS[day]} {' i '.join(times)}" for day, times in sorted(by_day.items())
    )


def _availability_sentence(p):
    text = f"wolny(a) {_times(p.get('slots', []))}"
    fraction = p.get("fraction", 1.0)
    if fraction < 1:
        text += f" ({round(fraction * 100)}% godzin zgłoszenia)"
    return text


def to_sentence(reason):
    code, p = reason["code"], reason.get("params") or {}
    if code in SKILL_PHRASES:
        names = p.get("skills", [])
        phrase = SKILL_PHRASES[code][len(names) != 1]
        return phrase + " " + ", ".join(f"„{name}”" for name in names)
    if code == "continuity":
        return f"już pomagał(a) {'tej instytucji' if p.get('party') == 'i' else 'tej osobie'}"
    if code in ("no_availability", "same_district"):
        return next(s for s, (c, _params) in FIXED.items() if c == code)
    if code == "availability":
        return _availability_sentence(p)
    if code == "distance":
        return f"mieszka ok. {_decimal(p['km'])} km od miejsca pomocy"
    if code == "interest":
        return f"interesuje się kategorią „{p['category']}”"
    if code == "load":
        return f"ma {p['count']} {_plural(p['count'], *LOAD_WORDS)}"
    if code == "hours_cap":
        left, needed = _decimal(p["hours_left"]), _decimal(p["weekly_hours"])
        return f"ma wolne tylko {left} h tygodniowo (potrzeba {needed} h)"
    return p.get("text", code)


# --- The rows ----------------------------------------------------------------------


def _convert_list(reasons, convert, kind):
    return [convert(r) if isinstance(r, kind) else r for r in reasons or []]


def _convert_plans(apps, convert, kind):
    BatchProposal = apps.get_model("matching", "BatchProposal")
    for proposal in BatchProposal.objects.exclude(result={}).iterator():
        for pair in proposal.result.get("pairs", []):
            pair["reasons"] = _convert_list(pair.get("reasons"), convert, kind)
        proposal.save(update_fields=["result"])


def _convert(apps, convert, kind):
    for name in ("Assignment", "HistoricalAssignment"):
        model = apps.get_model("matching", name)
        key = model._meta.pk.name
        changed = []
        for row in model.objects.exclude(reasons=[]).only(key, "reasons").iterator():
            row.reasons = _convert_list(row.reasons, convert, kind)
            changed.append(row)
        model.objects.bulk_update(changed, ["reasons"], batch_size=500)
    _convert_plans(apps, convert, kind)


def forwards(apps, schema_editor):
    _convert(apps, to_code, str)


def backwards(apps, schema_editor):
    _convert(apps, to_sentence, dict)


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0004_polish_programme_name_order"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
