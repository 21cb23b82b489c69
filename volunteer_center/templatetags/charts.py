"""Bar charts drawn on the server as SVG (no JavaScript, nothing from a CDN),
each with the table of its data for screen readers and for copying."""

from django import template

register = template.Library()

WIDTH = 560
BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 190


@register.inclusion_tag("volunteer_center/_chart.html")
def bar_chart(series, chart_id):
    maximum = series.maximum or 1
    room = WIDTH - LABEL_WIDTH - 60
    bars = []
    for i, (label, value) in enumerate(series.rows):
        length = max(1, round(room * value / maximum)) if value else 0
        top = i * (BAR_HEIGHT + GAP)
        bars.append(
            {
                "label": label,
                "value": value,
                "y": top,
                "text_y": top + round(BAR_HEIGHT * 0.7),
                "width": length,
                "value_x": LABEL_WIDTH + length + 6,
            }
        )
    return {
        "series": series,
        "chart_id": chart_id,
        "bars": bars,
        "width": WIDTH,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "height": max(1, len(bars)) * (BAR_HEIGHT + GAP),
    }
