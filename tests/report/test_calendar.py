"""downloads/roadmap.ics, read back with the icalendar package: every event, stable UIDs, dates from the review."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from icalendar import Calendar

from example_project import copy_example
from roadmap_gen.commands.review import open_review
from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.pages import paths, render_site
from roadmap_gen.pipeline import plan_project
from roadmap_gen.workspace.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]


def calendar_of(project_dir: Path) -> tuple[bytes, dict[str, dict]]:
    planned = plan_project(project_dir)
    assert planned.project is not None and planned.plan is not None
    data = render_site(project_dir, planned.project, planned.plan, BuildInfo()).files[paths.ICS_FILE]
    events = {}
    for event in Calendar.from_ical(data).walk("VEVENT"):
        uid = str(event["UID"])
        assert uid not in events, f"two events with UID {uid}"
        events[uid] = {"summary": str(event["SUMMARY"]), "start": event.decoded("DTSTART"),
                       "end": event.decoded("DTEND"), "stamp": event.decoded("DTSTAMP"),
                       "sequence": int(event["SEQUENCE"]), "description": str(event["DESCRIPTION"])}
    return data, events


def by_summary(events: dict[str, dict]) -> dict[str, tuple[str, dict]]:
    return {e["summary"]: (uid, e) for uid, e in events.items()}


def test_every_event_of_the_example() -> None:
    data, events = calendar_of(REPO)
    summaries = by_summary(events)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and b"X-WR-CALNAME:Same-Day IT \xc2\xb7 Northwind Health IT" in data
    # the next review, 8 phases' first and last days, 5 goals, 1 dependency, 8 waivers, and tell-by days
    tells = [e for e in events.values() if e["summary"].startswith("Same-Day IT: tell ")]
    assert len(events) == 1 + 2 * 8 + 5 + 1 + 8 + len(tells) and len(tells) >= 30
    tell = summaries["Same-Day IT: tell Finance about 2027-Q1"][1]
    assert tell["start"] == date(2026, 12, 2)  # 30 days before 2027-01-01, across the year
    assert "Contact: Owen Price." in tell["description"] and "Consult them on:" in tell["description"]
    assert summaries["Same-Day IT: quarterly review"][1]["start"] == date(2027, 2, 19)
    assert summaries["Same-Day IT: phase 2027-Q1 starts"][1]["start"] == date(2027, 1, 1)
    assert summaries["Same-Day IT: phase 2028-Q4 ends"][1]["start"] == date(2028, 12, 31)
    assert summaries["Same-Day IT: goal change-success-97 falls due"][1]["start"] == date(2027, 6, 30)
    waiver = summaries["Same-Day IT: waiver of regression about in-house-expertise lapses"][1]
    assert waiver["start"] == date(2027, 3, 31)  # until 2027-Q1: its last day
    assert "Dana Ruiz" in waiver["description"]
    for e in events.values():
        assert type(e["start"]) is date and e["end"] == e["start"] + timedelta(days=1)  # all-day
        assert e["stamp"] == datetime(2026, 11, 20, tzinfo=timezone.utc)  # the review's day, not the clock
        assert e["sequence"] == 2026 * 4 + 3
    assert "Agree a written time allocation" in summaries["Same-Day IT: phase 2027-Q1 starts"][1]["description"]


def test_same_project_same_bytes() -> None:
    assert calendar_of(REPO)[0] == calendar_of(REPO)[0]


def test_uids_stay_and_dates_move_after_the_review(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    _, before = calendar_of(project)
    open_review(Workspace(project), "2027-Q1", date(2027, 2, 19))
    _, after = calendar_of(project)
    old, new = by_summary(before), by_summary(after)

    uid, review = old["Same-Day IT: quarterly review"]
    assert new["Same-Day IT: quarterly review"][0] == uid  # the same event, moved
    assert review["start"] == date(2027, 2, 19) and new["Same-Day IT: quarterly review"][1]["start"] == date(2027, 5, 19)
    assert new["Same-Day IT: quarterly review"][1]["sequence"] > review["sequence"]
    assert new["Same-Day IT: quarterly review"][1]["stamp"] == datetime(2027, 2, 19, tzinfo=timezone.utc)
    # the plan starts a quarter later: 2027-Q1 is gone, 2029-Q1 is new, the phases in both keep their UIDs
    assert "Same-Day IT: phase 2027-Q1 starts" not in new and "Same-Day IT: phase 2029-Q1 starts" in new
    for summary in ("Same-Day IT: phase 2027-Q2 starts", "Same-Day IT: phase 2028-Q4 ends",
                    "Same-Day IT: goal ward-satisfaction-4 falls due", "Same-Day IT: tell Finance about 2027-Q3"):
        assert old[summary][0] == new[summary][0], summary
        assert new[summary][1]["sequence"] == old[summary][1]["sequence"] + 1
    # every UID of an event in both files is unchanged: a re-import updates them
    assert {u for s, (u, _) in old.items() if s in new} == {new[s][0] for s in old if s in new}
