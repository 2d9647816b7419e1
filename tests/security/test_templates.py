"""Issue 10, item 8: a project's templates run within deterministic limits; hitting one is a located error."""

from __future__ import annotations

import pytest
from corpus import World

pytestmark = pytest.mark.slow

DOUBLE_LIST = "{% set ns = namespace(s=[1]) %}{% for i in range(60) %}{% set ns.s = [ns.s, ns.s] %}{% endfor %}"
CASES = [
    ("string-times-huge", "{{ 'x' * 10**10 }}"),
    ("list-times-huge", "{{ ([1] * 10**9)|length }}"),
    ("power", "{{ 2 ** 1000000 }}"),
    ("range", "{% for i in range(10**9) %}{% endfor %}"),
    ("recursive-macro", "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}"),
    ("nested-loops", "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"),
    ("percent-width", "{{ '%999999999d' % 1 }}"),
    ("format-width", "{{ '{:>999999999}'.format(1) }}"),
    ("center-method", "{{ 'x'.center(10**9) }}"),
    ("center-filter", "{{ 'x'|center(10**9) }}"),
    ("indent-filter", "{{ ('\\n' * 999999)|indent(999999) }}"),
    ("replace-growth", "{{ ('ab' * 1000)|replace('', 'x' * 1000) }}"),
    ("concat-doubling", "{% set ns = namespace(s='xx') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
                        "{% endfor %}{{ ns.s|length }}"),
    ("shared-list-printed", DOUBLE_LIST + "{{ ns.s }}"),
    ("shared-list-tojson", DOUBLE_LIST + "{{ ns.s|tojson }}"),
    ("page-too-long", "{% for i in range(100000) %}{{ 'y' * 1000 }}{% endfor %}"),
]


@pytest.mark.parametrize("case, body", CASES, ids=[c[0] for c in CASES])
def test_template_limits(world: World, case: str, body: str) -> None:
    (world.project / "templates").mkdir()
    (world.project / "templates" / "home.md.j2").write_text(f"# Home\n\n{body}\n", "utf-8")
    done = world.run("build", timeout=120)
    world.refused(done, "templates/home.md.j2:3:1: error: [template-limit]", 1)


def test_ordinary_template_work_is_within_the_limits(world: World) -> None:
    (world.project / "templates").mkdir()
    (world.project / "templates" / "home.md.j2").write_text(
        "# Home\n\n{{ 'ab' * 1000 }} {{ 2 ** 64 }} {{ '%5d' % 7 }} {{ range(1000)|sum }}\n"
        "{% macro deep(n) %}{% if n %}{{ deep(n - 1) }}{% else %}bottom{% endif %}{% endmacro %}{{ deep(20) }}\n",
        "utf-8")
    done = world.run("build")
    assert done.returncode == 0, done.stderr
    html = (world.site / "index.html").read_text("utf-8")
    assert "bottom" in html and "18446744073709551616" in html and "499500" in html
