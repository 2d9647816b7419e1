"""Escaping for every place a string from user YAML can land.

Every value a user writes reaches the generated site through exactly one of
these functions, chosen by the context it lands in:

=====================  ===========================================================
function               context
=====================  ===========================================================
:func:`md_text`        a Markdown paragraph, list item, heading or link text
:func:`md_cell`        a cell of a Markdown (``tables`` extension) table
:func:`md_multiline`   several Markdown paragraphs (blank-line separated)
:func:`link_target`    the ``href`` of a Markdown link ``[text](href)``
:func:`html_text`      text content of raw HTML or SVG
:func:`html_attr`      a quoted attribute value in raw HTML or SVG
:func:`anchor_id`      an HTML ``id`` / URL fragment / file-name slug
=====================  ===========================================================

The Markdown functions are designed for Python-Markdown with the extensions
``tables``, ``attr_list``, ``md_in_html``, ``admonition``, ``toc``,
``pymdownx.superfences`` and ``pymdownx.details`` (what MkDocs + Material and
Zensical run). Their output contains no ASCII punctuation that any of these
(or common neighbours such as ``pymdownx.emoji``, ``magiclink``, ``smarty``
or a Jinja-based macros plugin) could interpret: every such character becomes
a numeric character reference (``*`` -> ``&#42;``), which Python-Markdown
passes through untouched and the browser shows as the original character.

Text normalisation shared by all functions (the *cleaning* rule):

* Control characters that stand for a line break (VT, FF, U+001C-U+001E,
  NEL U+0085) become a line feed, U+001F a space. The other C0 control
  characters (all but TAB, LF, CR), DEL, the C1 controls (U+0080-U+009F),
  lone surrogates and the non-characters U+FFFE/U+FFFF are dropped. They
  have no visible form, most are invalid in XML (so would break inline SVG),
  and Python-Markdown uses STX/ETX internally. NUL is simply dropped.
* In the Markdown functions, runs of *layout whitespace* -- space, TAB, LF,
  CR and the Unicode line/paragraph separators U+2028/U+2029 -- collapse to one space (or one line break where the context keeps lines),
  and the result is stripped. Other Unicode spaces (no-break space, em space,
  ideographic space...) are kept, written as character references so
  Markdown never strips or splits on them.

All functions are pure and deterministic.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from urllib.parse import unquote

__all__ = [
    "TextLike",
    "anchor_id",
    "clean",
    "html_attr",
    "html_text",
    "link_target",
    "md_cell",
    "md_multiline",
    "md_text",
    "normalise_text",
    "normalise_lines",
    "one_line",
]

#: What the escaping functions accept: strings, and numbers (converted with ``str``).
TextLike = str | int | float

# Characters removed everywhere (see the module docstring).
_DROP_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Layout whitespace: collapses to one space / line break in Markdown contexts.
_LAYOUT_WS = "\t\n\r \u2028\u2029"
_LAYOUT_WS_RE = re.compile(f"[{_LAYOUT_WS}]+")
_LINE_BREAK_RE = re.compile("\r\n|[\n\r\u2028\u2029]")
_BLANK_LINE_SPLIT_RE = re.compile(f"\n[{_LAYOUT_WS.replace(chr(10), '')}]*\n")
_INLINE_WS_RE = re.compile("[\t ]+")

# ASCII punctuation that stays as is in Markdown output: none of the supported
# extensions (nor emoji, magiclink, smarty or Jinja) gives these a meaning
# on their own, and every character that could combine with them is escaped.
_MD_SAFE_PUNCT = frozenset(",;/%")
_MD_ESCAPES: dict[int, str] = {
    ord(c): f"&#{ord(c)};"
    for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    if c not in _MD_SAFE_PUNCT
}
_MD_ESCAPES[ord("&")] = "&amp;"
_MD_ESCAPES[ord("<")] = "&lt;"
_MD_ESCAPES[ord(">")] = "&gt;"
_MD_ESCAPES[ord('"')] = "&quot;"


def _as_str(value: TextLike) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    raise TypeError(f"expected a string or a number, got {type(value).__name__}")


_CLEAN_MAP = {0x0B: "\n", 0x0C: "\n", 0x1C: "\n", 0x1D: "\n", 0x1E: "\n", 0x1F: " ", 0x85: "\n"}


def clean(value: TextLike) -> str:
    """*value* with only characters valid in HTML and XML text (see module docstring).

    Control characters that mean a line break (VT, FF, the file/group/record
    separators U+001C-U+001E and NEL U+0085) become ``\\n``, the unit
    separator U+001F a space; the other control characters, lone surrogates
    and U+FFFE/U+FFFF are dropped.
    """
    return _DROP_RE.sub("", _as_str(value).translate(_CLEAN_MAP))


def normalise_text(value: TextLike) -> str:
    """What :func:`md_text` shows for *value*: cleaned, layout whitespace collapsed, stripped.

    This is the reference the tests compare the rendered text against.
    """
    return _LAYOUT_WS_RE.sub(" ", clean(value)).strip(" ")


def one_line(value: TextLike) -> str:
    """Cleaned, every whitespace run (any Unicode space or break) one space, stripped: for titles and labels."""
    return " ".join(clean(value).split())


def normalise_lines(value: TextLike) -> str:
    """What :func:`md_cell` shows for *value*, with each ``<br>`` written as ``\\n``.

    Cleaned; a run of layout whitespace that contains a line break becomes one
    ``\\n``, any other run one space; stripped at both ends.
    """
    text = _LINE_BREAK_RE.sub("\n", clean(value))
    text = _INLINE_WS_RE.sub(" ", text)
    text = re.sub(" *\n[ \n]*", "\n", text)
    return text.strip(" \n")


def _md_escape(text: str) -> str:
    """Escape cleaned, whitespace-normalised text for Markdown inline content."""
    out = text.translate(_MD_ESCAPES)
    # Keep non-layout Unicode spaces, as references, so Markdown never strips
    # or splits on them (Python-Markdown calls str.strip()/lstrip()).
    return _OTHER_SPACE_RE.sub(_char_reference, out)


# Whitespace other than the plain space: what ``str.isspace`` calls space (``re``'s ``\s`` is the
# same set for str patterns), less " ".
_OTHER_SPACE_RE = re.compile(r"[^\S ]")


def _char_reference(match: re.Match[str]) -> str:
    return f"&#{ord(match.group())};"


def md_text(value: TextLike) -> str:
    """Escape *value* for a Markdown paragraph, list item, heading or link text.

    The text shows literally: nothing in it becomes emphasis, code, a link, a
    heading, a list, an HTML tag or entity, an attribute list, an admonition,
    a footnote, a table or a template expression. Line breaks and other layout
    whitespace collapse to single spaces (it is one paragraph), so leading
    spaces can never start a code block.

    >>> md_text("*bold* <b>")
    '&#42;bold&#42; &lt;b&gt;'
    """
    return _md_escape(normalise_text(value))


def md_cell(value: TextLike) -> str:
    """Escape *value* for one cell of a Markdown table.

    Like :func:`md_text`, and ``|`` can never end the cell; line breaks are
    kept as ``<br>`` (several in a row become one).

    >>> md_cell("a | b\\nc")
    'a &#124; b<br>c'
    """
    return "<br>".join(_md_escape(line) for line in normalise_lines(value).split("\n") if line)


def md_multiline(value: TextLike) -> str:
    """Escape *value* as Markdown paragraphs.

    Blank lines (lines holding only whitespace) separate paragraphs; each
    paragraph is escaped like :func:`md_text`, so line breaks inside one
    collapse to spaces. Paragraphs are joined by one blank line. Returns ``""``
    when there is no visible text.
    """
    text = _LINE_BREAK_RE.sub("\n", clean(value))
    paragraphs = (md_text(p) for p in _BLANK_LINE_SPLIT_RE.split(text))
    return "\n\n".join(p for p in paragraphs if p)


# --- links --------------------------------------------------------------------------

_ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_HEX = frozenset("0123456789abcdefABCDEF")
# Kept as is in the href; everything else is percent-encoded (UTF-8).
_URL_SAFE = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" "-._~" ":/?#@!$&*+,;="
)
_ENTITY_LIKE_RE = re.compile(r"&(?=#|[A-Za-z0-9]+;)")


def _unquote_all(text: str) -> str:
    """Decode HTML character references and %XX escapes until nothing changes."""
    for _ in range(8):
        decoded = unquote(html.unescape(text), errors="replace")
        if decoded == text:
            break
        text = decoded
    return text


def _invisible(c: str) -> bool:
    return c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp")


def _probe(text: str) -> str:
    """*text* as a lenient reader might see it: no invisible characters, NFKC, case-folded."""
    if text.isascii() and text.isprintable() and " " not in text:
        # The common case, at once: printable ASCII but the space has no invisible character, and NFKC
        # leaves ASCII as it is (tests/test_escape.py compares this with the general way).
        return text.casefold()
    text = "".join(c for c in text if not _invisible(c))
    return unicodedata.normalize("NFKC", text).casefold()


def _scheme_of(text: str) -> str | None:
    match = _SCHEME_RE.match(_probe(text))
    return match.group(1) if match else None


def link_target(value: TextLike) -> str | None:
    """A safe ``href`` for ``[text](href)`` or raw HTML, or ``None`` when unsafe.

    Accepted: ``http:``/``https:`` URLs with a host, ``mailto:`` and relative
    links (``page.md``, ``../x/``, ``/abs``, ``#frag``, ``?q``). Refused
    (``None``): empty values; any other scheme (``javascript:``, ``data:``,
    ``vbscript:``, ``file:``...), however it is disguised -- mixed case,
    embedded TAB/LF/controls/zero-width characters, HTML character
    references (``&#106;``) or percent-encoding; any backslash (browsers
    read ``\\`` as ``/``); protocol-relative ``//host``; and TAB/LF/CR or
    control characters anywhere.

    The value is taken literally (references are not decoded) and
    percent-encoded as UTF-8 except for RFC 3986 unreserved and reserved
    characters, so spaces, quotes, ``( ) < > [ ] { } | ` ^`` can never break
    out of Markdown link syntax or an HTML attribute; existing ``%XX`` escapes
    are kept, and a ``&`` that would read as a character reference is written
    ``%26``. The function is idempotent: ``link_target(link_target(x)) ==
    link_target(x)``.
    """
    raw = _as_str(value)
    text = raw.strip(" ")
    if not text or _DROP_RE.search(text) or re.search("[\t\n\r\x0b\x0c\x1c-\x1f]", text):
        return None
    if "\\" in text:
        return None
    decoded = _unquote_all(text)
    for candidate in (text, decoded):
        stripped = _probe(candidate)
        if stripped.startswith("//") or "\\" in stripped:
            return None
        scheme = _scheme_of(candidate)
        if scheme is not None and scheme not in _ALLOWED_SCHEMES:
            return None
    scheme = _scheme_of(text)
    if scheme is not None and not _SCHEME_RE.match(text.lower()):
        return None  # a scheme only after removing characters: "ht\u200btp:" and friends
    if scheme in ("http", "https"):
        rest = text.split(":", 1)[1]
        host = rest[2:].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0] if rest.startswith("//") else ""
        if not host.strip("/"):
            return None
    out: list[str] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "%" and i + 2 < len(text) and text[i + 1] in _HEX and text[i + 2] in _HEX:
            out.append(text[i : i + 3])
            i += 3
            continue
        if c in _URL_SAFE:
            out.append(c)
        else:
            out.extend(f"%{b:02X}" for b in c.encode("utf-8"))
        i += 1
    return _ENTITY_LIKE_RE.sub("%26", "".join(out))


# --- raw HTML and SVG --------------------------------------------------------------

_HTML_ESCAPES = {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord('"'): "&quot;",
    ord("'"): "&#39;",
    ord("\n"): "&#10;",
    ord("\r"): "&#13;",
}
_ATTR_ESCAPES = {**_HTML_ESCAPES, ord("\t"): "&#9;"}


def html_text(value: TextLike) -> str:
    """Escape *value* as text content in raw HTML or SVG (valid XML too).

    Escapes ``& < > " '``, drops characters invalid in XML (see module
    docstring) and writes line breaks as ``&#10;``, so the result never adds a
    line to the surrounding HTML block (a blank line would end a raw HTML
    block in Markdown). Only for raw HTML blocks: inside Markdown paragraphs
    use :func:`md_text`.
    """
    return clean(value).translate(_HTML_ESCAPES)


def html_attr(value: TextLike) -> str:
    """Escape *value* for a quoted (``"`` or ``'``) attribute value in HTML or SVG.

    As :func:`html_text`, and TAB also becomes a reference so XML attribute
    normalisation keeps it. This does not make a URL safe: pass hrefs through
    :func:`link_target` first.
    """
    return clean(value).translate(_ATTR_ESCAPES)


# --- ids ------------------------------------------------------------------------------

_ID_MAX = 80


def anchor_id(value: TextLike) -> str:
    """A stable, readable HTML id / URL fragment / slug for *value*.

    Lowercase ASCII letters, digits and single ``-`` between them: accents are
    removed (``Überblick`` -> ``uberblick``), every other run of characters
    becomes ``-``. Never empty: when nothing ASCII is left (``"日本"``, ``""``)
    the id is ``id-`` and 8 hex digits of the SHA-256 of the value; ids longer
    than 80 characters are cut and end with such a hash. Deterministic and
    idempotent on its own output.

    Distinct values can map to the same id (``"A b"`` and ``"a-b"``): callers
    pass values that are already unique (model ids) and must not rely on this
    function to make them unique.
    """
    text = clean(value)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    if not slug:
        return f"id-{digest}"
    if len(slug) > _ID_MAX:
        slug = f"{slug[: _ID_MAX - 9].rstrip('-')}-{digest}"
    return slug
