"""Bar charts drawn on the server (no JavaScript, nothing from a CDN), each
with the table of its data for screen readers and for copying.

The labels and values are page text, so they keep the page's font size and
wrap on a phone; only the bars are drawn, each in an SVG stretched to its
row (a drawn label shrank with the picture to about 7 px at 375 px)."""

from django import template

register = template.Library()

# The bar's track is 100 units wide; a value above zero shows at least one.
TRACK = 100


@register.inclusion_tag("volunteer_center/_chart.html")
def bar_chart(series, chart_id):
    maximum = series.maximum or 1
    bars = [
        {
            "label": label,
            "value": value,
            "length": max(1, round(TRACK * value / maximum)) if value else 0,
        }
        for label, value in series.rows
    ]
    return {"series": series, "chart_id": chart_id, "bars": bars, "track": TRACK}
