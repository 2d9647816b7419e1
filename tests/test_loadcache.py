"""The load cache (site/loadcache.py): what each file gave at the last build, used again for unchanged files.

- a load through the cache gives exactly what a fresh load gives, after each kind of file was edited;
- an unchanged project is loaded from the cache alone, an edited file is read afresh;
- a corrupt, foreign, forged or linked cache is ignored as a whole, and its unpickling never makes
  anything but the model's data (a planted global is refused even under a valid signature);
- ``build`` writes it, ``validate`` only reads it; without the user's key nothing is read or written.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from example_project import copy_example, linked_away
from roadmap_gen.cli import main
from roadmap_gen.downloads.export import plan_json_text
from roadmap_gen.model import FILES
from roadmap_gen.pipeline import Planned, plan_project
from roadmap_gen.site import loadcache
from roadmap_gen.site.cachekey import sign
from roadmap_gen.site.loadcache import CACHE_FILE, FORMAT, SavedLoads
from roadmap_gen.workspace.workspace import Workspace
from test_load_memo import EDITS

KEY = b"k" * 32  # the user's key (site/cachekey.py)


def _workspace(project: Path, key: bytes | None = KEY) -> Workspace:
    return Workspace(project, cache_key=key)


def _load(project: Path, *, keep: bool = True) -> tuple[Planned, SavedLoads]:
    """The project planned through its load cache (then saved when it planned, as build does)."""
    saved = SavedLoads(_workspace(project), KEY)
    planned = plan_project(_workspace(project), memo=saved.memo)
    if keep and planned.plan is not None:
        saved.save()
    return planned, saved


def _same(cached: Planned, fresh: Planned) -> None:
    assert [d.format() for d in cached.diagnostics] == [d.format() for d in fresh.diagnostics]
    assert cached.checks == fresh.checks
    assert cached.project == fresh.project
    if fresh.plan is not None:
        assert cached.plan is not None and plan_json_text(cached.plan) == plan_json_text(fresh.plan)


def test_each_file_edited_a_load_through_the_cache_is_a_fresh_load(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    (project / "roadmap-gen.yaml").write_text("offline: false\n", encoding="utf-8")
    first, saved = _load(project)
    assert saved.memo.fresh > 3 and (project / ".roadmap-gen" / CACHE_FILE).is_file()
    assert {kind for _, _, kind, _ in saved.memo.entries()} == set(FILES)  # every kind of file is kept
    _same(first, plan_project(project))
    again, saved = _load(project)
    assert saved.memo.fresh == 0  # nothing changed: every file's result came from the cache
    _same(again, first)
    for what, edit in EDITS:  # every kind of file, broken and mended (those of the load memo's own test)
        edit(project)
        cached, saved = _load(project)
        # Only the edited file is read, and those a load with errors read (such a load is not kept).
        assert saved.memo.fresh <= 3, what
        _same(cached, plan_project(project))


def test_another_catalogues_project_is_loaded_from_the_cache_as_from_its_files(tmp_path: Path) -> None:
    """A project with nothing of the example's (another catalogue, scale and dimensions, no programme)."""
    from appsec_project import write_project
    project = write_project(tmp_path / "appsec", 30)
    first, saved = _load(project)
    assert first.plan is not None and saved.memo.fresh > 3
    again, saved = _load(project)
    assert saved.memo.fresh == 0
    _same(again, plan_project(project))


