"""What each command does once its arguments are parsed: call the core, print, and return an exit status."""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from roadmap_gen.core.buildinfo import BuildInfo
from roadmap_gen.core.diagnostics import Diagnostic, UsageError, capped_per_file, has_errors
from roadmap_gen.core.safe_text import json_safe, log_safe, terminal_safe
from roadmap_gen.core.version import __version__
from roadmap_gen.workspace.workspace import Workspace

if TYPE_CHECKING:
    from roadmap_gen.commands.install_source import Source
    from roadmap_gen.model import Project
    from roadmap_gen.pipeline import Planned

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

def _say(message: str, *, keep_newlines: bool = False) -> None:
    print(log_safe(message, keep_newlines=keep_newlines), file=sys.stderr, flush=True)


def print_diagnostics(diags: Sequence[Diagnostic], stream: TextIO) -> None:
    for d in capped_per_file(diags):
        print(log_safe(d.format()), file=stream)


def _summary(diags: Sequence[Diagnostic], *, strict: bool) -> str:
    errors = sum(d.severity == "error" for d in diags)
    notices = sum(d.severity == "notice" for d in diags)
    waived = sum(d.waived for d in diags)
    warnings = len(diags) - errors - notices - waived
    verdict = "failed" if has_errors(diags, strict=strict) else "passed"
    return (f"{errors} error(s), {warnings} warning(s){f' (and {waived} waived)' if waived else ''}"
            + (f", {notices} notice(s)" if notices else "") + f": {verdict}" + (" (--strict)" if strict else ""))


#: What validate says beside the errors when some or all of the health checks wait for them to be fixed.
_CHECKS_WAIT = {
    "some": "some health checks wait until the errors are fixed: their verdicts could depend on what the "
            "errors leave out",
    "none": "the health checks wait until the errors are fixed: an error outside the entries and settings of a "
            "file (a key of no known name, a snapshot's review settings, a waiver, a file that is not YAML) could "
            "change any of their verdicts",
}


def _workspace(args: argparse.Namespace, *, cache: bool = False) -> Workspace:
    """The project the command works on, trusted only when --trust was given; with *cache* (the
    commands that render pages), the user's key that signs the page cache."""
    return Workspace(Path(args.project), trust=args.trust, cache_key=user_cache_key() if cache else None)


def user_cache_key() -> bytes | None:
    """The page cache's key, in the user's cache folder ($XDG_CACHE_HOME, else ~/.cache): roadmap-gen/."""
    from roadmap_gen.site.cachekey import user_key
    base = os.environ.get("XDG_CACHE_HOME", "")
    try:
        folder = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    except RuntimeError:  # no home folder: no cache
        return None
    return user_key(folder / "roadmap-gen")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a project is loaded and planned, and what that made then left
    out of its walks (``gc.freeze``): a project is read into millions of small objects that live until the
    command ends and hold no cycles, which the collector walked again and again for nothing (a tenth of a
    second of a validate at 1,000 teams). Processes forked meanwhile inherit the pause."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _load_and_plan(workspace: Workspace, *, workers: int = 1, later: ExitStack | None = None,
                   keep: bool = False, wait: bool = True) -> Planned:
    """The project loaded and planned. With the user's key, files unchanged since the last build are not
    read again (site/loadcache.py), and with *keep* (a build) what a load that planned gave is kept for the
    next. With *workers* above 1 and a *later* that waits for (or stops) them when it closes, processes are
    forked to work beside this one: one compiles the templates while this one reads the project (without
    *wait*, they are taken only when the first one is needed, so that a check whose pages all come from
    the page cache never waits for them), another writes the load cache while this one goes on. When
    nothing was kept (a first load: a CI lint of a fresh clone) and the project has many team files, one
    reads the last part of them meanwhile (load/project.py read_ahead), and the process that compiles the
    templates waits for it to end (a third process at work would only slow the other two), not for this
    one to take what it read: this one reads the rest of the project too, half a second longer at 1,000 teams."""
    with _collector_paused():
        # Only what the load needs is imported before the process that reads beside this one is forked: it
        # reads while this one imports the rest (the plan, the pages: a third of a second).
        from roadmap_gen.load.project import LoadMemo, read_ahead, team_files
        from roadmap_gen.site.forkmap import can_fork, fork_call
        from roadmap_gen.site.loadcache import project_loads
        beside = later if workers > 1 and can_fork() else None  # where forked work is waited for, or stopped
        saved = project_loads(workspace)
        memo = saved.memo if saved is not None else LoadMemo()
        ahead = _read_ahead_share(team_files(workspace)) if beside is not None and memo.empty else []
        reading = None
        if beside is not None and ahead:
            reading = fork_call(lambda: read_ahead(workspace, ahead))
            beside.callback(reading.cancel)  # not waited for when the load ends before the teams (an error)
            files = workspace.files()
            memo.offer([files.rel(path) for path in ahead], reading.result)
        from roadmap_gen.pages.render import add_compiled, add_compiled_later, compiled_templates
        compiled = None
        if beside is not None:
            # Compiles once the reading beside has ended (at once without it, while this one imports the plan).
            compiling = fork_call(lambda: compiled_templates(workspace), after=reading)
            beside.callback(compiling.cancel)  # no page rendered (the plan failed, the pages were cached): not waited for
            compiled = compiling.result
        from roadmap_gen.pipeline import plan_project
        result = plan_project(workspace, memo=memo)
        if compiled is not None and result.plan is not None:
            if wait:
                add_compiled(compiled() or {})
            else:
                add_compiled_later(compiled)
        if keep and saved is not None and result.plan is not None:
            if beside is not None:
                beside.callback(fork_call(saved.save).result)
            else:
                saved.save()
        return result


