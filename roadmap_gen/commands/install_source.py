"""Where a roadmap project installs roadmap-gen from: the one requirement line of its ``requirements.txt``.

roadmap-gen is not on a public package index, so ``pip install roadmap-gen``
fails on a CI machine. A project instead pins the tool in ``requirements.txt``
(written by ``init``; CI and people run ``pip install -r requirements.txt``):
one line naming the version and where it comes from, a wheel, an sdist, a git
URL at a tag, or a package index of your own. That line is the one place to
change it.

Pure functions: the CLI reads where the running tool was installed from
(PEP 610's ``direct_url.json``) and passes it in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from roadmap_gen.core.diagnostics import UsageError

NAME = "roadmap-gen"
REQUIREMENTS = "requirements.txt"
# A git URL that can never resolve (.invalid is reserved), so a project that was never told its
# source fails at `pip install` with this line in the message instead of installing something else.
PLACEHOLDER_REPO = "git+https://git.example.invalid/CHANGE-ME/roadmap-gen"


# A requirement naming the tool (roadmap-gen==1.2, roadmap-gen>=1.2,<2 ...), as opposed to a path.
_REQUIREMENT = re.compile(r"^roadmap[-_]gen\s*(?:\Z|[=<>!~\[;@])", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """The requirement line, and what to tell the user about it."""

    requirement: str
    #: False when only this machine can install from it (a file:// path) or it is the placeholder.
    portable: bool = True
    note: str = ""


def _url_source(url: str) -> Source:
    if url.startswith("file:"):
        return Source(f"{NAME} @ {url}", False,
                      "it names a path on this machine, which CI cannot reach: put a URL there (see its comments)")
    return Source(f"{NAME} @ {url}")


def _git_source(url: str, version: str) -> Source:
    """A git URL (``git+https://host/roadmap-gen``), pinned to the tag ``v<version>`` unless it names a ref."""
    if "@" not in urlsplit(url[len("git+"):]).path:
        url = f"{url}@v{version}"
    return _url_source(url)


def source_from_option(spec: str, version: str, cwd: Path) -> Source:
    """``--source``: ``index``, a requirement (``roadmap-gen==X``), a git URL, a wheel or sdist URL, or a local path."""
    spec = spec.strip()
    if spec == "index":
        return Source(f"{NAME}=={version}", True, "it installs from your package index")
    if spec.startswith("git+"):
        return _git_source(spec, version)
    if "://" in spec:
        return _url_source(spec)
    path = (cwd / spec).resolve()
    if not path.exists() and _REQUIREMENT.match(spec):
        return Source(spec)
    if not path.exists():
        raise UsageError(f"--source '{spec}': no such file or folder (give a wheel, an sdist, a checkout,"
                         " a URL, a git+ URL or 'index')")
    return _url_source(path.as_uri())


def source_from_install(*, installed: bool, direct_url: Mapping[str, Any] | None, version: str) -> Source:
    """Where the running tool came from, as a project's source (the default of ``init``).

    *installed* is False when the running code has no installation record at all (run from a
    source tree); *direct_url* is its PEP 610 record, None when it came from a package index.
    """
    if not installed:
        return Source(f"{NAME} @ {PLACEHOLDER_REPO}@v{version}", False,
                      "roadmap-gen does not know where it was installed from: set the line in requirements.txt")
    if not direct_url:
        return Source(f"{NAME}=={version}", True, "it installs from your package index, as this copy was")
    url = str(direct_url.get("url", ""))
    vcs = direct_url.get("vcs_info")
    if isinstance(vcs, Mapping) and url:
        ref = vcs.get("commit_id") or vcs.get("requested_revision")
        return _url_source(f"{vcs.get('vcs', 'git')}+{url}@{ref}" if ref else f"{vcs.get('vcs', 'git')}+{url}")
    if url:
        return _url_source(url)
    return Source(f"{NAME}=={version}", True, "it installs from your package index")


def requirements_text(source: Source, version: str) -> str:
    """The whole ``requirements.txt``: comments that say how to change it, then the one line."""
    return f"""\
# The tool that builds this roadmap, pinned: roadmap-gen {version}.
# CI and everyone who builds the site install it with:  pip install -r requirements.txt
#
# The line below is the one place that says which version and where it comes from.
# roadmap-gen is on no public package index: name a wheel, an sdist or a git tag
# your CI can reach, for example
#   roadmap-gen @ https://files.example.org/tools/roadmap_gen-{version}-py3-none-any.whl
#   roadmap-gen @ git+https://git.example.org/tools/roadmap-gen@v{version}
#   roadmap-gen=={version}      (from a package index of your own)
# A file:///... line works only on the machine that holds that file.
# Upgrading is deliberate: change the line, run `roadmap-gen upgrade`, fix what
# `roadmap-gen validate --strict` reports (see the tool's CHANGELOG), commit.
{source.requirement}
"""


def pinned_requirement(text: str) -> str | None:
    """The requirement line of a ``requirements.txt`` that names roadmap-gen, if any."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and ("roadmap-gen" in stripped or "roadmap_gen" in stripped):
            return stripped
    return None


__all__ = ["NAME", "PLACEHOLDER_REPO", "REQUIREMENTS", "Source", "pinned_requirement", "requirements_text",
           "source_from_install", "source_from_option"]
