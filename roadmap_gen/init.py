"""``roadmap-gen init DIR``: a new project that builds with ``--strict`` at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from string import Template

from roadmap_gen.diagnostics import ProjectError
from roadmap_gen.periods import Quarter, add_months
from roadmap_gen.load.schemas import schema_texts

SKELETON = Path(__file__).resolve().parent / "skeleton"
# Files stored under another name so that they do not act inside this repository.
_RENAMED = {"gitignore": ".gitignore"}


def init_project(target: Path, today: date, force: bool = False) -> list[Path]:
    """Write the skeleton into ``target``; the review is dated ``today``."""
    if target.exists() and not target.is_dir():
        raise ProjectError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise ProjectError(f"{target} is not empty; use --force to write into it anyway")
    period = Quarter.of(today)
    values = {
        "period": str(period),
        "date": today.isoformat(),
        "next": add_months(today, 3).isoformat(),
        "later": str(period.shift(3)),
        "due": str(period.shift(4)),
    }
    files: dict[Path, bytes] = {}
    for path in sorted(SKELETON.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(SKELETON)
        rel = rel.with_name(_RENAMED.get(rel.name, rel.name))
        data = path.read_bytes()
        if path.suffix == ".yaml" and rel.parts[0] == "content":
            data = Template(data.decode("utf-8")).safe_substitute(values).encode("utf-8")
        files[rel] = data
    for name, text in schema_texts().items():
        files[Path("schema") / name] = text.encode("utf-8")
    written = []
    for rel, data in sorted(files.items()):
        out = target / rel
        if out.exists() and not force:
            raise ProjectError(f"{out} exists; use --force to overwrite")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        written.append(out)
    return written


__all__ = ["init_project"]
