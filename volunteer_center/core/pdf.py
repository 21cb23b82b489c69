"""HTML → PDF rendering for agreements, certificates and references.

WeasyPrint lays out the page from a Django template; the fonts come from the
system (fonts-dejavu-core), so Polish letters (ą ć ę ł ń ó ś ź ż) print.
"""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML


def render_pdf(template_name: str, context: dict) -> bytes:
    html = render_to_string(template_name, {"CENTRE": settings.CENTRE, **context})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
