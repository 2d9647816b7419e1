"""Inline SVG charts: pure functions from plain data to a :class:`Chart`.

Each chart returns the SVG (safe to embed in Markdown as one raw HTML block)
and the same numbers as a table. Colours come from the ``rg-*`` classes in
``site_config/extra.css``. See :mod:`roadmap_gen.charts.base` for the rules
every chart follows.
"""

from roadmap_gen.charts.balance import balance
from roadmap_gen.charts.base import Chart, fmt
from roadmap_gen.charts.heatmap import fits_page, heatmap
from roadmap_gen.charts.labels import distinct_labels
from roadmap_gen.charts.radar import grouped_radar, radar
from roadmap_gen.charts.timeline import TimelineRow, timeline
from roadmap_gen.charts.trend import trend

__all__ = [
    "Chart",
    "TimelineRow",
    "balance",
    "distinct_labels",
    "fmt",
    "grouped_radar",
    "fits_page",
    "heatmap",
    "radar",
    "timeline",
    "trend",
]
