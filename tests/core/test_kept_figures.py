"""What ``core.figures.kept`` keeps: counted once for every worker (the shared
cache), then read from the worker's own memory until the shared entry ends,
never longer, and counted again as soon as a table it reads changes."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache, caches
from django.utils import timezone

from registry.models import District
from volunteer_center.core.figures import kept

pytestmark = pytest.mark.django_db


def counter():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    return compute, calls


def test_counted_once_for_every_worker():
    compute, calls = counter()
    assert kept("test", compute, depends_on=[District]) == 1
    caches["fragments"].clear()  # another worker: nothing in its memory
    assert kept("test", compute, depends_on=[District]) == 1
    cache.clear()  # the shared entry gone: this worker still has its copy
    assert kept("test", compute, depends_on=[District]) == 1
    assert len(calls) == 1


def test_a_change_to_a_table_read_is_counted_at_once():
    compute, calls = counter()
    assert kept("test", compute, depends_on=[District]) == 1
    District.objects.create(name="Nowa", latitude=49.9, longitude=19.0)
    assert kept("test", compute, depends_on=[District]) == 2
    assert len(calls) == 2


def test_a_workers_copy_ends_with_the_shared_entry():
    compute, calls = counter()
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        assert kept("test", compute, depends_on=[District]) == 1
        clock.move_to(start + dt.timedelta(seconds=settings.FIGURES_KEEP_SECONDS - 10))
        caches["fragments"].clear()
        # Copied from the shared cache 10 s before its end ...
        assert kept("test", compute, depends_on=[District]) == 1
        clock.move_to(start + dt.timedelta(seconds=settings.FIGURES_KEEP_SECONDS + 1))
        # ... the copy ends with it.
        assert kept("test", compute, depends_on=[District]) == 2
    assert len(calls) == 2
