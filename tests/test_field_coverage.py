"""No field is accepted and then dropped.

``tests/fixtures/every-field`` sets every optional field of the field reference to a value found
nowhere else. For each optional field the format declares (``roadmap_gen.spec.fields.walk`` over the
model's declarations) this test finds the value in the loaded model and then on a page of the site
(or in ``roadmap.json``). A new field without a row here, or one the site never shows, fails.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from roadmap_gen.commands.track import status_of
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.escape import md_text
from roadmap_gen.model import FILES
from roadmap_gen.pages import render_site
from roadmap_gen.pipeline import plan_project
from roadmap_gen.spec.fields import Declared, IntKey, ListOf, MapOf, Record, Section, Spec, Str, walk

FIXTURE = Path(__file__).parent / "fixtures" / "every-field"

#: Non-text fields: the value written in the fixture, and what the site shows for it, on which page.
SHOWN: dict[str, tuple[str, str]] = {
    "training.<id>.cost": ("| 321 XQZ |", "catalogue/training.md"),
    "factors.<id>.actions[].cost": ("costs 4321 XQZ", "catalogue/factors.md"),
    # catalogue
    "catalogue.version": ("version 7&#46;3", "catalogue/index.md"),
    "training.<id>.audience[]": ("Process owner, Coach", "catalogue/training.md"),
    "training.<id>.follow_up": ("| [Practice workshop](../catalogue/training.md#module-practice-workshop) |",
                                "catalogue/training.md"),
    "factors.<id>.weight": ("weight 4 of 5", "now/leadership.md"),
    "factors.<id>.levels.<level>": ("The sponsor steers&#46;", "now/leadership.md"),
    "factors.<id>.requires.<level>.<id>": ("Level 3 needs [Feedback loop](../now/feedback-loop.md) at level 1",
                                            "now/leadership.md"),
    "factors.<id>.metrics[].unit": ("experience, percent, lower is better", "now/leadership.md"),
    "factors.<id>.metrics[].direction": ("lower is better", "now/leadership.md"),
    "factors.<id>.metrics[].kind": ("(experience,", "now/leadership.md"),
    "factors.<id>.actions[].owner_role": ("| Executive sponsor |", "catalogue/factors.md"),
    "catalogue.retired.<id>.replaced_by": ("| <code>old-baselines</code> | 7&#46;0 | <code>set-baselines</code> |",
                                 "catalogue/factors.md"),
    "factors.<id>.actions[].training[]": ("[Basics course](../catalogue/training.md#module-basics-course)",
                                          "catalogue/factors.md"),
    # organisation
    "organisation.sponsor": ("Dana Ruiz sponsors the programme", "governance.md"),
    "review.next": ("2027&#45;02&#45;17", "index.md"),
    "planning.start": ("from 2027&#45;Q2", "roadmap/index.md"),
    "planning.owner_limit": ("more\nthan 7 in one phase", "governance.md"),
    "scope.practices.<id>": ("| Practice | Incident management |", "roadmap/index.md"),
    "scope.practices.<id>.from": ("- Practice: Change enablement. Scope reason lambdaquartz", "roadmap/2027-q3.md"),
    "scope.configuration_items.<id>": ("Configuration item: Servers", "roadmap/2027-q4.md"),
    "scope.configuration_items.<id>.from": ("Configuration item: Servers", "roadmap/2027-q4.md"),
    "people.<id>.roles[]": ("| Dana Ruiz | Executive sponsor |", "governance.md"),
    "people.<id>.team": ("| Sam Okafor | Process owner | Team Alpha |", "governance.md"),
    "people.<id>.external": ("Partner Xiquartz (external)", "governance.md"),
    "stakeholders.<id>.engagement": ("| high |", "governance.md"),
    "stakeholders.<id>.contact": ("| high | Sam Okafor |", "governance.md"),
    "stakeholders.<id>.interests[]": ("Interested in: Leadership support.", "communications/index.md"),
    "assessment.<id>.level": ("| 1 Initial | 3 Defined |", "now/leadership.md"),
    "assessment.<id>.target": ("| 1 Initial | 3 Defined |", "now/leadership.md"),
    "assessment.<id>.owner": ("| Dana Ruiz |", "now/leadership.md"),
    "assessment.<id>.evidence[].date": ("2026&#45;09&#45;30, 51 days old", "now/leadership.md"),
    "assessment.<id>.evidence[].link": ("(https://intranet.example/rhoquartz)", "now/leadership.md"),
    "assessment.<id>.applicable": ("Not applicable", "now/feedback-loop.md"),
    "metrics.<id>.baseline": ("| 81.25 |", "goals.md"),
    "metrics.<id>.current": ("| 86.75 |", "goals.md"),
    "metrics.<id>.target": ("| 93.5 |", "goals.md"),
    "metrics.<id>.due": ("| 2027&#45;Q4 |", "goals.md"),
    "metrics.<id>.factor": ("[Measurement](now/measurement.md) |", "goals.md"),
    "goals[].metric": ("| Change success rate (%) |", "goals.md"),
    "goals[].target": ("| 94.5 |", "goals.md"),
    "goals[].due": ("| 2028&#45;Q1 |", "goals.md"),
    "goals[].owner": ("| Sam Okafor |", "goals.md"),
    "initiatives.<id>.status": ("Name an accountable sponsor (in progress)", "roadmap/2027-q2.md"),
    "initiatives.<id>.factor": ("| Own work chiquartz<br>Initiative notes psiquartz (our own)", "now/measurement.md"),
    "initiatives.<id>.raises_to": ("| 3 Defined | 2.5 |", "now/measurement.md"),
    "initiatives.<id>.effort": ("| 2.5 |", "now/measurement.md"),
    "initiatives.<id>.owner": ("Dana Ruiz", "roadmap/2027-q2.md"),
    "initiatives.<id>.training[]": ("[Practice workshop](../catalogue/training.md#module-practice-workshop)",
                                    "roadmap/2027-q2.md"),
    "feedback[].status": ("considered&#58; kept for later", "governance.md"),
    # version 1.1
    "factors.<id>.actions[].dimension": ('"dimension": "tooling"', "downloads/roadmap.json"),
    "planning.training_limit": ("more than 33 hours", "training.md"),
    "planning.reserve": ("of which 25% is kept in reserve", "roadmap/index.md"),
    "planning.effort_unit": ("team&#45;days planned", "roadmap/2027-q3.md"),
    "planning.currency": ("5419 XQZ (5098 XQZ for the work, 321 XQZ in training fees)", "roadmap/index.md"),
    "planning.funded_until": ("the budget covers it to 2027&#45;Q3", "roadmap/index.md"),
    "initiatives.<id>.cost": ("777 XQZ · for", "roadmap/2027-q3.md"),
    "initiatives.<id>.after[]": ("| Dana Ruiz | Own work chiquartz ([2027&#45;Q3]", "roadmap/index.md"),
    "dependencies.<id>.owner": ("| Dana Ruiz | Own work chiquartz", "roadmap/index.md"),
    "dependencies.<id>.status": ("**late, slipped**", "roadmap/index.md"),
    "dependencies.<id>.description": ("Vendor move omegaquartz<br>Dependency blurb sigmaquartz", "roadmap/index.md"),
    "goals[].lead": ("the metric moves about 2 quarters after the work lands", "goals.md"),
    "scope.practices.<id>.owner": ("| Practice | Incident management | now | Sam Okafor |", "governance.md"),
    "scope.configuration_items.<id>.owner": ("| Configuration item | Servers | from 2027&#45;Q4", "governance.md"),
    "people.<id>.until": ("**Partner Xiquartz**, until 2027&#45;09&#45;30", "governance.md"),
    "people.<id>.trained[]": ("[Practice workshop](catalogue/training.md#module-practice-workshop)", "governance.md"),
    "people.<id>.trained[].date": ("(2026&#45;05&#45;14)", "governance.md"),
    "assessment.<id>.priority": ("priority critical", "now/leadership.md"),
    # version 1.2
    "assessment.<id>.answers[]": ("Collected from 3 answers: 1, 1, 2", "now/leadership.md"),
    "goals[].needs.<id>": ("| [Measurement](now/measurement.md) | 3 |", "goals.md"),
    "initiatives.<id>.phase": ("pinned to this phase", "roadmap/2027-q2.md"),
    "initiatives.<id>.responsible[]": ("with Sam Okafor", "roadmap/2027-q2.md"),
    "initiatives.<id>.dimension": ('"dimension": "culture"', "downloads/roadmap.json"),
    "waivers[].about": ("(<code>no-practice-owner</code>) | change&#45;enablement |", "health.md"),
    # roadmap-gen.yaml
    "engine": (" and Zensical", "(footer)"),
    "offline": ("This copy of the site has no search", "index.md"),
    # a review's frozen plan (content/reviews/2026-Q3/roadmap.json)
    "phases[].items[].title": ("| Frozen work omegaquartz | [Leadership support](now/leadership.md) | 2 |",
                               "progress.md"),
}

#: Fields that steer a command other than the build, never the site: the field, and how the test checks that the
#: fixture's value reaches that command.
NOT_ON_SITE: dict[str, str] = {
    "tracker.done[]": "track",
    "tracker.in_progress[]": "track",
}

#: The team file's own fields, on the team's page (its assessment has the organisation's shape).
SHOWN_IN_TEAM: dict[str, tuple[str, str]] = {
    "team.lead": ("Lead: Sam Okafor", "teams/alpha.md"),
    "team.group": ("Group: [Group betaglint](../teams/group-group-betaglint.md)", "teams/alpha.md"),
    "assessment.<id>.level": ("| [Leadership support](../now/leadership.md) | 1 | 2 | 1 |", "teams/alpha.md"),
    "assessment.<id>.target": ("| [Leadership support](../now/leadership.md) | 1 | 2 | 1 |", "teams/alpha.md"),
    "assessment.<id>.owner": ("| [Leadership support](../now/leadership.md) | Dana Ruiz |", "teams/alpha.md"),
    "assessment.<id>.evidence[].date": ("(2026&#45;10&#45;02)", "teams/alpha.md"),
    "assessment.<id>.evidence[].link": ("(https://intranet.example/epsilonglint)", "teams/alpha.md"),
    "assessment.<id>.applicable": ("| [Feedback loop](../now/feedback-loop.md) | not applicable |", "teams/alpha.md"),
    "assessment.<id>.priority": ("answers collected: 1, 2 | high |", "teams/alpha.md"),
    "assessment.<id>.answers[]": ("| Team notes zetaglint<br>answers collected: 1, 2 | high |", "teams/alpha.md"),
}

#: Maps and lists whose presence is shown by their fields' rows.
CONTAINERS = ("a map", "a map of fields", "a list")


def optional_rows(file: str) -> Iterator[tuple[str, str]]:
    for row in walk(FILES[file]):
        if not row.required and row.kind not in CONTAINERS:
            yield row.path, row.kind


def model_values(spec: Spec, value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(field path as the reference writes it, value) for every value written into the model."""
    if isinstance(spec, Record):
        if spec.short_field and path:
            yield path, value
        for d in spec.declared:
            if d.spec.spec is None:
                continue
            yield from _field_values(spec, d, getattr(value, d.attr), path)
    elif isinstance(spec, MapOf):
        key = "<level>" if isinstance(spec.key, IntKey) else "<id>"
        if spec.value.takes_key:
            for item in value:
                yield from model_values(spec.value, item, f"{path}.{key}")
        elif isinstance(spec.value, MapOf):  # requires: level -> factor -> level
            for req in value:
                yield f"{path}.{key}", req
                yield f"{path}.{key}.<id>", req.at_least
        elif spec.build is not None:  # built into records of their own (a goal's needs)
            for item in value:
                yield f"{path}.{key}", item
        else:
            for _k, v in value:
                yield f"{path}.{key}", v
    elif isinstance(spec, ListOf):
        for item in value:
            yield from model_values(spec.item, item, f"{path}[]")
            if not isinstance(spec.item, Record):
                yield f"{path}[]", item
    else:
        yield path, value


