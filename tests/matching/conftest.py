"""Fixtures of matching live in tests/fixtures/matching.py (loaded for the whole
suite by tests/conftest.py); its dates are importable from here too."""

from tests.fixtures.matching import MONDAY, TUESDAY

__all__ = ["MONDAY", "TUESDAY"]
