"""Options of the Markdown extensions an untrusted project may use: data we check.

An allowed extension can still be told to do harm through its options: ``smarty``'s substitutions
and ``footnotes``' texts are written into every page as raw HTML, and a ``css_class`` of
``mermaid`` makes the theme load mermaid.js from a CDN. So untrusted, each extension takes only
the options listed in :data:`OPTIONS`, each of a checked type and value; anything else is an
``unsafe-setting`` error that names ``--trust`` (settings/read.py reports them at the option).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

#: A check of one option's value: None when it is fine, else what is wrong.
Check = Callable[[Any], "str | None"]

_ENTITY_TEXT = re.compile(r"(?:[^<>&]|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});)*")
_CLASS = re.compile(r"[A-Za-z0-9_-]+")
_NAME_RE = re.compile(r"[A-Za-z0-9_.+-]{1,64}")


def _bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _int(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return None if ok else f"must be a whole number from {low} to {high}"
    return check


def _choice(*values: str) -> Check:
    def check(value: Any) -> str | None:
        return None if value in values else "must be one of " + ", ".join(values)
    return check


def _text(value: Any) -> str | None:
    """Text the extension writes into the page as HTML: no markup, '&' only in a character reference."""
    if isinstance(value, str) and len(value) <= 200 and _ENTITY_TEXT.fullmatch(value):
        return None
    return "must be plain text of at most 200 characters: no '<' or '>', and '&' only in an entity like &rsquo;"


def _classes(value: Any) -> str | None:
    """CSS class names: words of [A-Za-z0-9_-], none that turns on a theme feature that loads script
    (Material loads mermaid.js from a CDN for an element of class 'mermaid')."""
    if not isinstance(value, str) or not all(_CLASS.fullmatch(word) for word in value.split()):
        return "must be CSS class names (letters, digits, '-' and '_')"
    if any("mermaid" in word.lower() for word in value.split()):
        return "may not be 'mermaid': the theme then loads mermaid.js from a CDN"
    return None


def _short_word(value: Any) -> str | None:
    ok = isinstance(value, str) and (value == "" or (len(value) <= 20 and _CLASS.fullmatch(value)))
    return None if ok else "must be at most 20 letters, digits, '-' or '_'"


def _name(value: Any) -> str | None:
    return None if isinstance(value, str) and _NAME_RE.fullmatch(value) else "must be a name (letters, digits, '.-_+')"


def _either(*checks: Check) -> Check:
    def check(value: Any) -> str | None:
        problems = [check(value) for check in checks]
        return None if any(p is None for p in problems) else " or ".join(p for p in problems if p)
    return check


def _none(value: Any) -> str | None:
    return None if value is None else "must be empty"


def _depth(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 6:
        return None
    return None if isinstance(value, str) and re.fullmatch(r"[1-6]-[1-6]", value) else "must be 1 to 6, or like '2-4'"


def _list_of(item: Check) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list) or len(value) > 50:
            return "must be a list (of at most 50)"
        return next((problem for problem in map(item, value) if problem), None)
    return check


_SMARTY_KEYS = ("left-single-quote", "right-single-quote", "left-double-quote", "right-double-quote",
                "left-angle-quote", "right-angle-quote", "ndash", "mdash", "ellipsis")


def _substitutions(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "must be a map of " + ", ".join(_SMARTY_KEYS)
    for key, text in value.items():
        if key not in _SMARTY_KEYS:
            return f"has '{key}', which is not one of " + ", ".join(_SMARTY_KEYS)
        problem = _text(text)
        if problem:
            return f"'{key}' {problem}"
    return None


_BOOL: Check = _bool
_TEXT: Check = _text
_CLASSES: Check = _classes
_WORD: Check = _short_word
_HIGHLIGHT: Mapping[str, Check] = {
    "use_pygments": _BOOL, "css_class": _CLASSES, "guess_lang": _either(_BOOL, _choice("inline", "block")),
    "pygments_style": _name, "noclasses": _BOOL, "linenums": _either(_BOOL, _none),
    "linenums_style": _choice("table", "pymdownx-inline", "inline"), "linenums_special": _int(-1, 1000),
    "linenums_class": _CLASSES, "line_spans": _WORD, "anchor_linenums": _BOOL, "line_anchors": _WORD,
    "pygments_lang_class": _BOOL, "auto_title": _BOOL, "language_prefix": _WORD, "code_attr_on_pre": _BOOL,
    "stripnl": _BOOL, "default_lang": _either(_name, _choice("")),
}

#: Per extension (its short name): option -> check. An extension not here takes no options.
OPTIONS: Mapping[str, Mapping[str, Check]] = {
    "footnotes": {"PLACE_MARKER": _TEXT, "UNIQUE_IDS": _BOOL, "BACKLINK_TEXT": _TEXT, "SUPERSCRIPT_TEXT": _TEXT,
                  "BACKLINK_TITLE": _TEXT, "SEPARATOR": _WORD, "USE_DEFINITION_ORDER": _BOOL},
    "tables": {"use_align_attribute": _BOOL},
    "toc": {"permalink": _either(_BOOL, _TEXT), "permalink_title": _TEXT, "permalink_class": _CLASSES,
            "permalink_leading": _BOOL, "baselevel": _int(1, 6), "toc_depth": _depth, "title": _TEXT,
            "title_class": _CLASSES, "anchorlink": _BOOL, "anchorlink_class": _CLASSES, "marker": _TEXT,
            "separator": _WORD, "toc_class": _CLASSES},
    "smarty": {"smart_dashes": _BOOL, "smart_quotes": _BOOL, "smart_angled_quotes": _BOOL,
               "smart_ellipses": _BOOL, "substitutions": _substitutions},
    "fenced_code": {"lang_prefix": _WORD},
    "codehilite": {"linenums": _either(_BOOL, _none), "guess_lang": _BOOL, "css_class": _CLASSES,
                   "pygments_style": _name, "noclasses": _BOOL, "use_pygments": _BOOL, "lang_prefix": _WORD,
                   "wrapcode": _BOOL},
    "wikilinks": {"html_class": _CLASSES},
    "pymdownx.arithmatex": {"generic": _BOOL, "smart_dollar": _BOOL, "preview": _BOOL},
    "pymdownx.betterem": {"smart_enable": _choice("all", "asterisk", "underscore", "none")},
    "pymdownx.caret": {"smart_insert": _BOOL, "insert": _BOOL, "superscript": _BOOL},
    "pymdownx.critic": {"mode": _choice("view", "accept", "reject")},
    "pymdownx.escapeall": {"hardbreak": _BOOL, "nbsp": _BOOL},
    "pymdownx.fancylists": {"inject_style": _BOOL, "inject_class": _BOOL},
    "pymdownx.highlight": _HIGHLIGHT,
    "pymdownx.inlinehilite": {"css_class": _CLASSES, "style_plain_text": _BOOL},
    "pymdownx.keys": {"camel_case": _BOOL, "strict": _BOOL, "separator": _TEXT},
    "pymdownx.magiclink": {"hide_protocol": _BOOL, "repo_url_shortener": _BOOL, "social_url_shortener": _BOOL,
                           "repo_url_shorthand": _BOOL, "social_url_shorthand": _BOOL,
                           "normalize_issue_symbols": _BOOL, "provider": _choice("github", "gitlab", "bitbucket"),
                           "user": _name, "repo": _name},
    "pymdownx.mark": {"smart_mark": _BOOL},
    "pymdownx.progressbar": {"level_class": _BOOL, "add_classes": _CLASSES, "progress_increment": _int(1, 100)},
    "pymdownx.smartsymbols": {name: _BOOL for name in ("trademark", "copyright", "registered", "care_of",
                                                       "plusminus", "arrows", "notequal", "fractions",
                                                       "ordinal_numbers")},
    "pymdownx.striphtml": {"strip_comments": _BOOL, "strip_js_on_attributes": _BOOL},
    "pymdownx.superfences": {"disable_indented_code_blocks": _BOOL, "preserve_tabs": _BOOL, "css_class": _CLASSES,
                             "relaxed_headers": _BOOL},
    "pymdownx.tabbed": {"alternate_style": _BOOL, "combine_header_slug": _BOOL, "separator": _WORD},
    "pymdownx.tasklist": {"custom_checkbox": _BOOL, "clickable_checkbox": _BOOL},
    "pymdownx.tilde": {"smart_delete": _BOOL, "delete": _BOOL, "subscript": _BOOL},
    "pymdownx.blocks.admonition": {"types": _list_of(_classes)},
    "pymdownx.blocks.details": {"types": _list_of(_classes)},
    "pymdownx.blocks.tab": {"alternate_style": _BOOL, "combine_header_slug": _BOOL},
    "pymdownx.blocks.caption": {"auto": _BOOL, "prepend": _BOOL, "auto_level": _int(0, 6)},
}


def short_name(extension: str) -> str:
    """``markdown.extensions.toc`` is ``toc``."""
    return extension[len("markdown.extensions."):] if extension.startswith("markdown.extensions.") else extension


def option_problem(extension: str, option: Any, value: Any) -> str | None:
    """What is wrong with *option* of the allowed *extension* set to *value* untrusted, or None."""
    allowed = OPTIONS.get(short_name(extension), {})
    if option not in allowed:
        listed = ", ".join(allowed) if allowed else "none"
        return f"option '{option}' of {extension} is not one an untrusted project may set (those are: {listed})"
    problem = allowed[option](value)
    return f"option '{option}' of {extension} {problem}" if problem else None


__all__ = ["OPTIONS", "option_problem", "short_name"]
