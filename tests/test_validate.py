"""One test per validation rule: the minimal project with one textual edit.

Each test names the exact check id, the file and the line (found by searching
the edited text), and the hint where the code gives one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from roadmap_gen.core.diagnostics import Diagnostic
from roadmap_gen.load.project import Loaded, load_project

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
ORG = "content/organisation.yaml"
CAT = "content/catalogue/mini.yaml"
TEAM = "content/teams/alpha.yaml"
SNAP = "content/reviews/2026-Q3/organisation.yaml"


# --- helpers ---------------------------------------------------------------------------


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    if not root.exists():
        shutil.copytree(FIXTURE, root)
    return root


def broken(tmp_path: Path, file: str, old: str, new: str) -> str:
    """Copy the minimal project (once) and replace the one occurrence of ``old`` in ``file``; returns the new text."""
    path = project(tmp_path) / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def load(tmp_path: Path) -> Loaded:
    return load_project(project(tmp_path))


def line_of(text: str, needle: str) -> int:
    assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times"
    return text[: text.index(needle)].count("\n") + 1


def errors(loaded: Loaded) -> list[Diagnostic]:
    return [d for d in loaded.diagnostics if d.severity == "error"]


def shown(loaded: Loaded) -> list[str]:
    return [d.format() for d in loaded.diagnostics]


def expect(loaded: Loaded, check: str, file: str, line: int, *, alone: bool = True,
           hint: str | None = None, message: str | None = None) -> Diagnostic:
    """The one error with this check id, at this file and line; ``alone``: no other error (no cascade)."""
    assert loaded.project is None, "an error must stop the load"
    found = [d for d in errors(loaded) if d.check == check and d.file == file and d.line == line]
    assert len(found) == 1, f"want [{check}] at {file}:{line}, got {shown(loaded)}"
    d = found[0]
    assert d.col >= 1
    if alone:
        assert len(errors(loaded)) == 1, shown(loaded)
    if hint is not None:
        assert hint in d.hint, d.format()
    if message is not None:
        assert message in d.message, d.format()
    return d


def test_the_minimal_fixture_is_valid():
    loaded = load_project(FIXTURE)
    assert loaded.project is not None, shown(loaded)
    assert errors(loaded) == []
    cat = loaded.project.catalogue
    assert [d.id for d in cat.dimensions] == ["culture", "tooling"]
    assert [s.number for s in cat.scale] == [0, 1, 2, 3]
    assert len(cat.factors) == 3 and all(f.requires for f in cat.factors)
    assert len(cat.training) == 2 and any(m.follow_up for m in cat.training)
    assert [t.id for t in loaded.project.teams] == ["alpha"]
    assert [str(s.period) for s in loaded.project.snapshots] == ["2026-Q3"]


# --- types and fields ------------------------------------------------------------------


def test_level_as_text(tmp_path):
    text = broken(tmp_path, ORG, "    level: 1\n    target: 3", "    level: two\n    target: 3")
    d = expect(load(tmp_path), "bad-type", ORG, line_of(text, "level: two"), message="whole number")
    assert d.hint


def test_level_quoted_number_says_remove_the_quotes(tmp_path):
    text = broken(tmp_path, ORG, "    level: 1\n    target: 3", '    level: "2"\n    target: 3')
    d = expect(load(tmp_path), "bad-type", ORG, line_of(text, 'level: "2"'), hint="remove the quotes")
    assert d.col == text.splitlines()[d.line - 1].index('"2"') + 1


def test_capacity_as_text(tmp_path):
    text = broken(tmp_path, ORG, "  capacity: 12", "  capacity: lots")
    expect(load(tmp_path), "bad-type", ORG, line_of(text, "capacity: lots"))


def test_wrong_shape_list_instead_of_map(tmp_path):
    text = broken(tmp_path, ORG, "  owner_limit: 3\n", "  owner_limit: [3]\n")
    expect(load(tmp_path), "bad-type", ORG, line_of(text, "owner_limit: [3]"))


def test_empty_value_is_reported_at_its_own_key(tmp_path):
    # ruamel places an empty block value at the next token (the next line); the loader moves it back
    text = broken(tmp_path, ORG, "  phases: 4\n", "  phases:\n")
    d = expect(load(tmp_path), "bad-type", ORG, line_of(text, "  phases:\n"), message="found nothing")
    assert d.col == 3


def test_empty_value_at_the_end_of_a_file(tmp_path):
    text = broken(tmp_path, TEAM, "  name: Team Alpha\n", "  name:\n")
    expect(load(tmp_path), "bad-type", TEAM, line_of(text, "  name:\n"))


def test_empty_text(tmp_path):
    text = broken(tmp_path, ORG, "  name: Mini Org IT", "  name: ''")
    expect(load(tmp_path), "bad-value", ORG, line_of(text, "name: ''"), message="must not be empty")


def test_unknown_field_did_you_mean(tmp_path):
    text = broken(tmp_path, ORG, "  owner_limit: 3", "  owner_limt: 3")
    d = expect(load(tmp_path), "unknown-field", ORG, line_of(text, "owner_limt"),
               hint="did you mean 'owner_limit'?")
    assert d.col == 3


def test_unknown_field_in_catalogue_factor(tmp_path):
    text = broken(tmp_path, CAT, "    weight: 4", "    wieght: 4")
    expect(load(tmp_path), "unknown-field", CAT, line_of(text, "wieght"), hint="did you mean 'weight'?")


def test_unknown_top_level_section(tmp_path):
    text = broken(tmp_path, ORG, "stakeholders:", "stakeholder:")
    d = expect(load(tmp_path), "unknown-field", ORG, line_of(text, "stakeholder:"), alone=False,
               hint="did you mean 'stakeholders'?")
    assert "the file" in d.message


def test_bad_enum_value_did_you_mean(tmp_path):
    text = broken(tmp_path, CAT, "    format: workshop", "    format: workshp")
    expect(load(tmp_path), "bad-value", CAT, line_of(text, "workshp"), hint="did you mean 'workshop'?")


# Each required field of the format (docs/format-fields.md): (file, old, new, line anchor, field).
# The diagnostic is at the map that lacks the field: its first remaining key.
REQUIRED = {
    "catalogue.id": (CAT, "  id: mini\n", "", "catalogue:", "'id'"),
    "catalogue.title": (CAT, "  title: Minimal test catalogue\n", "", "catalogue:", "'title'"),
    "catalogue.scale": (CAT, "  scale:\n    0: {name: Absent, summary: Nothing is in place.}\n"
                             "    1: {name: Initial}\n    2: {name: Repeatable}\n    3: {name: Defined}\n", "",
                        "catalogue:", "'scale'"),
    "catalogue.dimensions": (CAT, "  dimensions:\n    culture: {title: Culture}\n"
                                  "    tooling: {title: Tooling, description: Tools and automation.}\n", "",
                             "catalogue:", "'dimensions'"),
    "factor.title": (CAT, "    title: Leadership support\n", "", "  leadership:\n", "'title'"),
    "factor.question": (CAT, "    question: Is there leadership support?\n", "", "  leadership:\n",
                        "'question'"),
    "factor.dimension": (CAT, "    dimension: tooling\n", "", "  measurement:\n    title", "'dimension'"),
    "factor.levels": (CAT, "    levels:\n      1: Feedback arrives by chance.\n      2: Feedback is recorded.\n"
                           "      3: Every item gets a response.\n", "", "  feedback-loop:\n    title", "'levels'"),
    "action.id": (CAT, "      - id: set-baselines\n        title", "      - title", "      - title: Record", "'id'"),
    "action.title": (CAT, "        title: Name an accountable sponsor\n", "", "      - id: name-sponsor", "'title'"),
    "action.raises_to": (CAT, "        raises_to: 2\n        effort: 3\n", "        effort: 3\n",
                         "      - id: set-baselines", "'raises_to'"),
    "action.effort": (CAT, "        raises_to: 2\n        effort: 3\n", "        raises_to: 2\n",
                      "      - id: set-baselines", "'effort'"),
    "training.title": (CAT, "    title: Basics course\n", "", "  basics-course:", "'title'"),
    "training.format": (CAT, "    format: workshop\n", "", "  practice-workshop:", "'format'"),
    "training.hours": (CAT, "    hours: 8\n", "", "  basics-course:", "'hours'"),
    "training.audience": (CAT, "    audience: [process-owner]\n", "", "  basics-course:", "'audience'"),
    "role.title": (CAT, "  coach: {title: Coach, description", "  coach: {description", "  coach: {", "'title'"),
    "organisation.name": (ORG, "  name: Mini Org IT\n", "", "organisation:\n  vision", "'name'"),
    "review.period": (ORG, "  period: 2026-Q4\n", "", "review:\n  date", "'period'"),
    "review.date": (ORG, "  date: 2026-11-20\n", "", "review:\n  period", "'date'"),
    "planning.phases": (ORG, "  phases: 4\n", "", "planning:", "'phases'"),
    "planning.capacity": (ORG, "  capacity: 12\n", "", "planning:", "'capacity'"),
    "metric.title": (ORG, "    title: Change success rate\n", "", "  change-success-rate:\n", "'title'"),
    "metric.kind": (ORG, "    kind: outcome\n", "", "  change-success-rate:\n", "'kind'"),
    "metric.unit": (ORG, '    unit: "%"\n', "", "  change-success-rate:\n", "'unit'"),
    "metric.direction": (ORG, "    direction: up\n", "", "  change-success-rate:\n", "'direction'"),
    "goal.id": (ORG, "  - id: reliable-changes\n    statement", "  - statement", "  - statement", "'id'"),
    "goal.statement": (ORG, "    statement: Raise the change success rate from 91.5% to 98% by the end of 2027.\n",
                       "", "  - id: reliable-changes", "'statement'"),
    "initiative.title": (ORG, "    title: Weekly change review with the business\n", "", "  weekly-cab-review:",
                         "'title'"),
    "initiative.factor": (ORG, "    factor: measurement\n    raises_to: 2\n", "    raises_to: 2\n",
                          "  weekly-cab-review:", "'factor'"),
    "initiative.raises_to": (ORG, "    raises_to: 2\n", "", "  weekly-cab-review:", "'raises_to'"),
    "initiative.effort": (ORG, "    effort: 3\n", "", "  weekly-cab-review:", "'effort'"),
    "feedback.date": (ORG, "{date: 2026-10-20, from: sam-okafor,", "{from: sam-okafor,", "The board is hard",
                      "'date'"),
    "feedback.from": (ORG, "{date: 2026-10-20, from: sam-okafor,", "{date: 2026-10-20,", "The board is hard",
                      "'from'"),
    "feedback.text": (ORG, ", text: The board is hard to read.}", "}", "{date: 2026-10-20", "'text'"),
    "team.name": (TEAM, "  name: Team Alpha\n", "", "team:", "'name'"),
}


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_missing_required_field(name, tmp_path):
    file, old, new, anchor, field = REQUIRED[name]
    text = broken(tmp_path, file, old, new)
    d = expect(load(tmp_path), "missing-field", file, line_of(text, anchor))
    assert field in d.message


def test_missing_assessment_level(tmp_path):
    text = broken(tmp_path, ORG, "    level: 1\n    target: 3\n", "    target: 3\n")
    expect(load(tmp_path), "missing-field", ORG, line_of(text, "  leadership:"), message="has no level",
           hint="applicable: false")


def test_not_applicable_needs_no_level(tmp_path):
    # the fixture's feedback-loop is applicable: false with a reason and no level
    loaded = load_project(FIXTURE)
    entry = loaded.project.organisation.assessment_by_factor["feedback-loop"]
    assert entry.applicable is False and entry.reason


def test_not_applicable_without_reason(tmp_path):
    text = broken(tmp_path, ORG, "    reason: Handled by the group service desk.\n", "")
    expect(load(tmp_path), "missing-field", ORG, line_of(text, "applicable: false"), hint="reason")


def test_team_assessment_missing_level(tmp_path):
    text = broken(tmp_path, TEAM, "  leadership: {level: 1, target: 2}", "  leadership: {target: 2}")
    expect(load(tmp_path), "missing-field", TEAM, line_of(text, "leadership:"), message="team 'alpha'")


def test_empty_organisation_file(tmp_path):
    broken(tmp_path, ORG, Path(FIXTURE / ORG).read_text(encoding="utf-8"), "")
    expect(load(tmp_path), "missing-field", ORG, 1, message="empty")


# --- ids -------------------------------------------------------------------------------


def test_bad_slug_person_id_suggests_a_fix(tmp_path):
    text = broken(tmp_path, ORG, "  dana-ruiz: {name: Dana Ruiz", "  Dana_Ruiz: {name: Dana Ruiz")
    expect(load(tmp_path), "bad-id", ORG, line_of(text, "Dana_Ruiz:"), alone=False, hint="try 'dana-ruiz'")


def test_bad_slug_goal_id(tmp_path):
    text = broken(tmp_path, ORG, "  - id: reliable-changes", "  - id: Reliable Changes!")
    expect(load(tmp_path), "bad-id", ORG, line_of(text, "Reliable Changes!"), hint="try 'reliable-changes'")


def test_bad_slug_factor_key(tmp_path):
    text = broken(tmp_path, CAT, "  feedback-loop:\n", "  feedback_loop:\n")
    expect(load(tmp_path), "bad-id", CAT, line_of(text, "feedback_loop:"), alone=False,
           hint="try 'feedback-loop'")


def test_id_longer_than_64_characters(tmp_path):
    text = broken(tmp_path, ORG, "  - id: reliable-changes", "  - id: " + "a" * 65)
    expect(load(tmp_path), "bad-id", ORG, line_of(text, "a" * 65), hint="64 characters")


def test_duplicate_person_id_is_a_duplicate_key(tmp_path):
    text = broken(tmp_path, ORG, "  ext-partner: {name: Partner", "  dana-ruiz: {name: Partner")
    expect(load(tmp_path), "duplicate-key", ORG, line_of(text, "dana-ruiz: {name: Partner"),
           hint=f"line {line_of(text, 'dana-ruiz: {name: Dana')}")


def test_duplicate_goal_id(tmp_path):
    text = broken(tmp_path, ORG, "\ninitiatives:", "\n  - id: reliable-changes\n    statement: Again.\n\ninitiatives:")
    lines = text.splitlines()
    second = [i for i, line in enumerate(lines, 1) if line == "  - id: reliable-changes"][1]
    expect(load(tmp_path), "duplicate-id", ORG, second, hint="line")


# --- references ------------------------------------------------------------------------

REFERENCES = {
    # kind: (file, old, new, line anchor, hint)
    "factor in assessment": (ORG, "  measurement:\n    level: 1", "  measurment:\n    level: 1", "measurment:",
                             "did you mean 'measurement'?"),
    "factor in metric": (ORG, "    factor: measurement\n    description", "    factor: measurment\n    description",
                         "measurment", "did you mean 'measurement'?"),
    "factor in own initiative": (ORG, "    factor: measurement\n    raises_to", "    factor: measurment\n    raises_to",
                                 "measurment", "did you mean 'measurement'?"),
    "factor in team assessment": (TEAM, "  leadership: {level", "  leadershp: {level", "leadershp",
                                  "did you mean 'leadership'?"),
    "person as assessment owner": (ORG, "    owner: dana-ruiz", "    owner: dana-ruis", "dana-ruis",
                                   "did you mean 'dana-ruiz'?"),
    "person as goal owner": (ORG, "    owner: sam-okafor\n\ninitiatives", "    owner: sam-okafr\n\ninitiatives",
                             "sam-okafr", "did you mean 'sam-okafor'?"),
    "person as stakeholder contact": (ORG, "contact: sam-okafor", "contact: sam-okafro", "sam-okafro",
                                      "did you mean 'sam-okafor'?"),
    "person as team lead": (TEAM, "  lead: sam-okafor", "  lead: sam-okafoor", "sam-okafoor",
                            "did you mean 'sam-okafor'?"),
    "role of a person": (ORG, "roles: [process-owner], team", "roles: [proces-owner], team", "proces-owner",
                         "did you mean 'process-owner'?"),
    "role in training audience": (CAT, "    audience: [process-owner]\n", "    audience: [proces-owner]\n",
                                  "proces-owner", "did you mean 'process-owner'?"),
    "role as action owner": (CAT, "        owner_role: sponsor\n      - id: quarterly",
                             "        owner_role: sponsr\n      - id: quarterly", "sponsr",
                             "did you mean 'sponsor'?"),
    "training of an action": (CAT, "        training: [basics-course]", "        training: [basic-course]",
                              "basic-course", "did you mean 'basics-course'?"),
    "training follow_up": (CAT, "    follow_up: practice-workshop", "    follow_up: practise-workshop",
                           "practise-workshop", "did you mean 'practice-workshop'?"),
    "training of an initiative": (ORG, "    training: [basics-course]", "    training: [basic-course]",
                                  "basic-course", "did you mean 'basics-course'?"),
    "metric of a goal": (ORG, "    metric: change-success-rate", "    metric: change-succes-rate",
                         "change-succes-rate", "did you mean 'change-success-rate'?"),
    "dimension of a factor": (CAT, "    dimension: tooling", "    dimension: toolin", "toolin\n",
                              "did you mean 'tooling'?"),
    "factor or dimension a stakeholder is interested in": (
        ORG, "description: Pays the bills.}", "description: Pays the bills., interests: [tooling, leadershp]}",
        "leadershp]", "did you mean 'leadership'?"),
    "stakeholder giving feedback": (ORG, "from: finance, text", "from: financ, text", "financ,",
                                    "did you mean 'finance'?"),
    "required factor": (CAT, "      2: {leadership: 2}", "      2: {leadrship: 2}", "leadrship",
                        "did you mean 'leadership'?"),
}


@pytest.mark.parametrize("kind", sorted(REFERENCES))
def test_unknown_reference_did_you_mean(kind, tmp_path):
    file, old, new, anchor, hint = REFERENCES[kind]
    text = broken(tmp_path, file, old, new)
    d = expect(load(tmp_path), "unknown-id", file, line_of(text, anchor), hint=hint)
    assert "is not a known" in d.message


def test_unknown_reference_with_nothing_close_lists_the_known_ids(tmp_path):
    text = broken(tmp_path, ORG, "    owner: dana-ruiz", "    owner: zzz")
    expect(load(tmp_path), "unknown-id", ORG, line_of(text, "owner: zzz"), hint="known people: ")


def test_unknown_team_of_a_person(tmp_path):
    text = broken(tmp_path, ORG, "team: alpha,", "team: alpah,")
    expect(load(tmp_path), "unknown-id", ORG, line_of(text, "alpah"), hint="did you mean 'alpha'?")


def test_unknown_catalogue_action_in_initiatives(tmp_path):
    text = broken(tmp_path, ORG, "  name-sponsor: {status: done}", "  name-sponsr: {status: done}")
    expect(load(tmp_path), "unknown-id", ORG, line_of(text, "name-sponsr"), hint="did you mean 'name-sponsor'?")


def test_training_follows_itself(tmp_path):
    text = broken(tmp_path, CAT, "    follow_up: practice-workshop", "    follow_up: basics-course")
    expect(load(tmp_path), "bad-reference", CAT, line_of(text, "follow_up: basics-course"), message="itself")


def test_from_on_scope_that_is_not_later(tmp_path):
    text = broken(tmp_path, ORG, "    incident-management: in", "    incident-management: {status: in, from: 2027-Q2}")
    expect(load(tmp_path), "bad-value", ORG, line_of(text, "from: 2027-Q2"), message="'later'")


def test_catalogue_action_with_own_fields(tmp_path):
    text = broken(tmp_path, ORG, "  name-sponsor: {status: done}", "  name-sponsor: {status: done, effort: 4}")
    d = expect(load(tmp_path), "bad-initiative", ORG, line_of(text, "name-sponsor:"), hint="id of its own")
    assert "catalogue action" in d.message


# --- scale and levels ------------------------------------------------------------------


def test_scale_not_starting_at_0(tmp_path):
    text = broken(tmp_path, CAT, "    0: {name: Absent, summary: Nothing is in place.}\n", "")
    expect(load(tmp_path), "bad-scale", CAT, line_of(text, "    1: {name: Initial}"), message="consecutive from 0")


def test_scale_with_a_gap(tmp_path):
    text = broken(tmp_path, CAT, "    2: {name: Repeatable}\n", "")
    d = expect(load(tmp_path), "bad-scale", CAT, line_of(text, "    0: {name: Absent"))
    assert "0, 1, 3" in d.message


def test_empty_scale(tmp_path):
    text = broken(tmp_path, CAT, "  scale:\n    0: {name: Absent, summary: Nothing is in place.}\n"
                                 "    1: {name: Initial}\n    2: {name: Repeatable}\n    3: {name: Defined}\n",
                  "  scale: {}\n")
    expect(load(tmp_path), "bad-scale", CAT, line_of(text, "scale: {}"), message="no levels")


def test_level_not_described(tmp_path):
    text = broken(tmp_path, CAT, "      3: Measures drive decisions.\n", "")
    expect(load(tmp_path), "level-undescribed", CAT, line_of(text, "      1: Some numbers exist."),
           message="level 3", hint="every level")


def test_factor_describes_a_level_off_the_scale(tmp_path):
    text = broken(tmp_path, CAT, "      3: Measures drive decisions.\n",
                  "      3: Measures drive decisions.\n      4: Beyond.\n")
    expect(load(tmp_path), "level-off-scale", CAT, line_of(text, "      1: Some numbers exist."),
           message="level 4")


def test_assessed_level_off_the_scale(tmp_path):
    text = broken(tmp_path, ORG, "    level: 1\n    target: 2", "    level: 4\n    target: 4")
    loaded = load(tmp_path)
    expect(loaded, "level-off-scale", ORG, line_of(text, "    level: 4"), alone=False, message="level 4")
    expect(loaded, "level-off-scale", ORG, line_of(text, "    target: 4"), alone=False, message="target 4")
    assert len(errors(loaded)) == 2


def test_level_off_scale_without_target_is_reported_once(tmp_path):
    text = broken(tmp_path, TEAM, "  leadership: {level: 1, target: 2}", "  leadership: {level: 7}")
    expect(load(tmp_path), "level-off-scale", TEAM, line_of(text, "level: 7"))


def test_team_target_off_the_scale(tmp_path):
    text = broken(tmp_path, TEAM, "  leadership: {level: 1, target: 2}", "  leadership: {level: 1, target: 9}")
    expect(load(tmp_path), "level-off-scale", TEAM, line_of(text, "target: 9"))


def test_action_raises_to_off_the_scale(tmp_path):
    text = broken(tmp_path, CAT, "        raises_to: 2\n        effort: 3", "        raises_to: 4\n        effort: 3")
    expect(load(tmp_path), "level-off-scale", CAT, line_of(text, "raises_to: 4"), message="set-baselines")


def test_action_raises_to_0_is_out_of_range(tmp_path):
    text = broken(tmp_path, CAT, "        raises_to: 2\n        effort: 3", "        raises_to: 0\n        effort: 3")
    expect(load(tmp_path), "out-of-range", CAT, line_of(text, "raises_to: 0"))


def test_own_initiative_raises_to_off_the_scale(tmp_path):
    text = broken(tmp_path, ORG, "    raises_to: 2\n", "    raises_to: 7\n")
    expect(load(tmp_path), "level-off-scale", ORG, line_of(text, "raises_to: 7"))


def test_requires_level_off_the_scale(tmp_path):
    text = broken(tmp_path, CAT, "      2: {leadership: 2}", "      2: {leadership: 5}")
    expect(load(tmp_path), "level-off-scale", CAT, line_of(text, "{leadership: 5}"), message="level 5")


def test_target_below_level(tmp_path):
    text = broken(tmp_path, ORG, "    level: 1\n    target: 2", "    level: 2\n    target: 1")
    d = expect(load(tmp_path), "target-below-level", ORG, line_of(text, "    target: 1"))
    assert d.hint


def test_weight_out_of_range(tmp_path):
    text = broken(tmp_path, CAT, "    weight: 4", "    weight: 6")
    expect(load(tmp_path), "out-of-range", CAT, line_of(text, "weight: 6"), message="at most 5")


# --- periods and dates -----------------------------------------------------------------


@pytest.mark.parametrize("bad", ["2027-Q5", "2027Q1", "2027-Q0", "27-Q1"])
def test_bad_review_period(bad, tmp_path):
    text = broken(tmp_path, ORG, "  period: 2026-Q4", f"  period: {bad}")
    expect(load(tmp_path), "bad-period", ORG, line_of(text, f"period: {bad}"), hint="YYYY-Qn")


def test_bad_period_in_scope_from(tmp_path):
    text = broken(tmp_path, ORG, "from: 2027-Q3,", "from: 2027-Q5,")
    expect(load(tmp_path), "bad-period", ORG, line_of(text, "2027-Q5"))


def test_impossible_date(tmp_path):
    text = broken(tmp_path, ORG, "  date: 2026-11-20", "  date: 2026-02-30")
    expect(load(tmp_path), "bad-date", ORG, line_of(text, "2026-02-30"), hint="does not exist")


def test_badly_written_date(tmp_path):
    text = broken(tmp_path, ORG, "  date: 2026-11-20", "  date: 20/11/2026")
    expect(load(tmp_path), "bad-date", ORG, line_of(text, "20/11/2026"), hint="YYYY-MM-DD")


def test_impossible_evidence_date(tmp_path):
    text = broken(tmp_path, ORG, "date: 2026-09-30", "date: 2026-09-31")
    expect(load(tmp_path), "bad-date", ORG, line_of(text, "2026-09-31"))


def test_review_next_not_after_date(tmp_path):
    text = broken(tmp_path, ORG, "  next: 2027-02-19", "  next: 2026-11-01")
    expect(load(tmp_path), "bad-date", ORG, line_of(text, "next: 2026-11-01"))


# --- requires --------------------------------------------------------------------------


def test_requires_cycle_names_the_cycle(tmp_path):
    text = broken(tmp_path, CAT, "      2: {leadership: 2}", "      2: {feedback-loop: 3}")
    loaded = load(tmp_path)
    cycle = [d for d in errors(loaded) if d.check == "requires-cycle"]
    assert len(cycle) == 1 and len(errors(loaded)) == 1, shown(loaded)
    d = cycle[0]
    assert d.file == CAT
    assert d.line in {line_of(text, "{feedback-loop: 3}"), line_of(text, "{measurement: 2}")}
    assert "feedback-loop 3" in d.message and "measurement 2" in d.message and "->" in d.message
    assert d.hint


def test_requires_unknown_factor(tmp_path):
    text = broken(tmp_path, CAT, "      3: {feedback-loop: 1}", "      3: {feedbak-loop: 1}")
    expect(load(tmp_path), "unknown-id", CAT, line_of(text, "feedbak-loop"), hint="did you mean 'feedback-loop'?")


# --- files and folders -----------------------------------------------------------------


def test_team_file_not_named_by_an_id(tmp_path):
    teams = project(tmp_path) / "content" / "teams"
    (teams / "alpha.yaml").rename(teams / "Bad Team.yaml")
    expect(load(tmp_path), "bad-id", "content/teams/Bad Team.yaml", 1, hint="service-desk.yaml")


EXTRA_CATALOGUE = """\
roles:
  coach: {title: Coach again}
