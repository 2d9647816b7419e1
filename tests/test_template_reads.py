"""Which fields of ``site`` a template reads (pages/reads.py), the page cache's key: only plain field
reads narrow it; ``site`` handed on whole, in any way, means every field."""

from __future__ import annotations

import pytest

from roadmap_gen.pages.reads import fields_read
from roadmap_gen.pages.render import make_environment

ENV = make_environment(None)


def reads(*sources: str) -> frozenset[str] | None:
    return fields_read(sources, ENV.parse)


def test_plain_field_reads_are_listed() -> None:
    assert reads("{{ site.organisation }} {% for t in site.teams.rows %}{{ t.name }}{% endfor %}",
                 "{% macro m() %}{{ site['vision'] }}{% endmacro %}{% if site.offline %}x{% endif %}") == {
        "organisation", "teams", "vision", "offline"}
    assert reads("no site here {{ team.name }}") == frozenset()


@pytest.mark.parametrize("source", [
    "{{ site }}",
    "{{ site | tojson }}",
    "{{ site | attr('teams') }}",
    "{% set s = site %}{{ s.teams }}",
    "{% with s = site %}{{ s.teams }}{% endwith %}",
    "{{ m.show(site) }}",
    "{{ site[name] }}",
    "{% for site in site.teams %}{{ site }}{% endfor %}",
    "{{ (site).teams if site else 1 }}",
    "{{ [site][0].teams }}",
])
def test_site_handed_on_whole_means_every_field(source: str) -> None:
    assert reads("{{ site.organisation }}", source) is None


def test_every_packaged_page_template_narrows_or_reads_all() -> None:
    """The packaged templates read plain fields only: their pages' keys are narrow."""
    from roadmap_gen.core.resources import default_templates_dir

    for path in sorted(default_templates_dir().glob("*.j2")):
        found = reads(path.read_text(encoding="utf-8"))
        assert found is not None, path.name