def _field_values(record: Record, d: Declared, value: Any, path: str) -> Iterator[tuple[str, Any]]:
    name = ".".join(p for p in (path, d.spec.section, d.yaml_name) if p)
    yield name, value
    if isinstance(d.spec.spec, (Record, MapOf, ListOf)):
        yield from model_values(d.spec.spec, value, name)


@pytest.fixture(scope="module")
def loaded() -> Any:
    result = plan_project(FIXTURE)
    assert result.plan is not None, [d.format() for d in result.diagnostics]
    assert not [d for d in result.diagnostics if d.severity == "error"]
    return result


@pytest.fixture(scope="module")
def site(loaded: Any) -> dict[str, str]:
    tree = render_site(FIXTURE, loaded.project, loaded.plan, BuildInfo())
    # The workbook (downloads/roadmap.xlsx) is a zip archive: every other file is text.
    return {**{rel: data.decode("utf-8") for rel, data in tree.files.items() if not rel.endswith(".xlsx")},
            "(footer)": tree.footer_html}


def written(loaded: Any, file: str) -> dict[str, list[Any]]:
    """Every field path of the fixture's file of this kind, with the values the model holds for it."""
    project = loaded.project
    objects = {"catalogue": [project.catalogue], "organisation": [project.organisation], "team": list(project.teams),
               "frozen-plan": [s.plan for s in project.snapshots if s.plan is not None],
               "settings": [project.settings]}
    out: dict[str, list[Any]] = {}
    for obj in objects[file]:
        for path, value in model_values(FILES[file], obj):
            out.setdefault(path, []).append(value)
    return out


