"""Extension points: how a higher layer takes part in a lower one's work
without the lower one naming it (docs/ARCHITECTURE.md, "Seams").

A lower layer calls a registry here; a higher app fills it in its
``AppConfig.ready``. Every registry keeps its entries in the order given
(``order``, then registration), so pages and exports are stable.

- ``nav_menus``: a template per app, rendered in the staff navigation; it
  sees ``perms`` only, and is kept per permission set and language
  (``core.fragments.by_permissions``).
- ``person_panels``: templates shown on a person's page (volunteer,
  beneficiary, institution), per model.
- ``person_panel_reads``: the models a kept panel on a person's page reads
  (``core.figures``), per model: the page reads where all of them stand in
  one query and gives the panels that reading as ``kept_tables``.
- ``person_data``: functions returning an app's part of one person's data
  (RODO art. 15 and 20): ``fn(person) -> DataSection | None``.
- ``person_erasure``: functions run inside the anonymisation of one person,
  in its transaction: ``fn(person=..., actor=...) -> None``.
- ``assignment_start_checks``: rules an assignment must meet before work
  starts, run by matching under its locks: ``fn(assignment=..., volunteer=...,
  request=..., day=...) -> str | None`` (the Polish reason it cannot start).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Entry:
    value: Any
    order: int
    model: str = ""  # "app_label.model_name", for per-model registries


class Registry:
    """An ordered list of contributions, optionally keyed by model."""

    def __init__(self, name: str, *, per_model: bool = False):
        self.name = name
        self.per_model = per_model
        self._entries: list[Entry] = []

    def register(self, value: Any, *, order: int = 100, model: str = "") -> Any:
        if self.per_model != bool(model):
            raise ValueError(f"{self.name}: a model label is {self._model_rule()}")
        entry = Entry(value=value, order=order, model=model.lower())
        if entry not in self._entries:
            self._entries.append(entry)
        return value

    def _model_rule(self) -> str:
        return "required" if self.per_model else "not accepted"

    def __iter__(self) -> Iterator[Any]:
        return (e.value for e in sorted(self._entries, key=lambda e: e.order))

    def for_model(self, model_or_instance) -> list[Any]:
        label = model_or_instance._meta.label_lower
        entries = sorted(
            (e for e in self._entries if e.model == label), key=lambda e: e.order
        )
        return [e.value for e in entries]


@dataclass
class DataSection:
    """One app's part of a person's data: ``key`` names it in the JSON
    export, ``title`` heads it in the readable one; ``data`` is plain JSON
    data (str, numbers, bools, None, lists and dicts of them). ``labels``
    name the keys of ``data`` (or of its rows) in the readable export."""

    key: str
    title: str
    data: dict | list
    labels: dict = field(default_factory=dict)


def person_data_sections(person) -> list[DataSection]:
    """Every app's part of one person's data, in the registered order."""
    sections = (contribute(person) for contribute in person_data.for_model(person))
    return [section for section in sections if section is not None]


def person_erase(*, person, actor) -> None:
    """Lets every app clear its part of a person being anonymised; the caller
    holds the transaction and the person's lock."""
    for erase in person_erasure.for_model(person):
        erase(person=person, actor=actor)


nav_menus = Registry("navigation menus")
person_panels = Registry("panels on a person's page", per_model=True)
person_panel_reads = Registry("what the kept panels read", per_model=True)
person_data = Registry("a person's data, per app", per_model=True)
person_erasure = Registry("anonymisation of a person, per app", per_model=True)
assignment_start_checks = Registry("checks before an assignment starts")

StartCheck = Callable[..., str | None]


def panel_reads(person) -> tuple:
    """Every model the kept panels on ``person``'s page read."""
    entries = person_panel_reads.for_model(person)
    return tuple(model for reads in entries for model in reads)
