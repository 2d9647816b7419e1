"""The plan as an issue tracker's import: ``export --format jira-csv | gitlab-csv | github``.

One issue per planned item of the first N phases, each carrying what the tracker needs to find it
again when its status comes back (``roadmap-gen track``, roadmap_gen/commands/track.py):

- the labels ``roadmap-gen`` and ``rg-<item id>`` (Jira, GitHub), cut to GitHub's 50 characters
  with a short stable hash where an id is longer;
- the description's last line ``roadmap-gen: <item id>`` (every format; GitLab's CSV import has
  no labels column, so there it is the only key).

Ids are the plan's item ids, so the same item gets the same labels at every export: a second
import can be matched with the first. Everything here is pure and deterministic.

Text from the project is data in every format:

- CSV cells go through :func:`roadmap_gen.downloads.export.csv_cell` (no formula runs when the file is
  opened in a spreadsheet on its way to the tracker);
- a GitLab description line that starts with ``/`` would be a quick action (``/close``,
  ``/assign``): it gets a backslash, which Markdown shows as nothing;
- every value in the GitHub script is in single quotes (a ``'`` in it is written ``'\\''``), so
  nothing in a title or description is run by the shell, and terminal controls (escape
  sequences, bidirectional overrides) are written as ``\\x1b``-style text, so the script shows
  what it does when it is read before it is run.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from roadmap_gen.core.safe_text import terminal_safe
from roadmap_gen.downloads.export import csv_cell
from roadmap_gen.model import Project
from roadmap_gen.pages.paths import phase_path
from roadmap_gen.plan.types import Item, Plan
from roadmap_gen.settings.read import load_settings
from roadmap_gen.workspace.workspace import Workspace

TRACKER_FORMATS = ("jira-csv", "gitlab-csv", "github")
ALL_LABEL = "roadmap-gen"
LABEL_PREFIX = "rg-"
#: GitHub refuses a label name longer than this.
MAX_LABEL = 50
KEY_LINE = "roadmap-gen: "
#: The longest title every tracker takes (Jira's and GitLab's limit; GitHub's is 256).
MAX_TITLE = 255
JIRA_HEADER = ("Summary", "Description", "Issue Type", "Labels", "Labels", "Due date", "Assignee")
GITLAB_HEADER = ("title", "description")


def item_label(item_id: str) -> str:
    """``rg-<id>``; past 50 characters, cut and ended with 8 hex digits of the id's sha256 (stable)."""
    label = LABEL_PREFIX + item_id
    if len(label) <= MAX_LABEL:
        return label
    digest = hashlib.sha256(item_id.encode("utf-8")).hexdigest()[:8]
    return label[:MAX_LABEL - len(digest) - 1].rstrip("-") + "-" + digest


@dataclass(frozen=True)
class Issue:
    """One planned item as a tracker issue."""

    id: str
    label: str
    title: str
    body: str
    period: str
    due: str  # the last day of the item's phase, YYYY-MM-DD
    assignee: str  # the owner's email, else ""


def phase_url(site_url: str, period: str, *, directory_urls: bool = True) -> str:
    """The built address of a phase's page under *site_url*."""
    page = phase_path(period)[:-3]
    return site_url.rstrip("/") + "/" + (page + "/" if directory_urls else page + ".html")


def plan_issues(project: Project, plan: Plan, phases: int | None = None, site_url: str = "",
                *, directory_urls: bool = True) -> tuple[Issue, ...]:
    """The issues of the planned items of the first *phases* phases (all when None), in plan order."""
    catalogue, org = project.catalogue, project.organisation
    people = org.person_by_id
    goals = {g.id: g for g in org.goals}
    issues = []
    for phase in plan.phases[:phases]:
        period = str(phase.period)
        for item in phase.items:
            if item.synthetic:
                continue
            factor = catalogue.factor_by_id.get(item.factor)
            level_text = factor.level_text(item.raises_to) if factor else ""
            lines = [f"Factor: {factor.title if factor else item.factor} ({item.factor})",
                     f"Level: raises it to {item.raises_to}" + (f": {level_text}" if level_text else "")]
            done_when = _done_when(project, item)
            if done_when:
                lines.append(f"Done when: {done_when}")
            lines.append(f"Phase: {period} (due {phase.period.last_day.isoformat()})")
            if item.goals:
                lines.append("Goals it enables: " + "; ".join(
                    f"{g} ({goals[g].statement})" if g in goals else g for g in item.goals))
            if item.owner_name:
                lines.append(f"Owner: {item.owner_name}")
            if site_url:
                lines.append(f"Phase page: {phase_url(site_url, period, directory_urls=directory_urls)}")
            lines.append(KEY_LINE + item.id)
            owner = people.get(item.owner) if item.owner else None
            title = _one_line(item.title, MAX_TITLE)
            issues.append(Issue(item.id, item_label(item.id), title, "\n".join(lines), period,
                                phase.period.last_day.isoformat(), owner.email if owner else ""))
    return tuple(issues)


def _one_line(text: str, most: int) -> str:
    """*text* on one line (a tracker's title is one), cut to *most* characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= most else text[:most - 1].rstrip() + "\u2026"


def _done_when(project: Project, item: Item) -> str:
    """The catalogue action's description; for work of the organisation's own, its notes."""
    action = project.catalogue.action_by_id.get(item.id)
    if action is not None and not item.own:
        return " ".join(action.description.split())
    entry = project.organisation.initiative_by_id.get(item.id)
    return " ".join(entry.notes.split()) if entry is not None else ""


# --- CSV ------------------------------------------------------------------------------------


def _csv(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(header))
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()


def jira_csv(issues: Iterable[Issue]) -> str:
    """Jira's CSV import: one row per issue, two Labels columns (Jira reads each as one label)."""
    return _csv(JIRA_HEADER, ([i.title, i.body, "Task", ALL_LABEL, i.label, i.due, i.assignee] for i in issues))


