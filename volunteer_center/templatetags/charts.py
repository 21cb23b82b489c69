"""Bar charts drawn on the server as SVG (no JavaScript, nothing from a CDN),
each with the table of its data for screen readers and for copying."""

import textwrap

from django import template

register = template.Library()

WIDTH = 560
BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 200
# Characters of a 13 px label that fit in LABEL_WIDTH (DejaVu Sans averages
# about 7.2 px a character): longer labels wrap onto a second line instead of
# running off the left edge; the data table below holds every label whole.
LABEL_CHARS = 25
LINE_HEIGHT = 15


def label_lines(label: str) -> list[str]:
    """At most two lines of at most LABEL_CHARS characters, broken between
    words; a label longer than that ends in "…" after a whole word."""
    lines = textwrap.wrap(str(label), LABEL_CHARS) or [""]
    if len(lines) <= 2:
        return lines
    second = textwrap.shorten(" ".join(lines[1:]), LABEL_CHARS, placeholder="…")
    return [lines[0], second]


@register.inclusion_tag("volunteer_center/_chart.html")
def bar_chart(series, chart_id):
    maximum = series.maximum or 1
    room = WIDTH - LABEL_WIDTH - 60
    bars, top = [], 0
    for label, value in series.rows:
        lines = label_lines(label)
        row_height = max(BAR_HEIGHT, LINE_HEIGHT * len(lines) + 6)
        length = max(1, round(room * value / maximum)) if value else 0
        bar_y = top + (row_height - BAR_HEIGHT) // 2
        first_line = (
            top + round(row_height / 2 - LINE_HEIGHT * (len(lines) - 1) / 2) + 5
        )
        bars.append(
            {
                "label": label,
                "lines": [
                    {"text": text, "y": first_line + i * LINE_HEIGHT}
                    for i, text in enumerate(lines)
                ],
                "value": value,
                "y": bar_y,
                "text_y": bar_y + round(BAR_HEIGHT * 0.7),
                "width": length,
                "value_x": LABEL_WIDTH + length + 6,
            }
        )
        top += row_height + GAP
    return {
        "series": series,
        "chart_id": chart_id,
        "bars": bars,
        "width": WIDTH,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "height": max(top, BAR_HEIGHT + GAP),
    }
