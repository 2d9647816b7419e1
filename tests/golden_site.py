"""Golden files of a rendered site, shared by the tests of the example site and of other projects.

A golden folder holds every generated Markdown page of a site byte for byte,
every chart's SVG as ``<page>/<chart-id>.svg`` and the nav (with the site's
name, description and footer) as ``_nav.json``. :func:`compare_goldens`
compares a site with its folder, or rewrites the folder under
``--update-goldens``; review the diff afterwards.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
from pathlib import Path

import pytest

from roadmap_gen.pages import SiteTree

SVG_RE = re.compile(r"<svg\b.*?</svg>", re.S)
SVG_ID_RE = re.compile(r'aria-labelledby="([^" ]+)-title ')


def golden_files(tree: SiteTree) -> dict[str, bytes]:
    """What the golden folder holds for *tree*: pages, each chart's SVG, the nav."""
    files: dict[str, bytes] = {}
    for rel, data in tree.files.items():
        if not rel.endswith(".md"):
            continue
        files[rel] = data
        for svg in SVG_RE.findall(data.decode("utf-8")):
            match = SVG_ID_RE.search(svg)
            assert match, f"a chart in {rel} has no title id"
            files[f"{rel[:-3]}/{match.group(1)}.svg"] = (svg + "\n").encode("utf-8")
    nav = {"nav": tree.nav, "not_in_nav": list(tree.not_in_nav), "site_name": tree.site_name,
           "site_description": tree.site_description, "footer_html": tree.footer_html}
    files["_nav.json"] = (json.dumps(nav, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return files


def compare_goldens(files: dict[str, bytes], golden: Path, update: bool, regenerate: str) -> None:
    """Fail unless *golden* holds exactly *files*; with *update*, rewrite it instead.

    *regenerate* is the command that rewrites this folder, for the failure message.
    """
    if update:
        if golden.exists():
            shutil.rmtree(golden)
        for rel, data in files.items():
            (golden / rel).parent.mkdir(parents=True, exist_ok=True)
            (golden / rel).write_bytes(data)
        return
    assert golden.is_dir(), f"no golden files: run {regenerate}"
    on_disk = {p.relative_to(golden).as_posix() for p in golden.rglob("*") if p.is_file()}
    assert sorted(on_disk - set(files)) == [], f"golden files no longer generated (run {regenerate})"
    assert sorted(set(files) - on_disk) == [], f"generated files with no golden file (run {regenerate})"
    differ = [rel for rel, data in sorted(files.items()) if (golden / rel).read_bytes() != data]
    if differ:
        rel = differ[0]
        diff = "\n".join(difflib.unified_diff(
            (golden / rel).read_text("utf-8").splitlines(), files[rel].decode("utf-8").splitlines(),
            f"golden/{rel}", "output", lineterm="", n=1))
        pytest.fail(f"{len(differ)} file(s) differ from the goldens: {differ[:10]}\n{diff[:4000]}\n"
                    f"review, then: {regenerate}")
