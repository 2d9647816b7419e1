"""``roadmap-gen docs --site DIR``: the documentation that ships with this copy, as a website.

The documents are the Markdown files of ``docs/`` and the changelog; the site has its own
settings (below: the repository's ``mkdocs.yml`` belongs to the example project) and is built by
MkDocs with Material, strict, like a roadmap site. Links between the documents are relative, so
the same files read well on a git host and in the site; the one link out of ``docs/``, to the
changelog at the repository's top, is pointed at the site's own copy.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from roadmap_gen.core.diagnostics import UsageError
from roadmap_gen.core.resources import changelog_file, docs_dir
from roadmap_gen.core.version import __version__
from roadmap_gen.site.engines import run_mkdocs
from roadmap_gen.site.staging import dump_yaml, sync_tree

#: The site's navigation: (title, document). Every document of docs/ is in it (a test checks).
NAV: tuple[tuple[str, str], ...] = (
    ("Home", "index.md"),
    ("Getting started", "getting-started.md"),
    ("The quarterly cycle", "quarterly-cycle.md"),
    ("The input format", "format.md"),
    ("Every field", "format-fields.md"),
    ("Catalogues", "catalogues.md"),
    ("Health checks", "health-checks.md"),
    ("The board pack", "board-pack.md"),
    ("Site settings", "settings.md"),
    ("CI and pre-commit", "ci.md"),
    ("Issue trackers", "trackers.md"),
    ("Templates and theming", "templates.md"),
    ("Security", "security.md"),
    ("The Python API", "api.md"),
    ("Changes", "changelog.md"),
)
CHANGELOG = "changelog.md"
IMAGES = "images"
_TO_CHANGELOG = re.compile(r"\]\(\.\./CHANGELOG\.md(#[^)]*)?\)")


def docs_files() -> dict[str, bytes]:
    """The site's documents, by name: docs/*.md and the changelog."""
    files = {}
    for path in sorted(docs_dir().glob("*.md")):
        text = _TO_CHANGELOG.sub(lambda m: f"]({CHANGELOG}{m.group(1) or ''})", path.read_text(encoding="utf-8"))
        files[path.name] = text.encode("utf-8")
    files[CHANGELOG] = changelog_file().read_bytes()
    return files


def docs_images() -> dict[str, bytes]:
    """The screenshots the documents show, by their path under docs/ (images/NAME.png)."""
    return {f"{IMAGES}/{path.name}": path.read_bytes() for path in sorted((docs_dir() / IMAGES).glob("*.png"))}


def docs_config(names: set[str]) -> dict[str, Any]:
    return {
        "site_name": f"roadmap-gen {__version__} documentation",
        "docs_dir": "docs",
        "use_directory_urls": True,
        "strict": True,
        "theme": {"name": "material", "language": "en", "font": False,  # nothing from the internet
                  "features": ["navigation.sections", "navigation.top", "search.highlight", "toc.follow",
                               "content.code.copy"]},
        "plugins": ["search"],
        "markdown_extensions": ["tables", "admonition", "attr_list", "md_in_html", {"toc": {"permalink": True}},
                                "pymdownx.superfences", "pymdownx.details"],
        "nav": [{title: name} for title, name in NAV if name in names],
        "validation": {"nav": {"omitted_files": "warn", "not_found": "warn", "absolute_links": "warn"},
                       "links": {"not_found": "warn", "absolute_links": "warn", "unrecognized_links": "warn",
                                 "anchors": "warn"}},
        "extra": {"generator": False},
    }


def build_docs_site(out: Path) -> int:
    """Build the documentation site into *out* (missing or empty); returns how many pages it has."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"{out} exists and is not an empty folder; give a new folder for the documentation site")
    files = docs_files()
    with tempfile.TemporaryDirectory(prefix="roadmap-gen-docs-") as temp:
        staging = Path(temp) / "staging"
        tree = {f"docs/{name}": data for name, data in (files | docs_images()).items()}
        tree["mkdocs.yml"] = dump_yaml(docs_config(set(files)))
        sync_tree(tree, staging)
        run_mkdocs(staging / "mkdocs.yml", out)
    return len(files)


__all__ = ["NAV", "build_docs_site", "docs_config", "docs_files", "docs_images"]
