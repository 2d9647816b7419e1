"""Diagnostics as CI systems read them: GitHub workflow commands, GitLab Code Quality reports, SARIF.

``validate --format github`` prints one workflow command per finding, which
GitHub Actions shows as an annotation on the file and line of a pull request::

    ::warning file=content/organisation.yaml,line=40,col=5,title=[vague-goal]::the goal ... (hint)

``validate --format gitlab`` prints a Code Quality report (a JSON array) that a
GitLab job publishes with ``artifacts: reports: codequality:``; merge requests
then show the findings that are new or fixed.

``validate --format sarif`` prints a SARIF 2.1.0 log (JSON), which code-scanning
dashboards read (GitHub's ``upload-sarif`` action, GitLab, Azure DevOps, SonarQube):
one rule per health check, one result per finding.

Paths are relative to the repository: ``prefix`` is the project folder's path
inside it (``""`` when the project is the repository's root).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence

from roadmap_gen.core.diagnostics import SEVERITIES, CheckInfo, Diagnostic, Severity, sorted_diagnostics


def repo_path(file: str, prefix: str) -> str:
    """A project-relative path made relative to the repository; labels such as '(packaged catalogue)/x' stay."""
    if not prefix or prefix == "." or file.startswith("("):
        return file
    return f"{prefix.rstrip('/')}/{file}"


def _message(d: Diagnostic) -> str:
    return f"{d.message} ({d.hint})" if d.hint else d.message


# --- GitHub Actions ---------------------------------------------------------------------


# Control characters other than CR and LF (which the runner decodes) would reach the job's log
# as they are: a terminal escape could recolour or hide lines. They are shown as \xNN instead.
_CONTROLS = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def escape_data(text: str) -> str:
    """The message part of a workflow command: %, CR and LF percent-encoded; other controls made visible."""
    text = _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): also ':' and ',', which separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


#: GitHub's annotation levels happen to share the severities' names.
_GITHUB_COMMAND = {"error": "error", "warning": "warning", "notice": "notice"}


def github_line(d: Diagnostic, prefix: str = "") -> str:
    props = [f"file={escape_property(repo_path(d.file, prefix))}"]
    if d.line > 0:
        props.append(f"line={d.line}")
        if d.col > 0:
            props.append(f"col={d.col}")
    props.append(f"title={escape_property(f'[{d.check}]')}")
    return f"::{_GITHUB_COMMAND[d.severity]} {','.join(props)}::{escape_data(_message(d))}"


def github_commands(diags: Iterable[Diagnostic], prefix: str = "") -> str:
    return "".join(github_line(d, prefix) + "\n" for d in sorted_diagnostics(diags))


# --- GitLab Code Quality ------------------------------------------------------------------

_SEVERITY = {"error": "major", "warning": "minor", "notice": "info"}


def gitlab_report(diags: Iterable[Diagnostic], prefix: str = "") -> list[dict[str, object]]:
    """The Code Quality report: one issue per finding, each with a fingerprint stable across runs.

    The fingerprint hashes what the finding is (check, file, what it is about, message), not its
    line, so that GitLab still knows a finding after lines above it moved; findings that would hash
    the same are told apart by their order.
    """
    report: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    for d in sorted_diagnostics(diags):
        path = repo_path(d.file, prefix)
        key = "\0".join((d.check, path, d.about or "", d.message))
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
        report.append({
            "description": f"[{d.check}] {_message(d)}",
            "check_name": d.check,
            "fingerprint": fingerprint,
            "severity": _SEVERITY[d.severity],
            "location": {"path": path, "lines": {"begin": max(d.line, 1)}},
        })
    return report


def gitlab_json(diags: Sequence[Diagnostic], prefix: str = "") -> str:
    return json.dumps(gitlab_report(diags, prefix), indent=2, ensure_ascii=False) + "\n"


# --- SARIF 2.1.0 -----------------------------------------------------------------------

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "notice": "note"}


def _sarif_rule(info: CheckInfo) -> dict[str, object]:
    rule: dict[str, object] = {"id": info.id, "name": info.title,
                               "defaultConfiguration": {"level": _SARIF_LEVEL[info.severity]}}
    if info.looks_for:
        rule["shortDescription"] = {"text": info.looks_for}
    if info.action:
        rule["help"] = {"text": info.action}
    return rule


def _sarif_result(d: Diagnostic, index: int, prefix: str, fingerprint: str) -> dict[str, object]:
    result: dict[str, object] = {"ruleId": d.check, "ruleIndex": index, "level": _SARIF_LEVEL[d.severity],
                                 "message": {"text": _message(d)},
                                 "partialFingerprints": {"roadmapGen/v1": fingerprint}}
    if not d.file.startswith("("):  # a label such as '(packaged catalogue)/x' is no file of the repository
        physical: dict[str, object] = {"artifactLocation": {"uri": repo_path(d.file, prefix)}}
        if d.line > 0:
            physical["region"] = {"startLine": d.line, **({"startColumn": d.col} if d.col > 0 else {})}
        result["locations"] = [{"physicalLocation": physical}]
    if d.waiver is not None:  # shown, but accepted for a while: a dashboard lists it as suppressed
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": f"{d.waiver.reason} (approved by {d.waiver.approved_by}, "
                                                    f"until {d.waiver.until})"}]
    return result


def sarif_log(diags: Iterable[Diagnostic], rules: Sequence[CheckInfo], version: str,
              prefix: str = "") -> dict[str, object]:
    """A SARIF log of one run: *rules* (the check registry's entries, in its order) and one result per finding.

    A finding whose check is not in *rules* (a loading or site problem) gets a rule of its own, named
    by its id (at the level of the worst of its findings), so that every result's ``ruleIndex``
    points at its rule. Fingerprints are GitLab's
    (stable when lines above a finding move).
    """
    ordered = sorted_diagnostics(diags)
    known = {info.id for info in rules}
    extra = sorted({d.check for d in ordered} - known)
    worst: dict[str, Severity] = {}
    for d in ordered:
        worst[d.check] = min(worst.get(d.check, d.severity), d.severity, key=SEVERITIES.index)
    all_rules = [*rules, *(CheckInfo(check_id, check_id, "", "", (), worst[check_id]) for check_id in extra)]
    index = {info.id: i for i, info in enumerate(all_rules)}
    fingerprints = [str(issue["fingerprint"]) for issue in gitlab_report(ordered, prefix)]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {"name": "roadmap-gen", "version": version,
                                "rules": [_sarif_rule(info) for info in all_rules]}},
            "columnKind": "unicodeCodePoints",
            "results": [_sarif_result(d, index[d.check], prefix, fp) for d, fp in zip(ordered, fingerprints)],
        }],
    }


def sarif_json(diags: Iterable[Diagnostic], rules: Sequence[CheckInfo], version: str, prefix: str = "") -> str:
    return json.dumps(sarif_log(diags, rules, version, prefix), indent=2, ensure_ascii=False) + "\n"


__all__ = ["SARIF_VERSION", "escape_data", "escape_property", "github_commands", "github_line", "gitlab_json",
           "gitlab_report", "repo_path", "sarif_json", "sarif_log"]