#: A first load reads team files in a second process from this many on (fewer are read sooner than the
#: process starts and hands them back), the last this part of them: its results are handed back as they are
#: (in about a tenth of the time reading them took), so the split is near half.
READ_AHEAD_FROM = 100
READ_AHEAD_PART = 0.45


def _read_ahead_share(paths: Sequence[Path]) -> list[Path]:
    """The team files a second process reads during a first load: the last part of them, or none."""
    if len(paths) < READ_AHEAD_FROM:
        return []
    return list(paths[len(paths) - round(len(paths) * READ_AHEAD_PART):])


# --- commands -------------------------------------------------------------------------


def _cmd_validate(args: argparse.Namespace) -> int:
    from roadmap_gen.core import report_formats
    workspace = _workspace(args, cache=True)
    project_dir = workspace.root
    with ExitStack() as later:
        workers = default_workers()
        result = _load_and_plan(workspace, workers=workers, later=later, wait=False)
        diags = list(result.diagnostics)
        site_diags = []
        if result.project is not None and result.plan is not None:
            from roadmap_gen.commands.schemas import stale_schemas
            from roadmap_gen.site.check import check_site  # after the load: see _load_and_plan
            # Without --full the check makes views and a few pages, no cycles to speak of (the site engine
            # that --full runs makes many: the collector runs then).
            with nullcontext() if args.full else _collector_paused():
                site_diags = check_site(workspace, result.project, result.plan, full=args.full, engine=args.engine,
                                        workers=workers)
            site_diags += stale_schemas(workspace.root, result.project)
    diags += site_diags
    shown = capped_per_file(diags)  # the verdict and the summary count them all
    if args.format == "json":
        sys.stdout.write(json_safe(json.dumps([d.as_dict() for d in shown], indent=2, ensure_ascii=False)) + "\n")
    elif args.format == "github":
        sys.stdout.write(terminal_safe(report_formats.github_commands(shown, _repo_prefix(project_dir)),
                                       keep_newlines=True))
        _say_verdict(result, diags, strict=args.strict)
    elif args.format in ("gitlab", "sarif"):
        from roadmap_gen.plan.checks import CHECKS
        sys.stdout.write(json_safe(
            report_formats.gitlab_json(shown, _repo_prefix(project_dir)) if args.format == "gitlab" else
            report_formats.sarif_json(shown, [c.info for c in CHECKS.values()], __version__, _repo_prefix(project_dir))))
        print_diagnostics(diags, sys.stderr)
        _say_verdict(result, diags, strict=args.strict)
    else:
        print_diagnostics(diags, sys.stderr)
        _say_verdict(result, diags, strict=args.strict)
    failed = result.failed(strict=args.strict) or has_errors(site_diags, strict=args.strict)
    return EXIT_INPUT if failed else EXIT_OK


def _say_verdict(result: Planned, diags: Sequence[Diagnostic], *, strict: bool) -> None:
    """validate's last lines: which health checks waited for the errors, if any, then the summary."""
    if result.checks in _CHECKS_WAIT:
        _say(f"note: {_CHECKS_WAIT[result.checks]}")
    _say(_summary(diags, strict=strict))


def _repo_prefix(project_dir: Path) -> str:
    """The project's folder relative to the current one (CI runs at the repository's root), for CI paths."""
    try:
        rel = project_dir.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return ""
    return "" if rel == Path(".") else rel.as_posix()