def test_an_unchanged_load_writes_nothing(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    _load(project)
    cache = project / ".roadmap-gen" / CACHE_FILE
    before = cache.stat().st_mtime_ns, cache.read_bytes()
    os.utime(cache, ns=(1, 1))
    _load(project)
    assert cache.stat().st_mtime_ns == 1 and cache.read_bytes() == before[1]


def _resigned(project: Path, payload: bytes, key: bytes = KEY) -> None:
    """Write *payload* as the cache, signed with *key* as the tool signs it."""
    stamp = loadcache.tool_stamp().encode()
    (project / ".roadmap-gen" / CACHE_FILE).write_bytes(
        FORMAT + stamp + b"\n" + sign(key, FORMAT, stamp, payload) + b"\n" + payload)


class _Planted:
    """Unpickled, it would run a command: the cache's unpickler must never make it."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


def test_a_corrupt_foreign_or_forged_cache_is_ignored(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    clean, _ = _load(project)
    cache = project / ".roadmap-gen" / CACHE_FILE
    good = cache.read_bytes()
    head, payload = good[: good.index(b"\n", len(FORMAT)) + 66], good[good.index(b"\n", len(FORMAT)) + 66:]
    marker = tmp_path / "ran"
    entries = pickle.loads(payload)
    first = next(iter(entries))
    planted = pickle.dumps({first: (_Planted(marker), ())})
    stamp_line = good[len(FORMAT): good.index(b"\n", len(FORMAT))]
    cases: dict[str, Callable[[], None]] = {
        "a byte changed": lambda: cache.write_bytes(good[:-10] + bytes([good[-10] ^ 1]) + good[-9:]),
        "cut short": lambda: cache.write_bytes(good[: len(good) // 2]),
        "another key's": lambda: _resigned(project, payload, b"x" * 32),
        "another version's": lambda: cache.write_bytes(good.replace(stamp_line, b"0.0.1+other", 1)),
        "not a cache": lambda: cache.write_bytes(b"{}"),
        "a planted global under a valid signature": lambda: _resigned(project, planted),
        "a planted global, unsigned": lambda: cache.write_bytes(head + planted),
        "a list, signed": lambda: _resigned(project, pickle.dumps([1, 2])),
    }
    for what, plant in cases.items():
        plant()
        saved = SavedLoads(_workspace(project), KEY)
        assert saved.memo.entries() == {}, what
        cached = plan_project(_workspace(project), memo=saved.memo)
        assert saved.memo.fresh > 3, what  # every file read afresh
        _same(cached, clean)
        assert not marker.exists(), what


def test_a_link_in_place_of_the_cache_is_neither_read_nor_written_through(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    _load(project)
    cache = project / ".roadmap-gen" / CACHE_FILE
    outside = tmp_path / "elsewhere.pickle"
    before = linked_away(cache, outside)
    EDITS[0][1](project)
    _, saved = _load(project)
    assert saved.memo.fresh > 3  # the linked file was not read
    assert cache.is_symlink() and outside.read_bytes() == before


def test_build_keeps_the_cache_validate_reads_it_and_none_without_a_key(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_example(tmp_path / "project")
    cache = project / ".roadmap-gen" / CACHE_FILE
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    assert main(["--project", str(project), "validate"]) == 0
    assert not cache.exists()  # validate writes nothing
    assert main(["--project", str(project), "build", "--site-dir", str(tmp_path / "site")]) == 0
    written = cache.read_bytes()
    made: list[SavedLoads] = []
    real = loadcache.SavedLoads

    def recorded(workspace: Workspace, secret: bytes) -> SavedLoads:
        made.append(real(workspace, secret))
        return made[-1]

    monkeypatch.setattr(loadcache, "SavedLoads", recorded)
    EDITS[0][1](project)
    assert main(["--project", str(project), "validate"]) == 0
    assert made and made[-1].memo.fresh == 1  # the edited team file only
    assert cache.read_bytes() == written
    # Without the user's key (no cache folder to keep it in) nothing is read or written.
    cache.unlink()
    planned = plan_project(_workspace(project, None))
    assert loadcache.project_loads(_workspace(project, None)) is None and planned.plan is not None
    assert not cache.exists()


def test_the_state_folder_made_meanwhile_by_another_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build keeps its load cache from a forked process while it goes on: both may make .roadmap-gen/ at
    once. The one that finds it made meanwhile uses it, unless what was made is not a folder."""
    from roadmap_gen.core.diagnostics import ProjectError
    from roadmap_gen.site.lock import state_dir
    real = Path.mkdir
    for name in ("a", "b"):
        (tmp_path / name).mkdir()

    def made_meanwhile(self: Path, *args: object, **kwargs: object) -> None:
        real(self)
        raise FileExistsError(17, "File exists")

    monkeypatch.setattr(Path, "mkdir", made_meanwhile)
    assert state_dir(tmp_path / "a") == tmp_path / "a" / ".roadmap-gen"
    assert (tmp_path / "a" / ".roadmap-gen").is_dir()

    def linked_meanwhile(self: Path, *args: object, **kwargs: object) -> None:
        os.symlink(tmp_path, self)
        raise FileExistsError(17, "File exists")

    monkeypatch.setattr(Path, "mkdir", linked_meanwhile)
    with pytest.raises(ProjectError, match="symbolic link"):
        state_dir(tmp_path / "b")