def _set(values: list[Any]) -> bool:
    return any(v not in (None, "", (), False) or v is False for v in values)


@pytest.mark.parametrize("file", sorted(FILES))
def test_every_optional_field_reaches_the_model(loaded: Any, file: str) -> None:
    found = written(loaded, file)
    missing = [path for path, _ in optional_rows(file) if not _set(found.get(path, []))]
    assert missing == [], f"the every-field fixture sets no value for these {file} fields (or the model drops them)"


@pytest.mark.parametrize("file", sorted(FILES))
def test_every_optional_field_shows_on_the_site(loaded: Any, site: dict[str, str], file: str) -> None:
    found = written(loaded, file)
    everything = "\n".join(site.values())
    data = json.loads(site["downloads/roadmap.json"])
    assert data["organisation"] == "Every Field Org"
    missing = []
    shown = SHOWN_IN_TEAM if file == "team" else SHOWN
    for path, kind in optional_rows(file):
        if path in NOT_ON_SITE:
            continue  # test_fields_for_other_commands_reach_them
        if path in shown:
            text, page = shown[path]
            if text not in site.get(page, ""):
                missing.append(f"{path}: {text!r} not on {page}")
            continue
        if kind != "text":
            missing.append(f"{path} ({kind}): add a row to SHOWN saying where the site shows it")
            continue
        pages = site["teams/alpha.md"] if file == "team" else everything
        for value in found.get(path, []):
            if value and md_text(value) not in pages:
                missing.append(f"{path}: {value!r} is on no page")
    assert missing == [], "\n".join(missing)


def test_fields_for_other_commands_reach_them(loaded: Any) -> None:
    # `track` reads the fixture's own workflow states as the states they name.
    states = loaded.project.settings.tracker
    assert [status_of(state, states) for state in (" shipped  LAMBDAQUARTZ", "doing mulquartz", "Shipped")] == \
        ["done", "in-progress", None]


def test_the_table_names_only_real_fields() -> None:
    paths = {path for file in ("catalogue", "organisation", "frozen-plan", "settings")
             for path, _ in optional_rows(file)}
    assert set(SHOWN) <= paths, set(SHOWN) - paths
    assert set(NOT_ON_SITE) <= paths, set(NOT_ON_SITE) - paths
    team_paths = {path for path, _ in optional_rows("team")}
    assert set(SHOWN_IN_TEAM) <= team_paths, set(SHOWN_IN_TEAM) - team_paths


def test_text_fields_are_text() -> None:
    # The automatic search above relies on every "text" field being a Str spec.
    for file, record in FILES.items():
        for name, item in record.top_level():
            if isinstance(item, Section):
                continue
            assert item.spec.spec is not None
            if item.spec.spec.describe() == "text":
                assert isinstance(item.spec.spec, Str), (file, name)