def _cmd_export(args: argparse.Namespace) -> int:
    from roadmap_gen.core.safe_write import check_output, write_output
    from roadmap_gen.downloads.export import plan_json_text, plan_to_csv, within_read_limit
    if args.format == "xlsx" and args.output is None and sys.stdout.isatty():
        raise UsageError("a spreadsheet is not for the terminal: give --output FILE, or send standard output "
                         "to a file (roadmap-gen export --format xlsx > roadmap.xlsx)")
    if args.phases is not None and args.format in ("json", "csv", "xlsx"):
        raise UsageError("--phases is for the tracker formats (jira-csv, gitlab-csv, github); the plan's own "
                         "formats always hold every phase")
    if args.output is not None:
        check_output(Path(args.project), Path(args.output))  # before any work
    workspace = _workspace(args)
    result = _load_and_plan(workspace)
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
            text = tracker_export(workspace, result.project, result.plan, args.format, args.phases)
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


#: More processes than this cost memory (each holds the project) for little time.
MAX_DEFAULT_WORKERS = 4


def default_workers() -> int:
    """The processors this process may run on (its affinity, not the machine's count), at most
    :data:`MAX_DEFAULT_WORKERS`."""
    try:
        available = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # no affinity on this system
        available = os.cpu_count() or 1
    return max(1, min(available, MAX_DEFAULT_WORKERS))


def build_info(project_dir: Path, built: datetime) -> BuildInfo:
    """What the footer shows: the build time *built* and the commit checked out, if any (read from git's
    files: no git command runs, so nothing the project's git configuration names can run)."""
    from roadmap_gen.core.gitref import head_commit
    return BuildInfo(built=built.strftime("%Y-%m-%d %H:%M UTC"), commit=head_commit(project_dir))


def _cmd_build(args: argparse.Namespace) -> int:
    from roadmap_gen.site.build import build_site
    from roadmap_gen.site.folders import check_site_dir
    workspace = _workspace(args, cache=True)
    project_dir = workspace.root
    built = build_time(os.environ)  # first: a malformed SOURCE_DATE_EPOCH stops the build before any work
    site_dir = Path(args.site_dir) if args.site_dir else project_dir / "site"
    check_site_dir(project_dir, site_dir)  # a refused site folder is said at once (and again under the lock)
    finish, pdf_pages, report_pdf = _site_pdf(args, built)
    info = replace(build_info(project_dir, built), report_pdf=report_pdf)
    workers = args.jobs or default_workers()
    with ExitStack() as later:
        result = _load_and_plan(workspace, workers=workers, later=later, keep=True)
        print_diagnostics(result.diagnostics, sys.stderr)
        if result.failed(strict=args.strict):
            _say(_summary(result.diagnostics, strict=args.strict) + "; the site was not changed")
            return EXIT_INPUT
        progress = _progress if sys.stderr.isatty() else None
        out = build_site(workspace, result, site_dir, info, progress=progress, wait=args.wait,
                         report=_say, engine=args.engine, finish=finish, workers=workers)
    _refresh_schemas(project_dir, result.project)
    offline = result.project is not None and result.project.settings.offline
    _say(f"built {out.pages} pages into {site_dir}"
         + (f", with the board pack as a PDF of {pdf_pages[0]} pages" if pdf_pages else "")
         + ("; it opens from disk (offline: true), without search" if offline else
            f"; view it through a web server: roadmap-gen serve, or python3 -m http.server -d {site_dir}"))
    return EXIT_OK


def _site_pdf(args: argparse.Namespace, built: datetime) -> tuple[Callable[[Path], None] | None, list[int], str]:
    """``build --pdf``: the step that adds the board pack's PDF to the built site, where it counts its
    pages, and the PDF's path in the site ("" without --pdf). Without WeasyPrint this is a usage error,
    said before any work."""
    if not args.pdf:
        return None, [], ""
    from roadmap_gen.pages.paths import PDF_FILE
    from roadmap_gen.site.pdf import add_to_site, require_weasyprint
    require_weasyprint()
    pages: list[int] = []

    def finish(site: Path) -> None:
        result = add_to_site(site, built, args.paper)
        pages.append(result.pages)
        _say_refused(result.refused)

    return finish, pages, PDF_FILE


def _say_refused(refused: Sequence[str]) -> None:
    for url in refused:
        _say(f"warning: the board pack asked for {url}, which is not a file of the built site: refused")


def _cmd_report(args: argparse.Namespace) -> int:
    from roadmap_gen.core.safe_write import check_output
    from roadmap_gen.site.pdf import report_pdf, require_weasyprint
    workspace = _workspace(args)
    project_dir = workspace.root
    built = build_time(os.environ)  # a malformed SOURCE_DATE_EPOCH stops before any work
    check_output(project_dir, Path(args.pdf))
    info = build_info(project_dir, built)
    require_weasyprint()
    result = _load_and_plan(workspace)
    print_diagnostics(result.diagnostics, sys.stderr)
    if result.failed(strict=args.strict):
        _say(_summary(result.diagnostics, strict=args.strict) + "; no PDF was written")
        return EXIT_INPUT
    outcome = report_pdf(workspace, result, info, Path(args.pdf), built, args.paper)
    _say_refused(outcome.refused)
    _say(f"wrote the board pack, {outcome.pages} pages, to {args.pdf}")
    return EXIT_OK


