"""The driving licence said once: by the volunteer's "driving licence" field
and the request's "driving licence required" flag, which the matching rules
read, no longer also by a skill of the dictionary ("Prawo jazdy kat. B",
seeded by registry 0002 until then).

Forwards, for every skill whose name reads as that licence (``is_licence``:
the seeded name in any case, spacing or punctuation, "kategorii B", or plain
"Prawo jazdy"; "kat. C" and the like are other licences and stay): volunteers
holding it get ``has_driving_licence``, requests requiring it get
``driving_licence_required``, the skill leaves the volunteers' lists and the
requests' required and nice-to-have lists (a licence only nice to have has no
flag to become), and the skill is deleted. Every record changed gets a change
history row that says so in the words of ``core.history.list_change``
(docs/ARCHITECTURE.md, "Personal data"); it also moves the record's table on
for the kept figures ("Kept figures"). Where no such skill exists, nothing
happens.

Backwards does nothing, on purpose: the flags cannot tell which of them came
from the skill, and the skill is not seeded any more, so the data stay as
forwards left them (the schema is the same either way).
"""

import re

from django.db import migrations
from django.utils import timezone

# The words a licence of category B may be written with after "prawo jazdy".
LICENCE_TAILS = ([], ["b"], ["kat", "b"], ["kategorii", "b"], ["kategoria", "b"])
# The frozen Polish words of the change history (core.history.list_change).
LABELS = {
    "skills": "umiejętności",
    "required_skills": "wymagane umiejętności",
    "nice_skills": "mile widziane umiejętności",
}
NOTES = {
    "volunteer": "prawo jazdy zapisane w polu „prawo jazdy”, nie jako umiejętność",
    "helprequest": "prawo jazdy wymagane polem „wymagane prawo jazdy”, nie jako "
    "umiejętność",
}
BATCH = 2000


def is_licence(name: str) -> bool:
    words = re.findall(r"\w+", name.casefold())
    return words[:2] == ["prawo", "jazdy"] and words[2:] in LICENCE_TAILS


def _list_change(label: str, old: list[str], new: list[str]) -> str:
    text = f"{label}: {', '.join(old) or '—'} → {', '.join(new) or '—'}"
    removed = [name for name in old if name not in new]
    if new and removed:
        text += f" (usunięto: {', '.join(removed)})"
    return text


def _names(through, owner: str, owners, licences: set[int]):
    """Each owner's skill names in the dictionary's order (the Polish
    collation of the name column), before and after the licence leaves."""
    before: dict[int, list[str]] = {pk: [] for pk in owners}
    after: dict[int, list[str]] = {pk: [] for pk in owners}
    rows = (
        through.objects.filter(**{f"{owner}__in": owners})
        .order_by(owner, "skill__name")
        .values_list(owner, "skill_id", "skill__name")
    )
    for pk, skill_id, name in rows:
        before[pk].append(name)
        if skill_id not in licences:
            after[pk].append(name)
    return before, after


def _history_rows(historical, records, reasons, now):
    fields = [
        f.attname
        for f in historical._meta.concrete_fields
        if not f.name.startswith("history_")
    ]
    return [
        historical(
            **{name: getattr(record, name) for name in fields},
            history_date=now,
            history_type="~",
            history_change_reason=reasons[record.pk],
            history_user_id=None,
        )
        for record in records
    ]


def _move(apps, model, flag: str, lists: tuple[str, ...], licences, now) -> None:
    """Sets ``flag`` on the records whose first list holds a licence, takes the
    licence off every list, and writes each changed record's history row."""
    owner = f"{model._meta.model_name}_id"
    throughs = {name: getattr(model, name).through for name in lists}
    holding = {
        name: set(
            through.objects.filter(skill_id__in=licences).values_list(owner, flat=True)
        )
        for name, through in throughs.items()
    }
    flagged = holding[lists[0]]
    changed = sorted(set().union(*holding.values()))
    historical = apps.get_model(model._meta.app_label, f"Historical{model.__name__}")
    for start in range(0, len(changed), BATCH):
        part = changed[start : start + BATCH]
        notes: dict[int, list[str]] = {pk: [] for pk in part}
        for name, through in throughs.items():
            mine = [pk for pk in part if pk in holding[name]]
            before, after = _names(through, owner, mine, licences)
            for pk in mine:
                notes[pk].append(_list_change(LABELS[name], before[pk], after[pk]))
        for pk in part:
            if pk in flagged:
                notes[pk].append(NOTES[model._meta.model_name])
        model.objects.filter(pk__in=[pk for pk in part if pk in flagged]).update(
            **{flag: True}
        )
        model.objects.filter(pk__in=part).update(updated_at=now)
        reasons = {pk: "; ".join(parts) for pk, parts in notes.items()}
        historical.objects.bulk_create(
            _history_rows(historical, model.objects.filter(pk__in=part), reasons, now),
            batch_size=BATCH,
        )
    for through in throughs.values():
        through.objects.filter(skill_id__in=licences).delete()


def forwards(apps, schema_editor):
    Skill = apps.get_model("registry", "Skill")
    licences = {
        pk for pk, name in Skill.objects.values_list("pk", "name") if is_licence(name)
    }
    if not licences:
        return
    now = timezone.now()
    Volunteer = apps.get_model("registry", "Volunteer")
    HelpRequest = apps.get_model("matching", "HelpRequest")
    _move(apps, Volunteer, "has_driving_licence", ("skills",), licences, now)
    _move(
        apps,
        HelpRequest,
        "driving_licence_required",
        ("required_skills", "nice_skills"),
        licences,
        now,
    )
    Skill.objects.filter(pk__in=licences).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0017_history_says_what_changed_in_lists"),
        ("registry", "0026_history_says_what_changed_in_lists"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
