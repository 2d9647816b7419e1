"""What a project's own templates write, checked as the browser will get it.

A project's ``templates/`` shape the generated pages, and their output is cleaned like any page
(site/userpages.py). So that a refusal is said where it can be fixed, rather than found missing
in the site, every generated page is converted with the project's Markdown settings and read as a
browser reads it (markdown/fetches.py) whenever a template of the project's differs from the packaged
one of that name:

- script (``<script>``, an ``on...=`` attribute, a ``javascript:`` address, a frame, object,
  form, ``<base>`` or ``<meta>``) is an ``unsafe-template`` error untrusted (the site would lose
  it), nothing with ``--trust``;
- anything fetched from another server is an ``unsafe-template`` error untrusted, an
  ``external-request`` warning with ``--trust``.

Each is located at the first line of the project's templates that writes it (its address, its
server's name, or the tag or attribute), else at the template's first line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from roadmap_gen.core.diagnostics import Diagnostic, Loc, error
from roadmap_gen.core.resources import default_templates_dir
from roadmap_gen.markdown.fetches import html_fetches, html_scripts, normal_url, short
from roadmap_gen.markdown.pagecheck import EXTERNAL_REQUEST_TEXT, locate, url_needles
from roadmap_gen.markdown.setup import DEFAULT_SETUP, markdown_setup, page_html
from roadmap_gen.pages import SiteTree
from roadmap_gen.settings.read import Settings

CHECK = "unsafe-template"
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_NEEDLE = re.compile(r"<(\w+)>|([\w-]+)= on|a (\w+): address")


def own_templates(settings: Settings) -> dict[str, str]:
    """The project's templates that differ from the packaged ones (name -> source)."""
    packaged = default_templates_dir()
    own: dict[str, str] = {}
    for name, path in sorted(settings.templates.items()):
        try:
            source = path.read_bytes()
        except OSError:
            continue
        try:
            if (packaged / name).read_bytes() == source:
                continue
        except OSError:
            pass
        own[name] = source.decode("utf-8", "replace")
    return own


def _place(own: Mapping[str, str], needles: list[str]) -> Loc:
    for name, source in own.items():
        found = locate(source, needles)
        if found:
            return Loc(f"templates/{name}", *found)
    return Loc(f"templates/{next(iter(own))}", 1, 1)


def template_findings(tree: SiteTree, settings: Settings) -> list[Diagnostic]:
    """The findings of the module docstring, for the generated pages of *tree* (trusted or not as *settings*)."""
    own = own_templates(settings)
    if not own:
        return []
    setup = markdown_setup(settings.data) if settings.ok else DEFAULT_SETUP
    found: dict[tuple[Loc, str], Diagnostic] = {}
    for rel, data in sorted(tree.files.items()):
        if not rel.endswith(".md"):
            continue
        html = page_html(_FRONT_MATTER.sub("", data.decode("utf-8", "replace"), count=1), setup)
        for fetch in html_fetches(html):
            what = "a mermaid diagram (Material loads mermaid.js from a CDN)" if fetch.url == "mermaid" \
                else f"{short(normal_url(fetch.url))} ({fetch.what})"
            loc = _place(own, url_needles(fetch.url))
            if settings.trust:
                found[(loc, what)] = Diagnostic(
                    loc, "warning", "external-request",
                    f"the template makes docs/{rel} load {what}, so the published site calls the internet",
                    EXTERNAL_REQUEST_TEXT["action"].split(";")[0], about=loc.file)
            else:
                found[(loc, what)] = error(loc, CHECK, f"the template makes docs/{rel} load {what}: a project's "
                                           "templates may not make the site call the internet untrusted",
                                           "copy the file into site_config/ and refer to it there, or build with "
                                           "--trust if you trust everyone who can change this project")
        if settings.trust:
            continue
        for script in html_scripts(html):
            match = _NEEDLE.match(script)
            needle = next((g for g in match.groups() if g), "") if match else ""
            needles = [f"<{needle}", f"{needle}=", f"{needle}:"] if needle else []
            loc = _place(own, needles)
            found[(loc, script)] = error(loc, CHECK, f"the template writes {script} into docs/{rel}: a project's "
                                         "templates may not put script into the site untrusted (the site would "
                                         "lose it)", "remove it, or build with --trust if you trust everyone who "
                                         "can change this project")
    return list(found.values())


__all__ = ["CHECK", "own_templates", "template_findings"]
