"""Fixtures of the register live in tests/fixtures/registry.py (loaded for the
whole suite by tests/conftest.py); helpers are importable from here too."""

from tests.fixtures.registry import make_pesel

__all__ = ["make_pesel"]
