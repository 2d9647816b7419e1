"""``roadmap-gen serve``: build, serve on localhost, rebuild on every change.

A broken edit prints its located diagnostics and the last good site keeps
being served. The preview site lives in ``.roadmap-gen/preview`` so that
serving never touches the published ``site/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Mapping

from roadmap_gen.diagnostics import InputError, RoadmapError, sorted_diagnostics
from roadmap_gen.pipeline import plan_project
from roadmap_gen.site.build import STATE_DIR, build_site

WATCHED = ("content", "templates", "site_config", "mkdocs.yml")


def rebuild(project_dir: Path, site_dir: Path, info: Mapping[str, str], report: Callable[[str], None]) -> bool:
    """One rebuild for the preview; problems are reported, never raised."""
    result = plan_project(project_dir)
    for diagnostic in sorted_diagnostics(result.diagnostics):
        report(diagnostic.format())
    if result.plan is None:
        report("the inputs have errors: still serving the last good site")
        return False
    try:
        build_site(project_dir, result, site_dir, info)
    except InputError as exc:
        for diagnostic in exc.diagnostics:
            report(diagnostic.format())
        report("still serving the last good site")
        return False
    except RoadmapError as exc:
        report(f"{exc}: still serving the last good site")
        return False
    report("site rebuilt")
    return True


def serve(project_dir: Path, host: str, port: int, info: Callable[[], Mapping[str, str]],
          report: Callable[[str], None]) -> int:
    from mkdocs.livereload import LiveReloadServer

    project_dir = project_dir.resolve()
    site_dir = project_dir / STATE_DIR / "preview"
    rebuild(project_dir, site_dir, info(), report)
    site_dir.mkdir(parents=True, exist_ok=True)
    def on_change() -> None:
        rebuild(project_dir, site_dir, info(), report)

    server = LiveReloadServer(on_change, host, port, str(site_dir))
    for name in WATCHED:
        path = project_dir / name
        if path.exists():
            server.watch(str(path))
    report(f"serving on http://{host}:{port}/ (Ctrl+C to stop)")
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    report("stopped")
    return 0