def _progress(message: str) -> None:
    _say(f"  {message}")


def _cmd_serve(args: argparse.Namespace) -> int:
    from roadmap_gen.site.serve import serve
    workspace = _workspace(args, cache=True)
    info = build_info(workspace.root, build_time(os.environ))  # a malformed SOURCE_DATE_EPOCH: a usage error first
    return serve(workspace, args.host, args.port, info, _say, wait=args.wait, engine=args.engine)


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


def _running_tool_source() -> Source:
    """Where this running copy of roadmap-gen was installed from (PEP 610), as a project's source."""
    from importlib import metadata

    from roadmap_gen.commands.install_source import source_from_install
    try:
        dist = metadata.distribution("roadmap-gen")
    except metadata.PackageNotFoundError:
        return source_from_install(installed=False, direct_url=None, version=__version__)
    if dist.version != __version__:  # another copy is installed than the one running (a checkout on PYTHONPATH)
        return source_from_install(installed=False, direct_url=None, version=__version__)
    try:
        direct_url = json.loads(dist.read_text("direct_url.json") or "null")
    except ValueError:
        direct_url = None
    return source_from_install(installed=True, direct_url=direct_url if isinstance(direct_url, dict) else None,
                               version=__version__)


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


def _cmd_schema(args: argparse.Namespace) -> int:
    from roadmap_gen.commands.schemas import KEPT, REFUSED, UP_TO_DATE, WRITTEN, write_schemas
    actions = write_schemas(Path(args.project))
    for action in actions:
        _say(action.line())
    counts = {kind: sum(a.action == kind for a in actions) for kind in (WRITTEN, UP_TO_DATE, KEPT, REFUSED)}
    _say(", ".join(f"{n} {kind}" for kind, n in counts.items() if n or kind == WRITTEN))
    return EXIT_INPUT if counts[REFUSED] else EXIT_OK


def _refresh_schemas(project_dir: Path, loaded: Project | None = None) -> None:
    """After a command that can change the project's ids: refresh the JSON Schemas the tool wrote (one that
    cannot be written is said, and fails nothing: the command's own work is done)."""
    from roadmap_gen.commands.schemas import WRITTEN, refresh_schemas
    actions = refresh_schemas(project_dir, loaded)
    written = [a.path for a in actions if a.action == WRITTEN]
    if written:
        _say(f"refreshed the project's JSON Schemas: {', '.join(written)}")
    for action in actions:
        if action.action != WRITTEN:
            _say(f"warning: could not refresh {action.path}: {action.reason}")


def _catalogue_kinds() -> tuple[str, ...]:
    from roadmap_gen.commands.catalogue_list import KINDS
    return KINDS


def _cmd_catalogue_import(args: argparse.Namespace) -> int:
    from roadmap_gen.importers import import_catalogue
    outcome = import_catalogue(Path(args.project), args.model, Path(args.path) if args.path else None, args.output,
                               force=args.force, version=args.model_version)
    _say("\n".join(outcome.lines), keep_newlines=True)
    _refresh_schemas(Path(args.project))
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
    outcome = open_review(_workspace(args), args.period, day, wait=args.wait, report=_say)
    _say(outcome.message, keep_newlines=True)
    _refresh_schemas(Path(args.project))
    return EXIT_OK


def _cmd_track(args: argparse.Namespace) -> int:
    from roadmap_gen.commands.track import track
    outcome = track(_workspace(args), Path(args.file), dry_run=args.dry_run, wait=args.wait,
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


def _cmd_survey(args: argparse.Namespace) -> int:
    from roadmap_gen.survey.write import write_surveys
    written = write_surveys(_workspace(args), args.team, Path(args.output) if args.output else None,
                            Path(args.teams) if args.teams else None)
    _say("wrote " + ", ".join(written))
    return EXIT_OK


def _cmd_collect(args: argparse.Namespace) -> int:
    from roadmap_gen.survey.collect import collect
    outcome = collect(_workspace(args), [(Path(w), w) for w in args.workbooks],
                      dry_run=args.dry_run, wait=args.wait, report=_say)
    print(terminal_safe(outcome.message, keep_newlines=True))
    if not args.dry_run:
        _refresh_schemas(Path(args.project))
    return EXIT_OK
