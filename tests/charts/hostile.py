"""Labels that try to break out of SVG text, attributes or the Markdown block."""

HOSTILE = (
    "<script>alert(1)</script>",
    '"onload="alert(1)',
    "' onmouseover='alert(1)",
    "a & b &amp; c",
    "]]><foreignObject/>",
    "line\nbreak\n\n\nafter a blank line",
    "    indented like code",
    "nul\x00 and \x1b escape \ufffe",
    "{{ 7*7 }} {% if %}",
    "javascript:alert(1)",
    "A very long label that certainly does not fit in the space given to it on the chart",
)
