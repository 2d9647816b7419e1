"""The command line: parse arguments, call the core, turn results into output and exit codes.

This is the only module that prints, exits, or reads the clock and the
environment. Exit status: 0 success; 1 the inputs have errors (or warnings
under --strict); 2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NoReturn, Sequence, TextIO

from roadmap_gen.version import __version__
from roadmap_gen.diagnostics import Diagnostic, InputError, RoadmapError, UsageError, sorted_diagnostics

if TYPE_CHECKING:
    from roadmap_gen.pipeline import Planned

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 on a usage error, as docs/format.md promises; keep the hint short
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n(see '{self.prog} --help')\n")


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="roadmap-gen",
        description="Turn an ITSM programme's self-assessment (YAML) into a phased roadmap website.",
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
        return p

    p = command("validate", "load, validate, plan and run the health checks; writes nothing",
                ["roadmap-gen validate", "roadmap-gen validate --strict   # warnings fail too (for CI)",
                 "roadmap-gen validate --format json > findings.json"])
    p.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings as well as errors")
    p.add_argument("--format", choices=("text", "json"), default="text", help="how to print findings")
    p.set_defaults(run=_cmd_validate)

    p = command("export", "print the plan as JSON or CSV on standard output",
                ["roadmap-gen export --format json > roadmap.json", "roadmap-gen export --format csv"])
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.set_defaults(run=_cmd_export)

    p = command("build", "validate, then build the site into site/ (the old site stays on any error)",
                ["roadmap-gen build", "roadmap-gen build --strict --site-dir public"])
    p.add_argument("--strict", action="store_true", help="fail on warnings as well as errors")
    p.add_argument("--site-dir", metavar="DIR", default=None, help="where the site goes (default: site/)")
    p.set_defaults(run=_cmd_build)

    p = command("serve", "build and serve on localhost, rebuilding on every change",
                ["roadmap-gen serve", "roadmap-gen serve --port 8001"])
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--host", default="127.0.0.1")
    p.set_defaults(run=_cmd_serve)

    p = command("init", "write a new project that builds at once",
                ["roadmap-gen init my-roadmap", "roadmap-gen init . --force   # into a non-empty folder"])
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    p.set_defaults(run=_cmd_init)

    p = command("review", "freeze this review into content/reviews/ and open the next period",
                ["roadmap-gen review 2027-Q1", "roadmap-gen review 2027-Q1 --date 2027-02-19"])
    p.add_argument("period", metavar="PERIOD", help="the new review period, e.g. 2027-Q1")
    p.add_argument("--date", default=None, help="the new review date (default: today)")
    p.set_defaults(run=_cmd_review)
    return parser


# --- output helpers -------------------------------------------------------------------


def print_diagnostics(diags: Sequence[Diagnostic], stream: TextIO) -> None:
    for d in sorted_diagnostics(diags):
        print(d.format(), file=stream)


def _summary(diags: Sequence[Diagnostic], strict: bool) -> str:
    errors = sum(d.severity == "error" for d in diags)
    warnings = len(diags) - errors
    verdict = "failed" if errors or (strict and warnings) else "passed"
    return f"{errors} error(s), {warnings} warning(s): {verdict}" + (" (--strict)" if strict else "")


def _load_and_plan(project_dir: Path) -> "Planned":
    from roadmap_gen.pipeline import plan_project
    return plan_project(project_dir)


# --- commands -------------------------------------------------------------------------


def _cmd_validate(args: argparse.Namespace) -> int:
    result = _load_and_plan(Path(args.project))
    diags = list(result.diagnostics)
    if args.format == "json":
        json.dump([d.as_dict() for d in sorted_diagnostics(diags)], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print_diagnostics(diags, sys.stderr)
        print(_summary(diags, args.strict), file=sys.stderr)
    return EXIT_INPUT if result.failed(args.strict) else EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from roadmap_gen.export import plan_to_csv, plan_to_json
    result = _load_and_plan(Path(args.project))
    if result.plan is None:
        print_diagnostics(result.diagnostics, sys.stderr)
        return EXIT_INPUT
    if args.format == "json":
        sys.stdout.write(json.dumps(plan_to_json(result.plan), indent=2, ensure_ascii=False, sort_keys=False) + "\n")
    else:
        sys.stdout.write(plan_to_csv(result.plan))
    return EXIT_OK


def build_info(project_dir: Path) -> dict[str, str]:
    """What the footer shows: the build time (SOURCE_DATE_EPOCH when set) and the git commit if any."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        built = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    else:
        built = datetime.now(timezone.utc)
    return {"built": built.strftime("%Y-%m-%d %H:%M UTC"), "commit": _git_commit(project_dir)}


def _git_commit(project_dir: Path) -> str:
    import subprocess
    try:
        done = subprocess.run(["git", "-C", str(project_dir), "rev-parse", "--short=12", "HEAD"],
                              capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    if done.returncode != 0:
        return ""
    dirty = subprocess.run(["git", "-C", str(project_dir), "status", "--porcelain", "--", "."],
                           capture_output=True, text=True, timeout=10, check=False)
    return done.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def _cmd_build(args: argparse.Namespace) -> int:
    from roadmap_gen.site.build import build_site
    project_dir = Path(args.project)
    result = _load_and_plan(project_dir)
    print_diagnostics(result.diagnostics, sys.stderr)
    if result.failed(args.strict):
        print(_summary(result.diagnostics, args.strict) + "; the site was not changed", file=sys.stderr)
        return EXIT_INPUT
    site_dir = Path(args.site_dir) if args.site_dir else project_dir / "site"
    progress = _progress if sys.stderr.isatty() else None
    out = build_site(project_dir, result, site_dir, build_info(project_dir), progress=progress)
    print(f"built {out.pages} pages into {site_dir}", file=sys.stderr)
    return EXIT_OK


def _progress(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def _cmd_serve(args: argparse.Namespace) -> int:
    from roadmap_gen.site.serve import serve
    return serve(Path(args.project), args.host, args.port, lambda: build_info(Path(args.project)),
                 _progress)


def _cmd_init(args: argparse.Namespace) -> int:
    from roadmap_gen.init import init_project
    written = init_project(Path(args.dir), force=args.force, today=date.today())
    print(f"wrote {len(written)} files into {args.dir}; next: cd {args.dir} && roadmap-gen build --strict",
          file=sys.stderr)
    return EXIT_OK


def _cmd_review(args: argparse.Namespace) -> int:
    from roadmap_gen.review import open_review
    from roadmap_gen.periods import parse_date
    day = date.today()
    if args.date is not None:
        parsed = parse_date(args.date)
        if parsed is None:
            raise UsageError(f"--date '{args.date}' is not a date YYYY-MM-DD")
        day = parsed
    outcome = open_review(Path(args.project), args.period, day)
    print(outcome.message, file=sys.stderr)
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
            print(f"roadmap-gen {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted; nothing was changed", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`roadmap-gen export | head`): stop quietly, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last guard: a bug must not show users a traceback
        if os.environ.get("ROADMAP_GEN_DEBUG"):
            raise
        print(f"roadmap-gen {args.command}: internal error: {type(exc).__name__}: {exc}\n"
              "this is a bug in roadmap-gen; run with ROADMAP_GEN_DEBUG=1 for details", file=sys.stderr)
        return EXIT_INTERNAL
