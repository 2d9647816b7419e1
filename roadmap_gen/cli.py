"""The command line: parse arguments, call the core, turn results into output and exit codes.

This is the only module that prints, exits, or reads the clock and the
environment. Exit status: 0 success; 1 the inputs have errors (or warnings
under --strict); 2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping, NoReturn, Sequence, TextIO

from roadmap_gen.core.diagnostics import Diagnostic, InputError, RoadmapError, UsageError, capped_per_file, has_errors
from roadmap_gen.model import ENGINES
from roadmap_gen.core.safe_text import json_safe, log_safe, terminal_safe
from roadmap_gen.core.version import __version__

if TYPE_CHECKING:
    from roadmap_gen.commands.install_source import Source
    from roadmap_gen.pipeline import Planned

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
TRUST_HELP = ("trust this project: let its mkdocs.yml run Markdown extensions, plugins, hooks and theme "
              "overrides, its site_config/ add JavaScript, its pages raw HTML, and its inputs be links out of "
              "the project (docs/security.md); never give it for changes you have not read")
ENGINE_HELP = ("the site engine: mkdocs (MkDocs with Material, the default) or zensical"
               " (pip install 'roadmap-gen[zensical]'); overrides roadmap-gen.yaml's engine")
WAIT_HELP = "how long to wait for another roadmap-gen command working on the same project or site (default: 120)"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 on a usage error, as docs/format.md promises; keep the hint short
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n(see '{self.prog} --help')\n")


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="roadmap-gen",
        description="Turn an improvement programme's self-assessment against a catalogue of critical success "
                    "factors (YAML) into a phased roadmap website.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_examples("roadmap-gen init my-roadmap", "cd my-roadmap && roadmap-gen build --strict",
                         "roadmap-gen validate --strict --format json"))
    parser.add_argument("--version", action="version", version=f"roadmap-gen {__version__}")
    parser.add_argument("--project", metavar="DIR", default=".",
                        help="the project folder (holding content/); default: the current folder")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def command(name: str, help_text: str, examples: Sequence[str]) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text,
                           formatter_class=argparse.RawDescriptionHelpFormatter, epilog=_examples(*examples))
        p.add_argument("--project", metavar="DIR", default=argparse.SUPPRESS,
                       help="the project folder (holding content/); default: the current folder")
        if name != "init":
            p.add_argument("--trust", action="store_true", help=TRUST_HELP)
        if name in ("build", "serve", "review"):
            p.add_argument("--wait", metavar="SECONDS", type=_seconds, default=120.0, help=WAIT_HELP)
        if name in ("build", "serve", "validate"):
            p.add_argument("--engine", choices=ENGINES, default=None, help=ENGINE_HELP)
        return p

    p = command("validate", "load, validate, plan, run the health checks and check what build would refuse"
                " (templates, links); writes nothing in the project",
                ["roadmap-gen validate", "roadmap-gen validate --strict   # warnings fail too (for CI)",
                 "roadmap-gen validate --format json > findings.json",
                 "roadmap-gen validate --full --strict --format github   # annotations in GitHub Actions",
                 "roadmap-gen validate --full --strict --format gitlab > gl-code-quality.json",
                 "roadmap-gen validate --full --format sarif > roadmap.sarif   # for code-scanning dashboards"])
    p.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings as well as errors")
    p.add_argument("--full", action="store_true",
                   help="also render every page, make the workbook and calendar, and build the site with the"
                        " site engine in a temporary folder outside the project and report its warnings (slower;"
                        " what CI should run before publishing)")
    p.add_argument("--format", choices=("text", "json", "github", "gitlab", "sarif"), default="text",
                   help="how to print findings: text on standard error; json, github (workflow commands that"
                        " annotate a pull request), gitlab (a Code Quality report) or sarif (SARIF 2.1.0, for"
                        " code-scanning dashboards) on standard output")
    p.set_defaults(run=_cmd_validate)

    p = command("export", "print the plan as JSON, CSV or a spreadsheet (xlsx), or as issues to import into"
                " Jira, GitLab or GitHub, on standard output",
                ["roadmap-gen export --format json > roadmap.json", "roadmap-gen export --format csv",
                 "roadmap-gen export --format xlsx --output roadmap.xlsx",
                 "roadmap-gen export --format jira-csv --phases 1 > next-phase.csv",
                 "roadmap-gen export --format github > make-issues.sh   # read it, then: sh make-issues.sh"])
    p.add_argument("--format", choices=("json", "csv", "xlsx", "jira-csv", "gitlab-csv", "github"), default="json",
                   help="json (the same as the site's downloads/roadmap.json), csv (one row per planned and"
                        " later item), xlsx (a workbook: plan, owners, training, goals, findings), or one issue"
                        " per planned item: jira-csv, gitlab-csv (CSV imports) or github (a gh script)")
    p.add_argument("--phases", metavar="N", type=_phases, default=None,
                   help="jira-csv, gitlab-csv and github: only the items of the first N phases (default: all)")
    p.add_argument("--output", metavar="FILE", default=None,
                   help="write to FILE instead of standard output (xlsx needs it when standard output is a"
                        " terminal)")
    p.set_defaults(run=_cmd_export)

    p = command("build", "validate, then build the site into site/ (the old site stays on any error)",
                ["roadmap-gen build", "roadmap-gen build --strict --site-dir public"])
    p.add_argument("--strict", action="store_true", help="fail on warnings as well as errors")
    p.add_argument("--site-dir", metavar="DIR", default=None,
                   help="where the site goes (default: site/ in the project); its old content is replaced")
    _add_pdf_options(p, "also put the board pack as a PDF into the site, at downloads/report.pdf (needs"
                        " roadmap-gen[pdf])")
    p.set_defaults(run=_cmd_build)

    p = command("report", "print the board pack (the report/ page: summary, what changed, next phase,"
                " decisions, findings) to a PDF; the project's site is not touched",
                ["roadmap-gen report --pdf board-pack.pdf",
                 "roadmap-gen report --pdf board-pack.pdf --paper letter   # US paper; SOURCE_DATE_EPOCH dates it"])
    p.add_argument("--pdf", metavar="FILE", required=True,
                   help="the PDF file to write (needs WeasyPrint: pip install 'roadmap-gen[pdf]')")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="the paper size (default: a4)")
    p.add_argument("--strict", action="store_true", help="fail on warnings as well as errors")
    p.set_defaults(run=_cmd_report)

    p = command("serve", "build and serve on localhost, rebuilding on every change",
                ["roadmap-gen serve", "roadmap-gen serve --port 8001"])
    p.add_argument("--port", type=_port, default=8000, help="the port to serve on, 1 to 65535 (default: 8000)")
    p.add_argument("--host", default="127.0.0.1",
                   help="the address to serve on (default: 127.0.0.1, this machine only)")
    p.set_defaults(run=_cmd_serve)

    p = command("init", "write a new project that builds at once",
                ["roadmap-gen init my-roadmap",
                 "roadmap-gen init my-roadmap --source https://files.example.org/roadmap_gen-X.Y.Z-py3-none-any.whl",
                 "roadmap-gen init . --force   # into a non-empty folder; content/ is never overwritten"])
    p.add_argument("dir", metavar="DIR", help="the folder to write the project into (made if missing)")
    p.add_argument("--force", action="store_true",
                   help="write into a folder that is not empty: rewrites the tool's files (CI, schemas, README ...),"
                        " but under content/ writes only what is missing")
    p.add_argument("--source", metavar="WHERE", default=None,
                   help="where the project's requirements.txt installs roadmap-gen from: a wheel or sdist (path or"
                        " URL), a git+ URL, a checkout, or 'index' (a package index of yours); default: where this"
                        " copy was installed from")
    p.set_defaults(run=_cmd_init)

    p = command("upgrade", "refresh the project's schemas, CI files and other scaffolding to this version;"
                " files you changed are kept and a diff is printed",
                ["roadmap-gen upgrade", "roadmap-gen upgrade --dry-run   # say what it would do",
                 "roadmap-gen upgrade > upgrade.diff && git apply upgrade.diff   # then apply the kept files' diffs"])
    p.add_argument("--dry-run", action="store_true", help="say what would be done, change nothing")
    p.set_defaults(run=_cmd_upgrade)

    p = command("catalogue", "list the ids of the catalogue (the project's own, else the packaged one)"
                " with their titles, or import a public maturity model as the catalogue",
                ["roadmap-gen catalogue", "roadmap-gen catalogue roles",
                 "roadmap-gen catalogue actions --format json",
                 "roadmap-gen catalogue import samm ../samm-core/model   # OWASP SAMM v2 (docs/catalogues.md)",
                 "roadmap-gen catalogue import dsomm model.yaml --output dsomm-next.yaml"])
    p.add_argument("kind", nargs="?", choices=(*_catalogue_kinds(), "import"), metavar="KIND",
                   help="one of: " + ", ".join(_catalogue_kinds()) + " (default: all of them); or import")
    from roadmap_gen.importers import add_arguments
    add_arguments(p)
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text (aligned columns) or json, on standard output")
    p.set_defaults(run=_cmd_catalogue)

    p = command("docs", "show the documentation that comes with this copy of roadmap-gen",
                ["roadmap-gen docs             # where it is, and what there is",
                 "roadmap-gen docs templates   # one document, as Markdown",
                 "roadmap-gen docs --site roadmap-gen-docs   # all of them as a website"])
    p.add_argument("name", nargs="?", metavar="NAME", help="the document to print (default: list them)")
    p.add_argument("--site", metavar="DIR", default=None,
                   help="build the documentation into DIR (a new or empty folder) as a website, and say where")
    p.set_defaults(run=_cmd_docs)

    p = command("review", "freeze this review into content/reviews/ and open the next period",
                ["roadmap-gen review 2027-Q1", "roadmap-gen review 2027-Q1 --date 2027-02-19"])
    p.add_argument("period", metavar="PERIOD", help="the new review period, e.g. 2027-Q1")
    p.add_argument("--date", default=None, help="the new review date, YYYY-MM-DD (default: today)")
    p.set_defaults(run=_cmd_review)

    p = command("track", "set the status of planned work in content/organisation.yaml from an issue tracker's"
                " export (Jira or GitLab CSV, or gh issue list's JSON): done, in-progress",
                ["gh issue list --label roadmap-gen --state all --limit 1000 --json number,title,state,labels"
                 " > issues.json", "roadmap-gen track issues.json",
                 "roadmap-gen track jira-export.csv --dry-run   # say what would change"])
    p.add_argument("file", metavar="FILE", help="the tracker's export of the issues export --format made")
    p.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")
    p.add_argument("--wait", metavar="SECONDS", type=_seconds, default=120.0, help=WAIT_HELP)
    p.set_defaults(run=_cmd_track)
    _add_survey_commands(command)
    return parser


def _add_survey_commands(command: Callable[[str, str, Sequence[str]], argparse.ArgumentParser]) -> None:
    p = command("survey", "write a self-assessment workbook (xlsx) for a team, or one per team, to send to the "
                "people who know its level", ["roadmap-gen survey --team service-desk --output service-desk.xlsx",
                                              "roadmap-gen survey --output organisation.xlsx   # the organisation's",
                                              "roadmap-gen survey --teams surveys/   # one workbook per team"])
    p.add_argument("--team", metavar="ID", default=None, help="the team (default: the organisation's assessment)")
    p.add_argument("--output", metavar="FILE", default=None, help="the workbook to write (FILE.xlsx)")
    p.add_argument("--teams", metavar="DIR", default=None, help="write one workbook per team into DIR")
    p.set_defaults(run=_cmd_survey)
    p = command("collect", "read returned survey workbooks into the team files (or the organisation's "
                "assessment), keeping every comment; all or nothing",
                ["roadmap-gen collect returned/*.xlsx", "roadmap-gen collect ana.xlsx ben.xlsx --dry-run"])
    p.add_argument("workbooks", nargs="*", metavar="FILE.xlsx", help="the returned workbooks")
    p.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")
    p.add_argument("--wait", metavar="SECONDS", type=_seconds, default=120.0, help=WAIT_HELP)
    p.set_defaults(run=_cmd_collect)


def _cmd_survey(args: argparse.Namespace) -> int:
    from roadmap_gen.survey.write import write_surveys
    written = write_surveys(Path(args.project), args.team, Path(args.output) if args.output else None,
                            Path(args.teams) if args.teams else None, trust=args.trust)
    _say("wrote " + ", ".join(written))
    return EXIT_OK


def _cmd_collect(args: argparse.Namespace) -> int:
    from roadmap_gen.survey.collect import collect
    outcome = collect(Path(args.project), [(Path(w), w) for w in args.workbooks], trust=args.trust,
                      dry_run=args.dry_run, wait=args.wait, report=_say)
    print(terminal_safe(outcome.message, keep_newlines=True))
    return EXIT_OK


def _add_pdf_options(p: argparse.ArgumentParser, help_text: str) -> None:
    p.add_argument("--pdf", action="store_true", help=help_text)
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="the PDF's paper size (default: a4)")


def _port(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,5}", text.strip()) or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"'{terminal_safe(text)}' is not a port number from 1 to 65535")
    return int(text)


def _phases(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,4}", text.strip()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{terminal_safe(text)}' is not a number of phases (1 or more)")
    return int(text)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 86400 or value != value:
        raise argparse.ArgumentTypeError(f"'{terminal_safe(text)}' is not a number of seconds from 0 to 86400")
    return value


# --- output helpers -------------------------------------------------------------------

def _say(message: str, keep_newlines: bool = False) -> None:
    print(log_safe(message, keep_newlines), file=sys.stderr, flush=True)


def print_diagnostics(diags: Sequence[Diagnostic], stream: TextIO) -> None:
    for d in capped_per_file(diags):
        print(log_safe(d.format()), file=stream)


def _summary(diags: Sequence[Diagnostic], strict: bool) -> str:
    errors = sum(d.severity == "error" for d in diags)
    waived = sum(d.waived for d in diags)
    warnings = len(diags) - errors - waived
    verdict = "failed" if errors or (strict and warnings) else "passed"
    return (f"{errors} error(s), {warnings} warning(s){f' (and {waived} waived)' if waived else ''}: {verdict}"
            + (" (--strict)" if strict else ""))


def _load_and_plan(project_dir: Path, trust: bool = False) -> "Planned":
    from roadmap_gen.pipeline import plan_project
    return plan_project(project_dir, trust=trust)


# --- commands -------------------------------------------------------------------------


def _cmd_validate(args: argparse.Namespace) -> int:
    from roadmap_gen.core import report_formats
    from roadmap_gen.site.check import check_site
    project_dir = Path(args.project)
    result = _load_and_plan(project_dir, args.trust)
    diags = list(result.diagnostics)
    site_diags = []
    if result.project is not None and result.plan is not None:
        site_diags = check_site(project_dir, result.project, result.plan, full=args.full, trust=args.trust,
                                engine=args.engine)
    diags += site_diags
    shown = capped_per_file(diags)  # the verdict and the summary count them all
    if args.format == "json":
        sys.stdout.write(json_safe(json.dumps([d.as_dict() for d in shown], indent=2, ensure_ascii=False)) + "\n")
    elif args.format == "github":
        sys.stdout.write(terminal_safe(report_formats.github_commands(shown, _repo_prefix(project_dir)),
                                       keep_newlines=True))
        _say(_summary(diags, args.strict))
    elif args.format in ("gitlab", "sarif"):
        from roadmap_gen.plan.checks import CHECKS
        sys.stdout.write(json_safe(
            report_formats.gitlab_json(shown, _repo_prefix(project_dir)) if args.format == "gitlab" else
            report_formats.sarif_json(shown, [c.info for c in CHECKS.values()], __version__, _repo_prefix(project_dir))))
        print_diagnostics(diags, sys.stderr)
        _say(_summary(diags, args.strict))
    else:
        print_diagnostics(diags, sys.stderr)
        print(_summary(diags, args.strict), file=sys.stderr)
    failed = result.failed(args.strict) or has_errors(site_diags, args.strict)
    return EXIT_INPUT if failed else EXIT_OK


def _repo_prefix(project_dir: Path) -> str:
    """The project's folder relative to the current one (CI runs at the repository's root), for CI paths."""
    try:
        rel = project_dir.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return ""
    return "" if rel == Path(".") else rel.as_posix()


def _cmd_export(args: argparse.Namespace) -> int:
    from roadmap_gen.downloads.export import plan_json_text, plan_to_csv, within_read_limit
    from roadmap_gen.core.safe_write import check_output, write_output
    if args.format == "xlsx" and args.output is None and sys.stdout.isatty():
        raise UsageError("a spreadsheet is not for the terminal: give --output FILE, or send standard output "
                         "to a file (roadmap-gen export --format xlsx > roadmap.xlsx)")
    if args.phases is not None and args.format in ("json", "csv", "xlsx"):
        raise UsageError("--phases is for the tracker formats (jira-csv, gitlab-csv, github); the plan's own "
                         "formats always hold every phase")
    if args.output is not None:
        check_output(Path(args.project), Path(args.output))  # before any work
    result = _load_and_plan(Path(args.project), args.trust)
    if result.plan is None or result.project is None:
        print_diagnostics(result.diagnostics, sys.stderr)
        return EXIT_INPUT
    if args.format == "xlsx":
        from roadmap_gen.downloads.xlsx import workbook_bytes
        data = within_read_limit(workbook_bytes(result.project, result.plan), "the spreadsheet")
        if args.output is None:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)  # bytes: the workbook is a zip archive
            sys.stdout.buffer.flush()
            return EXIT_OK
    else:
        if args.format in ("json", "csv"):
            text = plan_json_text(result.plan) if args.format == "json" else plan_to_csv(result.plan)
        else:
            from roadmap_gen.commands.tracker_export import tracker_export
            text = tracker_export(Path(args.project), result.project, result.plan, args.format, args.phases,
                                  args.trust)
        data = within_read_limit(text.encode("utf-8"), f"the plan as {args.format.upper()}")
        if args.output is None:
            sys.stdout.write(text)
            return EXIT_OK
    write_output(Path(args.project), Path(args.output), data)
    return EXIT_OK


def build_time(environ: Mapping[str, str]) -> datetime:
    """The build time the footer shows: SOURCE_DATE_EPOCH when set (reproducible builds), else now.

    The variable must be a whole number of seconds since 1970 written with digits only;
    anything else (" 123", "1e9", "-5") is a usage error naming it, never silently the
    wall clock, so a reproducible build cannot quietly stop being one.
    """
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or epoch == "":
        return datetime.now(timezone.utc)
    if not re.fullmatch(r"[0-9]{1,30}", epoch):
        raise UsageError(f"SOURCE_DATE_EPOCH='{terminal_safe(epoch)[:40]}' is not a whole number of seconds since "
                         "1970-01-01 (digits only, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct))")
    try:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise UsageError(f"SOURCE_DATE_EPOCH={epoch} is past the last date the tool can show") from None


def build_info(project_dir: Path, built: datetime) -> dict[str, str]:
    """What the footer shows: the build time *built* and the commit checked out, if any (read from git's
    files: no git command runs, so nothing the project's git configuration names can run)."""
    from roadmap_gen.core.gitref import head_commit
    return {"built": built.strftime("%Y-%m-%d %H:%M UTC"), "commit": head_commit(project_dir)}


def _cmd_build(args: argparse.Namespace) -> int:
    from roadmap_gen.site.build import build_site, check_site_dir
    project_dir = Path(args.project)
    built = build_time(os.environ)  # first: a malformed SOURCE_DATE_EPOCH stops the build before any work
    info = build_info(project_dir, built)
    site_dir = Path(args.site_dir) if args.site_dir else project_dir / "site"
    check_site_dir(project_dir, site_dir)  # a refused site folder is said at once (and again under the lock)
    finish, pdf_pages = _site_pdf(args, info, built)
    result = _load_and_plan(project_dir, args.trust)
    print_diagnostics(result.diagnostics, sys.stderr)
    if result.failed(args.strict):
        _say(_summary(result.diagnostics, args.strict) + "; the site was not changed")
        return EXIT_INPUT
    progress = _progress if sys.stderr.isatty() else None
    out = build_site(project_dir, result, site_dir, info, progress=progress, trust=args.trust, wait=args.wait,
                     report=_say, engine=args.engine, finish=finish)
    offline = result.project is not None and result.project.settings.offline
    _say(f"built {out.pages} pages into {site_dir}"
         + (f", with the board pack as a PDF of {pdf_pages[0]} pages" if pdf_pages else "")
         + ("; it opens from disk (offline: true), without search" if offline else
            f"; view it through a web server: roadmap-gen serve, or python3 -m http.server -d {site_dir}"))
    return EXIT_OK


def _site_pdf(args: argparse.Namespace, info: dict[str, str], built: datetime
              ) -> tuple[Callable[[Path], None] | None, list[int]]:
    """``build --pdf``: the step that adds the board pack's PDF to the built site, and where it counts its
    pages. Without WeasyPrint this is a usage error, said before any work."""
    if not args.pdf:
        return None, []
    from roadmap_gen.pages.paths import PDF_FILE
    from roadmap_gen.site.pdf import add_to_site, require_weasyprint
    require_weasyprint()
    info["report_pdf"] = PDF_FILE
    pages: list[int] = []

    def finish(site: Path) -> None:
        result = add_to_site(site, built, args.paper)
        pages.append(result.pages)
        _say_refused(result.refused)

    return finish, pages


def _say_refused(refused: Sequence[str]) -> None:
    for url in refused:
        _say(f"warning: the board pack asked for {url}, which is not a file of the built site: refused")


def _cmd_report(args: argparse.Namespace) -> int:
    from roadmap_gen.core.safe_write import check_output
    from roadmap_gen.site.pdf import report_pdf, require_weasyprint
    project_dir = Path(args.project)
    built = build_time(os.environ)  # a malformed SOURCE_DATE_EPOCH stops before any work
    check_output(project_dir, Path(args.pdf))
    info = build_info(project_dir, built)
    require_weasyprint()
    result = _load_and_plan(project_dir, args.trust)
    print_diagnostics(result.diagnostics, sys.stderr)
    if result.failed(args.strict):
        _say(_summary(result.diagnostics, args.strict) + "; no PDF was written")
        return EXIT_INPUT
    outcome = report_pdf(project_dir, result, info, Path(args.pdf), built, args.paper, trust=args.trust)
    _say_refused(outcome.refused)
    _say(f"wrote the board pack, {outcome.pages} pages, to {args.pdf}")
    return EXIT_OK


def _progress(message: str) -> None:
    _say(f"  {message}")


def _cmd_serve(args: argparse.Namespace) -> int:
    from roadmap_gen.site.serve import serve
    project_dir = Path(args.project)
    info = build_info(project_dir, build_time(os.environ))  # a malformed SOURCE_DATE_EPOCH: a usage error first
    return serve(project_dir, args.host, args.port, info, _say,
                 trust=args.trust, wait=args.wait, engine=args.engine)


def _cmd_init(args: argparse.Namespace) -> int:
    from roadmap_gen.commands.init import init_project
    from roadmap_gen.commands.install_source import source_from_option
    if args.source is not None:
        source = source_from_option(args.source, __version__, Path.cwd())
    else:
        source = _running_tool_source()
    written = init_project(Path(args.dir), force=args.force, today=date.today(), source=source,
                           replace_requirements=args.source is not None)
    _say(f"wrote {len(written)} files into {args.dir}; next: cd {args.dir} && roadmap-gen build --strict")
    if any(p.name == "requirements.txt" for p in written):
        _say(f"requirements.txt installs: {source.requirement}")
        if source.note:
            _say(f"note: {source.note}")
    return EXIT_OK


def _running_tool_source() -> "Source":
    """Where this running copy of roadmap-gen was installed from (PEP 610), as a project's source."""
    from importlib import metadata
    from roadmap_gen.commands.install_source import source_from_install
    try:
        dist = metadata.distribution("roadmap-gen")
    except metadata.PackageNotFoundError:
        return source_from_install(False, None, __version__)
    if dist.version != __version__:  # another copy is installed than the one running (a checkout on PYTHONPATH)
        return source_from_install(False, None, __version__)
    try:
        direct_url = json.loads(dist.read_text("direct_url.json") or "null")
    except ValueError:
        direct_url = None
    return source_from_install(True, direct_url if isinstance(direct_url, dict) else None, __version__)


def _cmd_upgrade(args: argparse.Namespace) -> int:
    from roadmap_gen.commands.upgrade import CONFLICT, KEPT, upgrade_project
    actions = upgrade_project(Path(args.project), dry_run=args.dry_run)
    for action in actions:
        _say(action.line(dry_run=args.dry_run))
        if action.diff:
            sys.stdout.write(terminal_safe(action.diff, keep_newlines=True))
    shown = sum(a.action == KEPT and bool(a.diff) for a in actions)
    if shown:
        print(f"{shown} file(s) kept as you changed them: their diffs to this version are on standard output",
              file=sys.stderr)
    conflicts = [a.path for a in actions if a.action == CONFLICT]
    if conflicts:
        print(f"{'would leave' if args.dry_run else 'left'} conflict markers in: {', '.join(conflicts)}; resolve "
              "them, then commit", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK


def _catalogue_kinds() -> tuple[str, ...]:
    from roadmap_gen.commands.catalogue_list import KINDS
    return KINDS


def _cmd_catalogue_import(args: argparse.Namespace) -> int:
    from roadmap_gen.importers import import_catalogue
    outcome = import_catalogue(Path(args.project), args.model, Path(args.path) if args.path else None, args.output,
                               args.force, args.model_version)
    _say("\n".join(outcome.lines), keep_newlines=True)
    return EXIT_OK


def _cmd_catalogue(args: argparse.Namespace) -> int:
    from roadmap_gen.commands.catalogue_list import KINDS, as_json, as_text, catalogue_rows
    if args.kind == "import":
        return _cmd_catalogue_import(args)
    if args.model is not None or args.output is not None or args.force or args.model_version is not None:
        raise UsageError("MODEL, --output, --force and --model-version go with 'catalogue import' only")
    from roadmap_gen.load.project import load_catalogue
    catalogue, diags, packaged = load_catalogue(Path(args.project))
    if catalogue is None:
        print_diagnostics(diags, sys.stderr)
        return EXIT_INPUT
    kinds = [args.kind] if args.kind else list(KINDS)
    source = "the packaged catalogue" if packaged else "content/catalogue/"
    if args.format == "json":
        sys.stdout.write(json_safe(as_json(catalogue, kinds, source)))
        return EXIT_OK
    blocks = []
    for kind in kinds:
        rows = catalogue_rows(catalogue, kind)
        blocks.append(as_text(rows, f"{kind} ({len(rows)}) in {catalogue.title} ({source})"))
    sys.stdout.write(log_safe("\n".join(blocks), keep_newlines=True))
    return EXIT_OK


def _cmd_docs(args: argparse.Namespace) -> int:
    from roadmap_gen.core.resources import docs_dir
    if args.site is not None:
        from roadmap_gen.commands.docs_site import build_docs_site
        pages = build_docs_site(Path(args.site))
        _say(f"built {pages} pages of documentation into {args.site}; open it with: "
             f"python3 -m http.server -d {args.site}")
        return EXIT_OK
    folder = docs_dir()
    docs = {p.stem: p for p in sorted(folder.glob("*.md"))}
    if args.name is None:
        print(f"the documentation of roadmap-gen {__version__} is in {folder}:")
        for name, path in docs.items():
            title = next((line.lstrip("# ").strip() for line in path.read_text(encoding="utf-8").splitlines()
                          if line.startswith("# ")), name)
            print(f"  {name:<16} {title}")
        print("'roadmap-gen docs NAME' prints one")
        return EXIT_OK
    if args.name not in docs:
        raise UsageError(f"no document '{args.name}'; there are: {', '.join(docs) or 'none'}")
    sys.stdout.write(docs[args.name].read_text(encoding="utf-8"))
    return EXIT_OK


def _cmd_review(args: argparse.Namespace) -> int:
    from roadmap_gen.commands.review import open_review
    from roadmap_gen.core.periods import parse_date
    day = date.today()
    if args.date is not None:
        parsed = parse_date(args.date)
        if parsed is None:
            raise UsageError(f"--date '{terminal_safe(args.date)}' is not a date YYYY-MM-DD")
        day = parsed
    outcome = open_review(Path(args.project), args.period, day, trust=args.trust, wait=args.wait, report=_say)
    _say(outcome.message, keep_newlines=True)
    return EXIT_OK


def _cmd_track(args: argparse.Namespace) -> int:
    from roadmap_gen.commands.track import track
    outcome = track(Path(args.project), Path(args.file), dry_run=args.dry_run, trust=args.trust, wait=args.wait,
                    report=_say)
    print_diagnostics(outcome.diagnostics, sys.stderr)
    for change in outcome.changes:
        _say(("would set " if args.dry_run else "set ") + change.line())
    where = "content/organisation.yaml"
    keys = f" and {outcome.keys_recorded} issue key(s)" if outcome.keys_recorded else ""
    _say(f"{outcome.issues} issue(s) of the roadmap read ({outcome.kind}); {outcome.status_changes} status(es){keys} "
         + ("would change (--dry-run: nothing written)" if args.dry_run else
            f"changed in {where}" if outcome.written else "to change: nothing written")
         + (f"; {len(outcome.diagnostics)} warning(s)" if outcome.diagnostics else ""))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except RoadmapError as exc:
        # The one place errors become exit codes: each error class carries its own.
        if isinstance(exc, InputError):
            print_diagnostics(exc.diagnostics, sys.stderr)
        else:
            _say(f"roadmap-gen {args.command}: {exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted; nothing was changed", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`roadmap-gen export | head`): stop quietly, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        # The machine, not the project or the tool: a disk full, a permission the tool could not foresee.
        if os.environ.get("ROADMAP_GEN_DEBUG"):
            raise
        where = f": {exc.filename}" if exc.filename else ""
        _say(f"roadmap-gen {args.command}: {exc.strerror or type(exc).__name__}{where}")
        return EXIT_INPUT
    except Exception as exc:  # noqa: BLE001 - the last guard: a bug must not show users a traceback
        if os.environ.get("ROADMAP_GEN_DEBUG"):
            raise
        _say(f"roadmap-gen {args.command}: internal error: {type(exc).__name__}: {exc}\n"
             "this is a bug in roadmap-gen; run with ROADMAP_GEN_DEBUG=1 for details", keep_newlines=True)
        return EXIT_INTERNAL