factors:
  measurement:
    title: Measurement again
    question: Is it measured?
    dimension: culture
    levels: {1: a, 2: b, 3: c}
"""


def test_catalogue_id_defined_twice_across_files_names_both_places(tmp_path):
    (project(tmp_path) / "content/catalogue/extra.yaml").write_text(EXTRA_CATALOGUE, encoding="utf-8")
    loaded = load(tmp_path)
    dups = [d for d in errors(loaded) if d.check == "duplicate-id"]
    assert len(dups) == 2 and len(errors(loaded)) == 2, shown(loaded)
    mini = (FIXTURE / CAT).read_text(encoding="utf-8")
    by_kind = {d.message.split("'")[0].strip(): d for d in dups}
    role, factor = by_kind["role"], by_kind["factor"]
    for d, name, extra_line, mini_line in ((role, "coach", 2, line_of(mini, "  coach:")),
                                           (factor, "measurement", 4, line_of(mini, "  measurement:\n"))):
        assert f"'{name}'" in d.message
        places = {(d.file, d.line)}
        other = d.message.rsplit("also at ", 1)[1]
        other_file, other_line, _ = other.split(":")
        places.add((other_file, int(other_line)))
        assert places == {("content/catalogue/extra.yaml", extra_line), (CAT, mini_line)}


def test_two_catalogue_blocks(tmp_path):
    (project(tmp_path) / "content/catalogue/z-more.yaml").write_text(
        "catalogue:\n  id: other\n  title: Other\n"
        "  scale: {0: {name: A}, 1: {name: B}, 2: {name: C}, 3: {name: D}}\n"
        "  dimensions: {culture: {title: C}}\n", encoding="utf-8")
    d = expect(load(tmp_path), "catalogue-header", "content/catalogue/z-more.yaml", 2)
    assert CAT in d.message and d.hint


def test_no_catalogue_block(tmp_path):
    text = broken(tmp_path, CAT, "catalogue:\n  id: mini", "catalog:\n  id: mini")
    loaded = load(tmp_path)
    expect(loaded, "catalogue-header", CAT, 1, alone=False)
    expect(loaded, "unknown-field", CAT, line_of(text, "catalog:"), alone=False, hint="did you mean 'catalogue'?")
    assert len(errors(loaded)) == 2, shown(loaded)


def test_team_defined_by_two_files(tmp_path):
    teams = project(tmp_path) / "content" / "teams"
    (teams / "alpha.yml").write_bytes((teams / "alpha.yaml").read_bytes())
    d = expect(load(tmp_path), "duplicate-id", "content/teams/alpha.yml", 1)
    assert TEAM in d.message


def test_file_linking_outside_the_project_is_refused(tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("team: {name: Elsewhere}\n", encoding="utf-8")
    team = project(tmp_path) / TEAM
    team.unlink()
    try:
        team.symlink_to(outside)
    except OSError:
        pytest.skip("no symlinks here")
    expect(load(tmp_path), "outside-project", TEAM, 1)


def test_snapshot_folder_not_a_period(tmp_path):
    reviews = project(tmp_path) / "content" / "reviews"
    (reviews / "2026-Q3").rename(reviews / "last-quarter")
    expect(load(tmp_path), "bad-period", "content/reviews/last-quarter", 1, hint="YYYY-Qn")


def test_snapshot_period_differs_from_its_folder(tmp_path):
    reviews = project(tmp_path) / "content" / "reviews"
    (reviews / "2026-Q3").rename(reviews / "2026-Q2")
    text = (reviews / "2026-Q2" / "organisation.yaml").read_text(encoding="utf-8")
    d = expect(load(tmp_path), "bad-period", "content/reviews/2026-Q2/organisation.yaml",
               line_of(text, "period: 2026-Q3"))
    assert "2026-Q2" in d.message and "2026-Q3" in d.message


def test_broken_snapshot_is_reported_at_its_own_file(tmp_path):
    text = broken(tmp_path, SNAP, "  capacity: 10", "  capacity: ten")
    expect(load(tmp_path), "bad-type", SNAP, line_of(text, "capacity: ten"))


def test_snapshot_without_a_period_is_one_error(tmp_path):
    text = broken(tmp_path, SNAP, "  period: 2026-Q3\n", "")
    expect(load(tmp_path), "missing-field", SNAP, line_of(text, "review:"), message="'period'")


def test_snapshot_with_a_bad_period_is_one_error(tmp_path):
    text = broken(tmp_path, SNAP, "  period: 2026-Q3\n", "  period: 2026-Q9\n")
    expect(load(tmp_path), "bad-period", SNAP, line_of(text, "2026-Q9"), message="not a quarter")


def test_snapshot_with_unknown_reference(tmp_path):
    text = broken(tmp_path, SNAP, "  measurement: {level: 0", "  measurment: {level: 0")
    expect(load(tmp_path), "unknown-id", SNAP, line_of(text, "measurment"), hint="did you mean 'measurement'?")


def test_snapshot_folder_without_organisation(tmp_path):
    (project(tmp_path) / SNAP).unlink()
    expect(load(tmp_path), "missing-file", SNAP, 1)


def test_missing_organisation_file(tmp_path):
    (project(tmp_path) / ORG).unlink()
    d = expect(load(tmp_path), "missing-file", ORG, 1)
    assert d.hint


def test_yaml_error_in_one_file_still_reports_the_others(tmp_path):
    broken(tmp_path, TEAM, "  name: Team Alpha", '  name: "Team Alpha')
    text = broken(tmp_path, ORG, "  phases: 4", "  phases: four")
    loaded = load(tmp_path)
    expect(loaded, "bad-type", ORG, line_of(text, "phases: four"), alone=False)
    assert any(d.check == "yaml-syntax" and d.file == TEAM for d in errors(loaded)), shown(loaded)


# --- all problems at once --------------------------------------------------------------


def test_all_problems_in_one_run_sorted_by_file_then_line(tmp_path):
    broken(tmp_path, ORG, "  phases: 4", "  phases: two")
    broken(tmp_path, ORG, "    owner: dana-ruiz", "    owner: dana-ruis")
    text = broken(tmp_path, ORG, "    metric: change-success-rate", "    metric: change-succes-rate")
    cat = broken(tmp_path, CAT, "    dimension: tooling", "    dimension: toolin")
    loaded = load(tmp_path)
    got = [(d.file, d.line, d.check) for d in loaded.diagnostics]
    assert got == [
        (CAT, line_of(cat, "toolin\n"), "unknown-id"),
        (ORG, line_of(text, "phases: two"), "bad-type"),
        (ORG, line_of(text, "dana-ruis"), "unknown-id"),
        (ORG, line_of(text, "change-succes-rate"), "unknown-id"),
    ], shown(loaded)
    assert loaded.project is None


def _org_lines() -> list[str]:
    return (FIXTURE / ORG).read_text(encoding="utf-8").splitlines(keepends=True)


def test_every_single_line_deletion_is_reported_not_raised(tmp_path):
    """Property: whatever line of organisation.yaml is deleted, the load never raises and
    every diagnostic is located (file, line >= 1, col >= 1)."""
    lines = _org_lines()
    root = project(tmp_path)
    files = {p.relative_to(root).as_posix() for p in root.rglob("*")} | {"content/reviews/2026-Q3"}
    outcomes = 0
    for index in range(len(lines)):
        (root / ORG).write_text("".join(lines[:index] + lines[index + 1:]), encoding="utf-8")
        loaded = load_project(root)
        for d in loaded.diagnostics:
            where = f"deleting line {index + 1} ({lines[index].strip()!r}): {d.format()}"
            assert d.file in files, where
            assert d.line >= 1 and d.col >= 1, where
            assert d.check and d.message, where
        if loaded.project is None:
            assert errors(loaded), f"deleting line {index + 1}: no project and no error"
        outcomes += 1
    assert outcomes == len(lines)


@pytest.mark.parametrize("link", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x", "//evil.example/x"])
def test_unsafe_evidence_link(tmp_path, link):
    text = broken(tmp_path, ORG, 'link: "https://intranet/minutes/q3"', f'link: "{link}"')
    expect(load(tmp_path), "bad-link", ORG, line_of(text, link), hint="https://")


# --- actions a catalogue revision retired -------------------------------------------------

RETIRED = '''    tooling: {title: Tooling, description: Tools and automation.}
  retired:
    old-sponsor: {since: "1.0", reason: Renamed for clarity., replaced_by: name-sponsor}
    gone-steering: {since: "1.0", reason: Steering is now a level of governance.}
'''


def _retire(tmp_path: Path) -> None:
    broken(tmp_path, CAT, "    tooling: {title: Tooling, description: Tools and automation.}\n", RETIRED)


def test_an_entry_of_a_removed_action_is_a_located_warning_and_is_ignored(tmp_path):
    _retire(tmp_path)
    text = broken(tmp_path, ORG, "  name-sponsor: {status: done}\n",
                  "  name-sponsor: {status: done}\n  gone-steering: {status: in-progress}\n")
    loaded = load(tmp_path)
    assert loaded.project is not None, shown(loaded)
    (d,) = [d for d in loaded.diagnostics if d.check == "retired-action"]
    assert (d.severity, d.file, d.line, d.about) == ("warning", ORG, line_of(text, "gone-steering"), "gone-steering")
    assert "retired in catalogue Minimal test catalogue 1.0: Steering is now a level of governance" in d.message
    assert "initiative of your own" in d.hint
    assert "gone-steering" not in loaded.project.organisation.initiative_by_id


def test_an_entry_of_a_renamed_action_counts_for_the_new_id(tmp_path):
    _retire(tmp_path)
    broken(tmp_path, ORG, "  name-sponsor: {status: done}\n", "  old-sponsor: {status: done}\n")
    loaded = load(tmp_path)
    assert loaded.project is not None, shown(loaded)
    (d,) = [d for d in loaded.diagnostics if d.check == "retired-action"]
    assert "renamed 'name-sponsor'" in d.message and d.hint == "rename the entry to 'name-sponsor'"
    assert loaded.project.organisation.initiative_by_id["name-sponsor"].status == "done"


def test_a_snapshot_may_use_retired_ids_without_a_finding(tmp_path):
    _retire(tmp_path)
    broken(tmp_path, SNAP, "  name-sponsor: {status: planned, owner: dana-ruiz}\n",
           "  old-sponsor: {status: planned, owner: dana-ruiz}\n  gone-steering: {status: planned}\n")
    loaded = load(tmp_path)
    assert loaded.project is not None, shown(loaded)
    assert not [d for d in loaded.diagnostics if d.check == "retired-action"]
    (snap,) = loaded.project.snapshots
    assert set(snap.organisation.initiative_by_id) == {"name-sponsor"}


def test_a_retired_id_must_be_gone_and_its_replacement_must_exist(tmp_path):
    broken(tmp_path, CAT, "    tooling: {title: Tooling, description: Tools and automation.}\n",
           "    tooling: {title: Tooling, description: Tools and automation.}\n  retired:\n"
           "    name-sponsor: {since: '1.0', reason: x, replaced_by: set-baseline}\n")
    loaded = load(tmp_path)
    assert {d.check for d in errors(loaded)} == {"duplicate-id", "unknown-id"}
    (unknown,) = [d for d in errors(loaded) if d.check == "unknown-id"]
    assert "did you mean 'set-baselines'" in unknown.hint
