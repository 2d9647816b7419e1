"""Text the tool prints or writes, made safe to show: nothing a project's files hold may act on a
terminal, a CI log or a reader of the JSON it writes."""

from __future__ import annotations

import re

# Control characters (C0, DEL, C1), line and paragraph separators and the bidirectional
# controls: what a value could use to move the cursor, recolour, rewrite a line ("passed")
# or reorder what the reader sees in a terminal or a CI log.
_UNSAFE_FOR_TERMINAL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                                  "\u2066-\u2069\ufeff]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def has_controls(text: str) -> bool:
    """True when *text* holds one of the characters above (a file name ``evil\n.yaml``, ``2026-Q3\n``)."""
    return _UNSAFE_FOR_TERMINAL.search(text) is not None


def terminal_safe(text: str, *, keep_newlines: bool = False) -> str:
    """*text* with every control character shown escaped (``\\x1b``, ``\\u202e``), so nothing a
    project's files hold can act on the terminal. *keep_newlines* keeps LF for our own multi-line texts."""
    if keep_newlines:
        return "\n".join(_UNSAFE_FOR_TERMINAL.sub(_escaped, line) for line in text.split("\n"))
    return _UNSAFE_FOR_TERMINAL.sub(_escaped, text)


#: What GitHub's runner reads as a command in a step's log: ``##[`` anywhere in a line
#: (``##[stop-commands]``, ``##[set-output]``), and ``::`` at the start of a line (``::add-mask::``).
_RUNNER_COMMAND = re.compile(r"##\[|^([ \t]*)::", re.M)


def _runner_escaped(match: re.Match[str]) -> str:
    return "#\\x23[" if match.group(0) == "##[" else match.group(1) + "\\x3a:"


def log_safe(text: str, *, keep_newlines: bool = False) -> str:
    """:func:`terminal_safe` text that a CI runner also takes as text: ``##[`` becomes ``#\\x23[`` and a
    line's leading ``::`` becomes ``\\x3a:``, so a value cannot stop, mask or forge the log's commands.
    (The ``github`` format writes real commands, escaped its own way.)"""
    return _RUNNER_COMMAND.sub(_runner_escaped, terminal_safe(text, keep_newlines=keep_newlines))


def json_safe(text: str) -> str:
    """JSON text (already valid) with the characters above written as \\u escapes: the same data.

    json.dumps escapes C0 controls inside strings itself; what it leaves raw (C1 controls, the
    bidirectional and line-separator characters) can only be inside strings, so escaping them
    keeps the JSON valid. Its own layout line feeds stay."""
    return _UNSAFE_FOR_TERMINAL.sub(lambda m: m.group(0) if m.group(0) == "\n" else f"\\u{ord(m.group(0)):04x}",
                                    text)
