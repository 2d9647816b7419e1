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

from roadmap_gen.diagnostics import Diagnostic, InputError, RoadmapError, UsageError, has_errors, sorted_diagnostics
from roadmap_gen.version import __version__

if TYPE_CHECKING:
    from roadmap_gen.install_source import Source
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

    p = command("validate", "load, validate, plan, run the health checks and check what build would refuse"
                " (templates, links); writes nothing in the project",
                ["roadmap-gen validate", "roadmap-gen validate --strict   # warnings fail too (for CI)",
                 "roadmap-gen validate --format json > findings.json",
                 "roadmap-gen validate --full --strict --format github   # annotations in GitHub Actions",
                 "roadmap-gen validate --full --strict --format gitlab > gl-code-quality.json"])
    p.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings as well as errors")
    p.add_argument("--full", action="store_true",
                   help="also build the site with the site engine in a temporary folder outside the project and"
                        " report its warnings (slower; what CI should run before publishing)")
    p.add_argument("--format", choices=("text", "json", "github", "gitlab"), default="text",
                   help="how to print findings: text on standard error; json, github (workflow commands that"
                        " annotate a pull request) or gitlab (a Code Quality report) on standard output")
    p.set_defaults(run=_cmd_validate)

    p = command("export", "print the plan as JSON or CSV on standard output",
                ["roadmap-gen export --format json > roadmap.json", "roadmap-gen export --format csv"])
    p.add_argument("--format", choices=("json", "csv"), default="json",
                   help="json (the same as the site's downloads/roadmap.json)"
                        " or csv (one row per planned and later item)")
    p.set_defaults(run=_cmd_export)

    p = command("build", "validate, then build the site into site/ (the old site stays on any error)",
                ["roadmap-gen build", "roadmap-gen build --strict --site-dir public"])
    p.add_argument("--strict", action="store_true", help="fail on warnings as well as errors")
    p.add_argument("--site-dir", metavar="DIR", default=None,
                   help="where the site goes (default: site/ in the project); its old content is replaced")
    p.set_defaults(run=_cmd_build)

    p = command("serve", "build and serve on localhost, rebuilding on every change",
                ["roadmap-gen serve", "roadmap-gen serve --port 8001"])
    p.add_argument("--port", type=int, default=8000, help="the port to serve on (default: 8000)")
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
                " with their titles",
                ["roadmap-gen catalogue", "roadmap-gen catalogue roles",
                 "roadmap-gen catalogue actions --format json"])
    p.add_argument("kind", nargs="?", choices=_catalogue_kinds(), metavar="KIND",
                   help="one of: " + ", ".join(_catalogue_kinds()) + " (default: all of them)")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text (aligned columns) or json, on standard output")
    p.set_defaults(run=_cmd_catalogue)

    p = command("docs", "show the documentation that comes with this copy of roadmap-gen",
                ["roadmap-gen docs             # where it is, and what there is",
                 "roadmap-gen docs templates   # one document, as Markdown"])
    p.add_argument("name", nargs="?", metavar="NAME", help="the document to print (default: list them)")
    p.set_defaults(run=_cmd_docs)

    p = command("review", "freeze this review into content/reviews/ and open the next period",
                ["roadmap-gen review 2027-Q1", "roadmap-gen review 2027-Q1 --date 2027-02-19"])
    p.add_argument("period", metavar="PERIOD", help="the new review period, e.g. 2027-Q1")
    p.add_argument("--date", default=None, help="the new review date, YYYY-MM-DD (default: today)")
    p.set_defaults(run=_cmd_review)
    return parser


# --- output helpers -------------------------------------------------------------------


def print_diagnostics(diags: Sequence[Diagnostic], stream: TextIO) -> None:
    for d in sorted_diagnostics(diags):
        print(d.format(), file=stream)


