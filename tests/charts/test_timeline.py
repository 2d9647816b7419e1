"""Timeline (Gantt by phase)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_gen.charts.timeline import TimelineRow, timeline

from .catalogue import factors
from .hostile import HOSTILE
from .svgcheck import SVG_NS, all_text, check_chart, name_labels, tooltip, visible

PERIODS = ["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"]
ROWS = [
    TimelineRow("Define incident categories & priorities", 0, "Ana Silva", "Incident management"),
    TimelineRow("Single front door: one portal, one number", 1, "Ana Silva", "Front door to IT"),
    TimelineRow("Train agents on the new incident process", 1, "Ben Okafor", "Training & awareness"),
    TimelineRow("Coaching after training <script>", 2, "Ben Okafor", "Training & awareness"),
    TimelineRow("Customer feedback survey", 2, "Chen Wei", "Feedback loop"),
    TimelineRow("Quarterly review of the roadmap", 3, "Chen Wei", "Incident management"),
]


def example():
    return timeline("roadmap", "Roadmap by factor", PERIODS, ROWS, group_title="Factor", group_plural="factors")


def test_golden(golden) -> None:
    golden("timeline.svg", example().svg)


def test_structure_and_grouping() -> None:
    chart = example()
    root = check_chart(chart)
    assert chart.table_header == ("Factor", "Item", "Phase", "Owner")
    # groups in order of first appearance, items in input order inside a group
    assert [row[0] for row in chart.table_rows] == [
        "Incident management", "Incident management", "Front door to IT",
        "Training & awareness", "Training & awareness", "Feedback loop",
    ]
    assert chart.table_rows[1] == ("Incident management", "Quarterly review of the roadmap", "2027-Q2", "Chen Wei")
    bars = [r for r in root.iter(SVG_NS + "rect") if r.get("class") == "rg-item"]
    assert len(bars) == len(ROWS)
    texts = all_text(root)
    for period in PERIODS:
        assert period in texts
    assert "Incident management (2)" in texts
    assert chart.description == (
        "6 items in 4 phases (2026-Q3 to 2027-Q2), in 4 factors (Incident management, Front door to IT, "
        "Training & awareness and Feedback loop); busiest phase: 2026-Q4 with 2 items."
    )


def test_bar_sits_in_its_phase_column() -> None:
    root = check_chart(example())
    bars = [r for r in root.iter(SVG_NS + "rect") if r.get("class") == "rg-item"]
    xs = sorted({float(b.get("x")) for b in bars})
    assert len(xs) == 4  # one distinct column per phase used


def test_owner_column_dropped_when_grouped_by_owner() -> None:
    rows = [TimelineRow(r.label, r.period_index, r.owner, r.owner) for r in ROWS]
    chart = timeline("t", "By owner", PERIODS, rows)
    check_chart(chart)
    assert chart.table_header == ("Owner", "Item", "Phase")
    assert "Ana Silva (2)" in chart.svg


def test_no_rows() -> None:
    chart = timeline("t", "Empty", PERIODS, [])
    check_chart(chart)
    assert "No items planned." in chart.svg
    assert chart.table_rows == ()
    assert chart.description == "No items planned in 4 phases (2026-Q3 to 2027-Q2)."


def test_no_periods_and_no_rows() -> None:
    check_chart(timeline("t", "Nothing", [], []))


def test_two_hundred_rows() -> None:
    rows = [TimelineRow(f"Item {i}: improve something measurable", i % 8, f"Owner {i % 23}", f"Owner {i % 23}")
            for i in range(200)]
    periods = [f"{2026 + i // 4}-Q{i % 4 + 1}" for i in range(8)]
    chart = timeline("big", "Big", periods, rows)
    root = check_chart(chart)
    assert len([r for r in root.iter(SVG_NS + "rect") if r.get("class") == "rg-item"]) == 200
    height = float(root.get("viewBox").split()[3])
    assert height > 200 * 18
    assert len(chart.table_rows) == 200
    # phase names repeat in group headers so a long chart stays readable
    assert all_text(root).count("2026-Q1") > 1
    assert len(chart.svg) < 200 * 600


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels(label: str) -> None:
    rows = [TimelineRow(label, 0, label, label), TimelineRow("x", 1, label, "g")]
    chart = timeline("t", label, [label, "b"], rows)
    check_chart(chart)
    assert "<script" not in chart.svg and "<foreignObject" not in chart.svg


def test_bad_period_index() -> None:
    with pytest.raises(ValueError):
        timeline("t", "t", PERIODS, [TimelineRow("x", 4, "o", "g")])
    with pytest.raises(ValueError):
        timeline("t", "t", PERIODS, [TimelineRow("x", -1, "o", "g")])


def test_deterministic() -> None:
    assert example() == example()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.text(max_size=30), st.integers(0, 2), st.text(max_size=10), st.text(max_size=10)),
                max_size=12))
def test_any_rows(rows: list[tuple[str, int, str, str]]) -> None:
    check_chart(timeline("t", "t", ["a", "b", "c"], [TimelineRow(*r) for r in rows]))


def test_items_never_read_the_same_as_the_legend() -> None:
    """Items and the legend's groups are shortened together: apart, the item "Name a security champion for
    organization and culture for applications" and the group "Education and Guidance: Organization and
    culture for applications" both read "\u2026culture for applications"."""
    groups = [f.title for f in factors(60)[:12]]  # governance: names that differ only at their end
    rows = [TimelineRow(verb.format(name.split(": ", 1)[1].lower()), k, "Kofi Asante", name)
            for name in groups
            for k, verb in enumerate(("Name a security champion for {}", "Record who does {} today, and how"))]
    root = check_chart(timeline("t", "Work by factor", PERIODS[:2], rows, group_title="Factor",
                                group_plural="factors"))
    legend = next(g for g in root.iter(SVG_NS + "g") if g.get("class") == "rg-legend")
    in_legend = [visible(t) for t in legend.iter(SVG_NS + "text")]
    items = [visible(t) for t in root.iter(SVG_NS + "text") if t.get("class") == "rg-label"
             and t not in set(legend.iter(SVG_NS + "text"))]
    assert len(in_legend) == len(groups) and len(items) == len(rows)
    assert set(in_legend).isdisjoint(items), sorted(set(in_legend) & set(items))
    assert [tooltip(t) or visible(t) for t in legend.iter(SVG_NS + "text")] == groups  # full names kept
    shown = [visible(t) for t in name_labels(root)]
    assert len(set(shown)) == len(shown)
