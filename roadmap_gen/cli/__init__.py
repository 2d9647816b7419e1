"""The command line: parse arguments, call the core, turn results into output and exit codes.

This is the only module that prints, exits, or reads the clock and the
environment. Exit status: 0 success; 1 the inputs have errors (or warnings
under --strict; notices never fail), or the work could not be finished (a file not writable, a lock
not free after --wait, upgrade's conflicts); 2 a usage error; 3 a bug in
roadmap-gen (an internal error, said in one line: ROADMAP_GEN_DEBUG=1 shows the
traceback); 130 interrupted. docs/getting-started.md, "Exit statuses", says the same.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from roadmap_gen.cli.run import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    _catalogue_kinds,
    _cmd_build,
    _cmd_catalogue,
    _cmd_collect,
    _cmd_docs,
    _cmd_export,
    _cmd_init,
    _cmd_report,
    _cmd_review,
    _cmd_schema,
    _cmd_serve,
    _cmd_survey,
    _cmd_track,
    _cmd_upgrade,
    _cmd_validate,
    _say,
    print_diagnostics,
)
from roadmap_gen.core.diagnostics import InputError, RoadmapError
from roadmap_gen.core.engine_names import ENGINES
from roadmap_gen.core.safe_text import terminal_safe
from roadmap_gen.core.version import __version__

TRUST_HELP = ("trust this project: let its mkdocs.yml run Markdown extensions, plugins, hooks and theme "
              "overrides, its site_config/ add JavaScript, its pages raw HTML, and its inputs be links out of "
              "the project (docs/security.md); never give it for changes you have not read")
ENGINE_HELP = ("the site engine: mkdocs (MkDocs with Material, the default) or zensical"
               " (pip install 'roadmap-gen[zensical]'); overrides roadmap-gen.yaml's engine")
WAIT_HELP = "how long to wait for another roadmap-gen command working on the same project or site (default: 120)"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 on a usage error, as README.md promises; keep the hint short
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
    p.add_argument("--jobs", metavar="N", type=_jobs, default=None,
                   help="how many processes share the work on the pages (default: the processors this machine"
                        " lets it use, at most 4; 1: one process); the site is the same with any number")
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

    p = command("schema", "write the project's JSON Schemas into schema/, listing its own ids (factors, people,"
                " teams, metrics ...) for editors; schemas you changed are kept",
                ["roadmap-gen schema   # after adding a person, a team or a factor; build refreshes them too"])
    p.set_defaults(run=_cmd_schema)

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


def _jobs(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"'{terminal_safe(text)}' is not a whole number from 1 to 64")
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

#: What an interrupted command leaves, where that is not "nothing was changed" (docs/getting-started.md,
#: "Exit statuses"): the message must be true for the command that was stopped.
_LEFT_BEHIND = {
    "build": "the published site is as it was",
    "review": "the project is as it was, or, when the review had reached its commit point, run it again to finish",
    "collect": "the project is as it was, or, when the answers had reached their commit point, run it again to finish",
    "track": "the project is as it was",
    "init": "some files may have been written: run it again with --force",
    "upgrade": "some files may have been upgraded: run it again",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    # A command reads a project into millions of small objects that live until it ends; at the default
    # thresholds the cycle collector walks them again and again (a tenth of `validate` at 1,000 teams).
    # Cycles are rare in that data: collecting every 50,000 new objects instead of 700 costs little memory.
    gc.set_threshold(50_000, 10, 10)
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
        print(f"interrupted; {_LEFT_BEHIND.get(args.command, 'nothing was changed')}", file=sys.stderr)
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