def _summary(diags: Sequence[Diagnostic], strict: bool) -> str:
    errors = sum(d.severity == "error" for d in diags)
    waived = sum(d.waived for d in diags)
    warnings = len(diags) - errors - waived
    verdict = "failed" if errors or (strict and warnings) else "passed"
    return (f"{errors} error(s), {warnings} warning(s){f' (and {waived} waived)' if waived else ''}: {verdict}"
            + (" (--strict)" if strict else ""))


def _load_and_plan(project_dir: Path) -> "Planned":
    from roadmap_gen.pipeline import plan_project
    return plan_project(project_dir)


# --- commands -------------------------------------------------------------------------


def _cmd_validate(args: argparse.Namespace) -> int:
    from roadmap_gen import report_formats
    from roadmap_gen.site.check import check_site
    project_dir = Path(args.project)
    result = _load_and_plan(project_dir)
    diags = list(result.diagnostics)
    site_diags = []
    if result.project is not None and result.plan is not None:
        site_diags = check_site(project_dir, result.project, result.plan, full=args.full)
    diags += site_diags
    if args.format == "json":
        json.dump([d.as_dict() for d in sorted_diagnostics(diags)], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif args.format == "github":
        sys.stdout.write(report_formats.github_commands(diags, _repo_prefix(project_dir)))
        print(_summary(diags, args.strict), file=sys.stderr)
    elif args.format == "gitlab":
        sys.stdout.write(report_formats.gitlab_json(diags, _repo_prefix(project_dir)))
        print_diagnostics(diags, sys.stderr)
        print(_summary(diags, args.strict), file=sys.stderr)
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
    from roadmap_gen.install_source import source_from_option
    if args.source is not None:
        source = source_from_option(args.source, __version__, Path.cwd())
    else:
        source = _running_tool_source()
    written = init_project(Path(args.dir), force=args.force, today=date.today(), source=source,
                           replace_requirements=args.source is not None)
    print(f"wrote {len(written)} files into {args.dir}; next: cd {args.dir} && roadmap-gen build --strict",
          file=sys.stderr)
    if any(p.name == "requirements.txt" for p in written):
        print(f"requirements.txt installs: {source.requirement}", file=sys.stderr)
        if source.note:
            print(f"note: {source.note}", file=sys.stderr)
    return EXIT_OK


def _running_tool_source() -> "Source":
    """Where this running copy of roadmap-gen was installed from (PEP 610), as a project's source."""
    from importlib import metadata
    from roadmap_gen.install_source import source_from_install
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
    from roadmap_gen.upgrade import KEPT, upgrade_project
    actions = upgrade_project(Path(args.project), dry_run=args.dry_run)
    for action in actions:
        print(action.line(dry_run=args.dry_run), file=sys.stderr)
        if action.diff:
            sys.stdout.write(action.diff)
    kept = sum(a.action == KEPT for a in actions)
    if kept:
        print(f"{kept} file(s) kept as you changed them: their diffs to this version are on standard output",
              file=sys.stderr)
    return EXIT_OK


def _catalogue_kinds() -> tuple[str, ...]:
    from roadmap_gen.catalogue_list import KINDS
    return KINDS


def _cmd_catalogue(args: argparse.Namespace) -> int:
    from roadmap_gen.catalogue_list import KINDS, as_json, as_text, catalogue_rows
    from roadmap_gen.load.project import load_catalogue
    catalogue, diags, packaged = load_catalogue(Path(args.project))
    if catalogue is None:
        print_diagnostics(diags, sys.stderr)
        return EXIT_INPUT
    kinds = [args.kind] if args.kind else list(KINDS)
    source = "the packaged catalogue" if packaged else "content/catalogue/"
    if args.format == "json":
        sys.stdout.write(as_json(catalogue, kinds, source))
        return EXIT_OK
    blocks = []
    for kind in kinds:
        rows = catalogue_rows(catalogue, kind)
        blocks.append(as_text(rows, f"{kind} ({len(rows)}) in {catalogue.title} ({source})"))
    sys.stdout.write("\n".join(blocks))
    return EXIT_OK


def _cmd_docs(args: argparse.Namespace) -> int:
    from roadmap_gen.resources import docs_dir
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