_QUICK_ACTION = re.compile(r"^(\s*)/", re.M)


def gitlab_csv(issues: Iterable[Issue]) -> str:
    """GitLab's CSV import (title, description); a line starting with '/' is escaped so that GitLab does
    not run it as a quick action."""
    return _csv(GITLAB_HEADER, ([i.title, _QUICK_ACTION.sub(r"\1\\/", i.body)] for i in issues))


# --- the GitHub script ----------------------------------------------------------------------


def shell_quote(text: str) -> str:
    """*text* as one single-quoted POSIX shell word: nothing in it is expanded or run.

    Terminal controls are written out as text (``\\x1b``) and CR becomes LF, so that reading the
    script (``less``, ``cat``) shows what it does."""
    text = terminal_safe(text.replace("\r\n", "\n").replace("\r", "\n"), keep_newlines=True)
    return "'" + text.replace("'", "'\\''") + "'"


_SCRIPT_HEAD = """\
#!/bin/sh
# The roadmap's planned work as GitHub issues, made by roadmap-gen (export --format github).
#
# Read it before you run it. It only calls the GitHub CLI (gh):
#   1. gh label create --force: the label 'roadmap-gen' and one 'rg-<item id>' label per item;
#   2. gh issue create: one issue per item, unless an issue with its rg- label exists already
#      (open or closed), so running it twice makes no second issue.
# Every title, description and label is a single-quoted word: nothing in them is run.
#
# Run it in a clone of the repository, or name one: GH_REPO=owner/name sh THIS-FILE
# Statuses come back with:
#   gh issue list --label roadmap-gen --state all --limit 1000 \\
#     --json number,title,state,labels > issues.json
#   roadmap-gen track issues.json
set -eu

if ! command -v gh >/dev/null 2>&1; then
  echo "the GitHub CLI (gh) is not installed: see https://cli.github.com, then run this again" >&2
  exit 1
fi

# has_issue LABEL: true when an issue (open or closed) carries LABEL. When gh cannot say
# (no network, not logged in), stop: making the issue anyway could make it twice.
has_issue() {
  found=$(gh issue list --label "$1" --state all --limit 1 --json number --jq '.[].number') || {
    echo "gh issue list failed: stopped, so that no issue is made twice; run this again" >&2
    exit 1
  }
  [ -n "$found" ]
}
"""


def github_script(issues: Iterable[Issue]) -> str:
    """A POSIX shell script that makes the issues with ``gh``: labels first, then one issue per item
    that has none yet."""
    issues = tuple(issues)
    out = [_SCRIPT_HEAD, "\n# 1. Labels\n",
           f"gh label create --force {shell_quote(ALL_LABEL)} --color 5319e7"
           f" --description {shell_quote('Planned work from the roadmap')}\n"]
    for issue in issues:
        out.append(f"gh label create --force {shell_quote(issue.label)} --color ededed"
                   f" --description {shell_quote('roadmap item ' + issue.id)}\n")
    out.append("\n# 2. Issues, phase by phase\n")
    period = ""
    for issue in issues:
        if issue.period != period:
            period = issue.period
            out.append(f"\n# {period} (ends {issue.due})\n")
        label = shell_quote(issue.label)
        out.append(f"if has_issue {label}; then\n"
                   f"  echo {shell_quote('exists already: ' + issue.label)}\n"
                   f"else\n"
                   f"  gh issue create --label={shell_quote(ALL_LABEL)} --label={label} \\\n"
                   f"    --title={shell_quote(issue.title)} \\\n"
                   f"    --body={shell_quote(issue.body)}\n"
                   f"fi\n")
    out.append(f"\necho {shell_quote(f'done: {len(issues)} item(s) of the roadmap checked')}\n")
    return "".join(out)


def site_link(workspace: Workspace, project: Project) -> tuple[str, bool]:
    """mkdocs.yml's ``site_url`` when it is an http(s) address (else ""), and whether pages are built
    as folders (``use_directory_urls``, off for an ``offline`` site)."""
    settings = load_settings(workspace.files())
    url = settings.data.get("site_url") if settings.ok else None
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        url = ""
    folders = settings.data.get("use_directory_urls", True) is not False and not project.settings.offline
    return url, folders


def tracker_export(workspace: Workspace, project: Project, plan: Plan, fmt: str, phases: int | None = None
                   ) -> str:
    """``export --format jira-csv|gitlab-csv|github``: the text to write."""
    url, folders = site_link(workspace, project)
    return tracker_text(fmt, plan_issues(project, plan, phases, url, directory_urls=folders))


def tracker_text(fmt: str, issues: Iterable[Issue]) -> str:
    """The export in *fmt*, one of :data:`TRACKER_FORMATS`."""
    if fmt == "jira-csv":
        return jira_csv(issues)
    if fmt == "gitlab-csv":
        return gitlab_csv(issues)
    return github_script(issues)


__all__ = ["ALL_LABEL", "GITLAB_HEADER", "Issue", "JIRA_HEADER", "KEY_LINE", "LABEL_PREFIX", "TRACKER_FORMATS",
           "github_script", "gitlab_csv", "item_label", "jira_csv", "phase_url", "plan_issues", "shell_quote",
           "site_link", "tracker_export", "tracker_text"]
