"""HTML → PDF rendering for agreements, certificates and references.

WeasyPrint lays out the page from a Django template; the fonts come from the
system (fonts-dejavu-core), so Polish letters (ą ć ę ł ń ó ś ź ż) print.
"""

import ssl

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML, URLFetcher

# Never used: the fetcher refuses https. Given, WeasyPrint's default fetcher
# does not load the system's certificate store for every document (40 ms of
# an agreement's 250, benchmarks/RESULTS.md).
_NO_NETWORK = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def local_fetcher() -> URLFetcher:
    """The project's own files only: a document never reaches the network,
    whatever a user typed into its text."""
    return URLFetcher(allowed_protocols=("file", "data"), ssl_context=_NO_NETWORK)


def render_pdf(template_name: str, context: dict) -> bytes:
    html = render_to_string(template_name, {"CENTRE": settings.CENTRE, **context})
    return HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=local_fetcher()
    ).write_pdf()
