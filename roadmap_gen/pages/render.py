"""The template engine: safe by default.

Every ``{{ value }}`` from data is escaped for Markdown text unless a filter
already made it safe for its context (``cell``, ``link``, ``html`` ...), so a
template that forgets a filter still cannot let a YAML string become markup.
Templates come from the project's ``templates/`` first and the packaged ones
second, run in Jinja's sandbox with StrictUndefined, and are compiled once.
Template syntax inside data is never evaluated: data is only ever a variable.
"""

from __future__ import annotations

import math
import traceback
from pathlib import Path
from typing import Any, Iterable

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from roadmap_gen import escape
from roadmap_gen.diagnostics import InputError, Loc, error
from roadmap_gen.numbers import fmt
from roadmap_gen.resources import default_templates_dir


def number(value: Any) -> str:
    """Numbers as people write them: no float noise, no trailing .0."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return fmt(value) if math.isfinite(value) else "–"
    return str(value)


def _md(value: Any) -> Markup:
    """Text escaped for Markdown, unless a filter already made it safe."""
    return value if isinstance(value, Markup) else Markup(escape.md_text(str(value)))


def _num(value: Any) -> Markup:
    """A number as text (digits, ".", "-", "–": nothing Markdown reads); anything else is escaped."""
    if value is None or isinstance(value, (int, float)):
        return Markup(number(value))
    return _md(value)


def _finalize(value: Any) -> Markup:
    return Markup("") if value is None else _num(value)


def _cell(value: Any) -> Markup:
    if isinstance(value, Markup):
        return Markup(str(value).replace("|", "&#124;").replace("\n", " "))
    if isinstance(value, (int, float)) or value is None:
        return Markup(number(value) if value is not None else "–")
    return Markup(escape.md_cell(str(value)))


def _link(text: Any, href: Any) -> Markup:
    """A Markdown link whose target passed the URL check; unsafe targets show as text only."""
    label = _md(text)
    target = escape.link_target(str(href)) if href else None
    if not target:
        return label
    return Markup(f"[{label}]({target})")


def _page_link(text: Any, path: str) -> Markup:
    """A link to one of our own pages (paths we made, never user text)."""
    return Markup(f"[{_md(text)}]({path})")


def make_environment(project_templates: Path | None) -> ImmutableSandboxedEnvironment:
    loaders = []
    if project_templates is not None and project_templates.is_dir():
        loaders.append(FileSystemLoader(str(project_templates)))
    loaders.append(FileSystemLoader(str(default_templates_dir())))
    env = ImmutableSandboxedEnvironment(
        # autoescape=True only so that macro output stays Markup (markupsafe.escape leaves the
        # Markup that _finalize returns alone); the escaping itself is _finalize's Markdown escaping.
        loader=ChoiceLoader(loaders), undefined=StrictUndefined, autoescape=True, finalize=_finalize,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False)
    env.filters.update({
        "md": _md,
        "cell": _cell,
        "multiline": lambda v: Markup(escape.md_multiline(str(v))),
        "link": _link,
        "page_link": _page_link,
        "html": lambda v: Markup(escape.html_text(str(v))),
        "attr": lambda v: Markup(escape.html_attr(str(v))),
        "num": _num,
        "anchor": lambda v: Markup(escape.anchor_id(str(v))),
    })
    return env


def template_location(exc: BaseException, names: Iterable[str]) -> Loc:
    """The template line a rendering error came from (Jinja rewrites frames to template lines)."""
    known = set(names)
    for frame, line in reversed(list(traceback.walk_tb(exc.__traceback__))):
        filename = frame.f_code.co_filename
        for name in known:
            if filename.endswith(name):
                return Loc(f"templates/{name}", line, 1)
    return Loc("templates", 1, 1)


class Renderer:
    """Renders named templates; template mistakes become located diagnostics."""

    def __init__(self, project_dir: Path):
        self.env = make_environment(project_dir / "templates")

    def render(self, name: str, **context: Any) -> str:
        try:
            return self.env.get_template(name).render(**context)
        except TemplateSyntaxError as exc:
            raise InputError([error(Loc(f"templates/{exc.name or name}", exc.lineno or 1, 1), "template-error",
                                    f"template syntax: {exc.message}")]) from None
        except TemplateError as exc:
            loc = template_location(exc, [name] + list(self.env.list_templates()))
            raise InputError([error(loc, "template-error", f"template {name}: {exc.message or exc}",
                                    "check the variable names the template uses"
                                    " ('roadmap-gen docs templates' says which there are)")]) from None
        except (TypeError, ValueError, AttributeError, KeyError, ZeroDivisionError) as exc:
            loc = template_location(exc, [name] + list(self.env.list_templates()))
            raise InputError([error(loc, "template-error", f"template {name}: {type(exc).__name__}: {exc}")]) from None
