"""Fixtures of matching live in tests/fixtures/matching.py (loaded for the whole
suite by tests/conftest.py); its dates are importable from here too."""

from tests.fixtures.matching import MONDAY, TUESDAY

__all__ = ["MONDAY", "TUESDAY"]


def eligible_ids(register, r) -> set[int]:
    """Every volunteer the batch's fact register finds eligible for ``r``, no
    pool bound: to hold the Python rules against the SQL ones."""
    cells = r.cells
    return {
        vid for vid, v in register.volunteers.items() if register.eligible(r, v, cells)
    }
