"""HTML → PDF rendering for agreements, certificates and references.

WeasyPrint lays out the page from a Django template; the fonts come from the
system (fonts-dejavu-core), so Polish letters (ą ć ę ł ń ó ś ź ż) print.

A caller that knows ahead which documents it will render (the demo data's
agreements) can have other processes lay them out meanwhile
(``LaidOutAhead``): the page is WeasyPrint's work alone, the same bytes for
the same HTML in any process, so a document taken from there is the one
rendered here.
"""

import multiprocessing
import ssl
from concurrent.futures import Future, ProcessPoolExecutor

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


def document_html(template_name: str, context: dict) -> str:
    return render_to_string(template_name, {"CENTRE": settings.CENTRE, **context})


def html_pdf(html: str, base_url: str) -> bytes:
    """The PDF of a document's HTML; needs no Django (it runs in the workers
    of ``LaidOutAhead`` too)."""
    return HTML(string=html, base_url=base_url, url_fetcher=local_fetcher()).write_pdf()


def render_pdf(
    template_name: str, context: dict, *, ahead: "LaidOutAhead | None" = None
) -> bytes:
    """``ahead``: documents laid out by other processes; this one's is taken
    from there when its HTML was given to them, else rendered here."""
    html = document_html(template_name, context)
    if ahead is not None and (pdf := ahead.take(html)) is not None:
        return pdf
    return html_pdf(html, str(settings.BASE_DIR))


class LaidOutAhead:
    """Documents laid out by a pool of worker processes while this process
    goes on: ``submit`` the HTML of a document that will be rendered, and
    ``render_pdf(…, ahead=this)`` takes its PDF when it renders that same
    HTML (a document that differs is rendered in place, as without the
    pool). The workers are spawned, not forked: they share nothing with this
    process, its database connection least of all. Used as a context
    manager; what was not taken is dropped when it ends."""

    def __init__(self, workers: int = 2):
        self._pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn")
        )
        self._laid_out: dict[str, Future] = {}
        self._base_url = str(settings.BASE_DIR)

    def submit(self, html: str) -> None:
        if html not in self._laid_out:
            self._laid_out[html] = self._pool.submit(html_pdf, html, self._base_url)

    def take(self, html: str) -> bytes | None:
        future = self._laid_out.pop(html, None)
        return None if future is None else future.result()

    def __enter__(self) -> "LaidOutAhead":
        return self

    def __exit__(self, *exc) -> None:
        self._laid_out.clear()
        self._pool.shutdown(cancel_futures=True)
