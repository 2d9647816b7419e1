"""``roadmap-gen survey``: load the project, write the workbook(s) through the safe writer."""

from __future__ import annotations

import os
from pathlib import Path

from roadmap_gen.core.diagnostics import InputError, UsageError
from roadmap_gen.core.safe_write import check_output, write_output
from roadmap_gen.load.project import load_project
from roadmap_gen.survey.workbook import survey_bytes
from roadmap_gen.workspace.workspace import Workspace


def write_surveys(workspace: Workspace, team: str | None, output: Path | None, teams_dir: Path | None
                  ) -> list[str]:
    """Write the survey of *team* (None: the organisation) to *output*, or one per team into *teams_dir*;
    returns the files written."""
    if (output is None) == (teams_dir is None):
        raise UsageError("give --output FILE.xlsx (one workbook) or --teams DIR (one per team), not both")
    if teams_dir is not None and team is not None:
        raise UsageError("--team picks one team for --output; --teams writes every team's workbook")
    for target in (output, teams_dir):
        if target is not None:
            check_output(workspace.root, target)  # before any work
    loaded = load_project(workspace)
    project = loaded.project
    if project is None:
        raise InputError([d for d in loaded.diagnostics if d.severity == "error"])
    ids = [t.id for t in project.teams]
    if team is not None and team not in ids:
        raise UsageError(f"there is no team '{team}' (content/teams/{team}.yaml); the teams are: "
                         f"{', '.join(ids) or 'none'}")
    if output is not None:
        write_output(workspace.root, output, survey_bytes(project, team))
        return [str(output)]
    assert teams_dir is not None
    if not ids:
        raise UsageError("the project has no teams (content/teams/): survey --output FILE.xlsx writes the "
                         "organisation's workbook")
    if not os.path.isdir(teams_dir):
        teams_dir.mkdir(parents=True)
    written = []
    for team_id in ids:
        target = teams_dir / f"{team_id}.xlsx"
        write_output(workspace.root, target, survey_bytes(project, team_id))
        written.append(str(target))
    return written
