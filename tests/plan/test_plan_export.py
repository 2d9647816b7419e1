"""plan_to_json and plan_to_csv."""

from __future__ import annotations

import csv
import io
import json

from roadmap_gen.downloads.export import CSV_COLUMNS, num, plan_to_csv, plan_to_json
from roadmap_gen.plan import make_plan

from .builders import action, assess, catalogue, entry, factor, goal, module, organisation, person, project, scope


def _plan():
    f = factor("f", "people", actions=[action("f1", 1, 2, training=["found"]), action("f2", 2, 20)])
    g = factor("g", "process", actions=[action("g1", 1, 1.5)])
    org = organisation([assess("f", 0, 2, owner="boss"), assess("g", 0, 1, owner="pat")],
                       people=[person("boss", ["sponsor"]), person("pat", ["practitioner"])],
                       scope_items=[scope("incident"), scope("change"), scope("later-one", "later"),
                                    scope("servers", kind="configuration_items")],
                       goals=[goal("vague", "Improve things", metric="outcome-one", target=70, due="2027-Q4",
                                   needs={"g": 1})],
                       initiatives=[entry("f1", responsible=["pat"])])
    return make_plan(project(catalogue([f, g], training=[module("found", 8, ["practitioner"])]), org))


def test_json_has_the_documented_shape():
    data = plan_to_json(_plan())
    assert json.loads(json.dumps(data)) == data
    assert data["organisation"] == "Test Org" and data["review"] == "2026-Q4"
    phase = data["phases"][0]
    assert {"period", "capacity", "effort", "scope", "items"} <= set(phase)
    assert phase["period"] == "2027-Q1" and phase["capacity"] == 10 and isinstance(phase["capacity"], int)
    assert phase["effort"] == 3.5 and phase["scope"] == ["change", "incident"]
    assert phase["configuration_items"] == ["servers"]
    item = phase["items"][0]
    assert {k: item[k] for k in ("id", "factor", "raises_to", "effort", "owner", "training")} == \
        {"id": "f1", "factor": "f", "raises_to": 1, "effort": 2, "owner": "boss", "training": ["found"]}
    assert data["later"][0] == {**data["later"][0], "id": "f2", "factor": "f", "raises_to": 2, "reason": "too-large"}
    assert data["levels"]["f"]["now"] == 0 and data["levels"]["f"]["target"] == 2
    assert data["levels"]["f"]["projected"] == [1, 1, 1, 1]
    finding = next(f for f in data["findings"] if f["check"] == "vague-goal")
    assert {"check", "severity", "file", "line", "message"} <= set(finding)
    assert finding["severity"] == "warning" and finding["file"] == "content/organisation.yaml"
    assert data["scope"]["unplaced"] == [{"kind": "practices", "id": "later-one"}]
    assert data["training"]["sessions"][0]["people"] == ["pat"]
    # version 1.1: each item's dimension, pin and goals; the goals; each finding's about and waived
    assert {item["id"]: (item["dimension"], item["pinned"], item["goals"]) for item in phase["items"]} == \
        {"f1": ("people", False, []), "g1": ("process", False, ["vague"])}
    (g,) = data["goals"]
    assert {k: g[k] for k in ("id", "status", "metric", "target", "due", "needs_reached")} == \
        {"id": "vague", "status": "no-data", "metric": "outcome-one", "target": 70, "due": "2027-Q4",
         "needs_reached": "2027-Q1"}
    assert finding["about"] == "vague" and finding["waived"] is False


def test_csv_one_row_per_item_deterministic():
    plan = _plan()
    text = plan_to_csv(plan)
    assert text == plan_to_csv(plan) and "\r" not in text and text.endswith("\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r[:2] for r in rows[1:]] == [["2027-Q1", "f1"], ["2027-Q1", "g1"], ["later", "f2"]]
    assert rows[1][6] == "2" and rows[2][6] == "1.5" and rows[1][9] == "found"
    assert rows[3][10:12] == ["later", "too-large"]


def test_num():
    assert num(2.0) == 2 and isinstance(num(2.0), int)
    assert num(2.5) == 2.5 and num(None) is None and num(3) == 3
    assert num(0.1 + 0.2) == 0.3
