"""The Markdown extensions a project's pages are converted with, and that conversion.

The generator's own extensions (:data:`DEFAULT_EXTENSIONS`) with the project's ``mkdocs.yml``
entries merged over them by name, as the site engine gets them (site/config.py), so the
``external-request`` check (markdown/pagecheck.py) sees the HTML the site will hold.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown import Markdown

#: The generator's Markdown extensions, as mkdocs.yml writes them.
DEFAULT_EXTENSIONS: list[Any] = [
    "tables", "attr_list", "md_in_html", "admonition", {"toc": {"permalink": True}},
    "pymdownx.superfences", "pymdownx.details",
]

#: Markdown extensions (names) and their options (name -> options), as Python-Markdown takes them.
MarkdownSetup = tuple[tuple[str, ...], Mapping[str, Mapping[str, Any]]]


def entry_name(entry: Any) -> Any:
    """The name of a ``markdown_extensions``/``plugins`` entry: ``toc`` or ``{toc: {...}}``."""
    return next(iter(entry)) if isinstance(entry, dict) and len(entry) == 1 else entry


def merge_named(defaults: list[Any], user: list[Any]) -> list[Any]:
    """*user*'s entries after the *defaults* they do not name (an entry of the same name replaces ours)."""
    names = {entry_name(v) for v in user}
    return [v for v in defaults if entry_name(v) not in names] + list(user)


def markdown_setup(settings: Mapping[str, Any]) -> MarkdownSetup:
    """The extensions and options the site engine converts pages with, for the checked mkdocs.yml
    values *settings* (only plain names and option maps; anything else is left out)."""
    user = settings.get("markdown_extensions")
    entries = merge_named(DEFAULT_EXTENSIONS, user if isinstance(user, list) else [])
    names: list[str] = []
    configs: dict[str, Mapping[str, Any]] = {}
    for entry in entries:
        name = entry_name(entry)
        if not isinstance(name, str):
            continue
        names.append(name)
        options = entry[name] if isinstance(entry, dict) else None
        if isinstance(options, dict):
            configs[name] = options
    return tuple(names), configs


DEFAULT_SETUP: MarkdownSetup = markdown_setup({})


def converter(setup: MarkdownSetup) -> Markdown:
    """A Python-Markdown converter with *setup*'s extensions and options, as the site engine converts
    pages: with the quick inline step (markdown/quickinline.py) it adds. Raises what an extension raises."""
    import markdown

    from roadmap_gen.markdown.quickinline import QuickInlineExtension

    names, configs = setup
    return markdown.Markdown(extensions=[*names, QuickInlineExtension()], extension_configs=dict(configs))


def page_html(body: str, setup: MarkdownSetup) -> str:
    """The HTML a browser gets for the Markdown *body*, converted with *setup*; with the generator's
    own extensions when the project's cannot convert it (the build reports that)."""
    for choice in (setup, DEFAULT_SETUP):
        try:
            return converter(choice).convert(body)
        except Exception:  # noqa: BLE001 - an extension's error is the build's to report; check with ours
            continue
    return ""


__all__ = ["DEFAULT_EXTENSIONS", "DEFAULT_SETUP", "MarkdownSetup", "converter", "entry_name", "markdown_setup",
           "merge_named", "page_html"]
