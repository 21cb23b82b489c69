import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "volunteer_center.settings")
application = get_asgi_application()

# A server without its secret key must not start (sessions, CSRF, e-mail links).
from volunteer_center.core.checks import require_secret_key  # noqa: E402

require_secret_key()
