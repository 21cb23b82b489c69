"""Settings of the page benchmark (``python -m benchmarks.bench_pages``):
production's, read from the same environment, with an URLconf that adds the
two bare views the pages are compared with. Never used in production."""

from volunteer_center.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
# The benchmark's gunicorn listens on 127.0.0.1; "testserver" is Django's test
# client, which benchmarks/plans.py uses to capture each page's queries.
ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
