"""The PDF renderer (core.pdf) reads the project's own files only."""

import pytest
from weasyprint import HTML

from volunteer_center.core.pdf import local_fetcher


@pytest.mark.parametrize(
    "url", ["https://example.org/logo.png", "http://127.0.0.1:8000/admin/"]
)
def test_a_document_never_fetches_from_the_network(url):
    with pytest.raises(ValueError, match="disallowed protocol"):
        local_fetcher()(url)


def test_a_document_still_reads_inline_data():
    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAA"
        "DUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    )

    def pdf(body: str) -> bytes:
        return HTML(string=body, url_fetcher=local_fetcher()).write_pdf()

    with_image = pdf(f'<p>Zażółć</p><img src="{pixel}">')
    assert b"/Subtype /Image" in with_image
    assert b"/Subtype /Image" not in pdf("<p>Zażółć</p>")
