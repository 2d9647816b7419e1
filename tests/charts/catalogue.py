"""A synthetic catalogue that shares nothing with ITIL: long names with shared prefixes, 5 groups, scale 0-3.

Modelled on OWASP SAMM 2 (15 practices of 2 streams over 5 business
functions). ``factors(30)`` is that catalogue; ``factors(60)`` splits every
stream in two ("... for applications", "... for infrastructure"), so names
share long prefixes and differ only at their end. :func:`draw_all` draws every
chart a site would draw from such a catalogue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from roadmap_gen.charts import Chart, TimelineRow, balance, grouped_radar, heatmap, radar, timeline

MAX_LEVEL = 3

FUNCTIONS: dict[str, list[tuple[str, str, str]]] = {
    "Governance": [
        ("Strategy and Metrics", "Create and promote", "Measure and improve"),
        ("Policy and Compliance", "Policy and standards", "Compliance management"),
        ("Education and Guidance", "Training and awareness", "Organization and culture"),
    ],
    "Design": [
        ("Threat Assessment", "Application risk profile", "Threat modeling"),
        ("Security Requirements", "Software requirements", "Supplier security"),
        ("Security Architecture", "Architecture design", "Technology management"),
    ],
    "Implementation": [
        ("Secure Build", "Build process", "Software dependencies"),
        ("Secure Deployment", "Deployment process", "Secret management"),
        ("Defect Management", "Defect tracking", "Metrics and feedback"),
    ],
    "Verification": [
        ("Architecture Assessment", "Architecture validation", "Architecture mitigation"),
        ("Security Testing", "Requirements-driven testing", "Scalable baseline"),
        ("Security Testing: Deep", "understanding", "misuse and abuse testing"),
    ],
    "Operations": [
        ("Incident Management", "Incident detection", "Incident response"),
        ("Environment Management", "Configuration hardening", "Patching and updating"),
        ("Operational Management", "Data protection", "System decommissioning and legacy management"),
    ],
}


@dataclass(frozen=True)
class Factor:
    title: str
    group: str
    now: int
    target: int
    end: int


def factors(count: int) -> list[Factor]:
    """30 or 60 factors, group by group, with levels on 0-3 that vary but are deterministic."""
    names: list[tuple[str, str]] = []
    for group, practices in FUNCTIONS.items():
        for practice, *streams in practices:
            for stream in streams:
                name = f"{practice}: {stream}" if not practice.endswith("Deep") else f"{practice} {stream}"
                if count == 30:
                    names.append((name, group))
                else:
                    names.extend(((f"{name} for applications", group), (f"{name} for infrastructure", group)))
    assert len(names) == count, len(names)
    return [Factor(name, group, i % 3, min(3, i % 3 + 1 + i % 2), min(3, i % 3 + 1))
            for i, (name, group) in enumerate(names)]


PERIODS = ["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"]
REVIEWS = ["2025-Q4", "2026-Q2", "2026-Q4"]
TEAMS = ["AppSec guild", "Platform engineering", "Payments product team", "Security operations centre"]


def draw_all(fs: Sequence[Factor]) -> dict[str, Chart]:
    """Every chart a site draws from these factors, by name."""
    titles = [f.title for f in fs]
    series = [("Now", [float(f.now) for f in fs]), ("Target", [float(f.target) for f in fs]),
              ("End of plan (2027-Q2)", [float(f.end) for f in fs])]
    out = {
        "maturity": grouped_radar("maturity", "Maturity now, at target and at the end of the plan", titles,
                                  [f.group for f in fs], series, MAX_LEVEL),
        "levels": heatmap("levels", "Levels by factor", titles, ["Now", "Target", *(f"After {p}" for p in PERIODS)],
                          [[f.now, f.target, f.end, f.end, f.end, f.end] for f in fs], MAX_LEVEL,
                          [f"f{i}/" for i in range(len(fs))], row_title="Factor", row_plural="factors",
                          col_plural="columns"),
        "history": heatmap("level-history", "Levels by factor at each review", titles, REVIEWS,
                           [[max(f.now - 1, 0), None if i % 7 == 0 else f.now, f.now] for i, f in enumerate(fs)],
                           MAX_LEVEL, row_title="Factor", row_plural="factors", col_plural="reviews"),
        "teams": heatmap("teams", "Team levels by factor", TEAMS, titles,
                         [[(f.now + t) % 4 for f in fs] for t in range(len(TEAMS))], MAX_LEVEL,
                         [f"t{t}/" for t in range(len(TEAMS))]),
        "timeline": timeline("timeline", "Planned work by phase, grouped by factor", PERIODS,
                             [TimelineRow(f"{verb} for {f.title.split(': ')[-1].lower()}", (i + k) % len(PERIODS),
                                          TEAMS[(i + k) % len(TEAMS)], f.title)
                              for i, f in enumerate(fs) if f.target > f.now
                              for k, verb in enumerate(("Define the practice", "Roll out and coach")[: 1 + i % 2])],
                             group_title="Factor", group_plural="factors"),
        "balance": balance("balance", "Effort by dimension against capacity", PERIODS, list(FUNCTIONS),
                           [[float((p + d) % 4 + 1) for d in range(len(FUNCTIONS))] for p in range(len(PERIODS))],
                           [12.0] * len(PERIODS), unit="points"),
    }
    if len(fs) <= 30:
        out["radar"] = radar("radar", "One radar of every factor", titles, series, MAX_LEVEL)
    return out
