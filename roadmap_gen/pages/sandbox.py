"""The resource-limited Jinja sandbox every page template runs in.

A project's template is code of the project's choosing, so beyond Jinja's immutable sandbox it runs
within deterministic limits (counters, never the clock, so a result never depends on
the machine's speed): each value a template makes (``'x' * n``, ``a ~ b``, ``2 ** n``,
``'%9999d' % x``, ``'x'.center(n)``, ...) is at most :data:`MAX_VALUE` characters or
items and integers at most :data:`MAX_INT_BITS` bits, ``range()`` at most
:data:`MAX_RANGE` items, macro calls nest at most :data:`MAX_CALL_DEPTH` deep, a page
makes at most :data:`MAX_CALLS` calls and :data:`MAX_ITERATIONS` loop steps, and writes
at most :data:`MAX_PAGE_CHARS` characters (counted by :mod:`.render`, which writes the page).
Hitting one raises :class:`TemplateLimit`, which the renderer turns into a located error
(``templates/NAME:LINE: error: [template-limit]``).

The public fields of the page views (frozen dataclasses of this package) are read at once; any
other object gets Jinja's full sandbox checks.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

MAX_VALUE = 1_000_000
MAX_INT_BITS = 4096
MAX_RANGE = 100_000
MAX_CALL_DEPTH = 40
MAX_CALLS = 5_000_000
MAX_ITERATIONS = 5_000_000
MAX_PAGE_CHARS = 20_000_000


class TemplateLimit(Exception):
    """A template went past one of the limits above."""


def _size(value: Any, budget: int = MAX_VALUE) -> int:
    """How many characters or items *value* holds, counting nested lists, stopping past *budget*.

    Nested containers are walked with a budget so that a list holding itself many times
    over (``[x, x]`` doubled in a loop) is measured without being expanded.
    """
    if isinstance(value, str):
        return len(value)
    if not isinstance(value, (list, tuple, dict, set, frozenset)):
        return 1
    total = 0
    stack: list[Any] = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            total += len(current)
        elif isinstance(current, dict):
            total += len(current)
            stack.extend(current.keys())
            stack.extend(current.values())
        elif isinstance(current, (list, tuple, set, frozenset)):
            total += len(current)
            stack.extend(current)
        else:
            total += 1
        if total > budget:
            return total
    return total


def check_size(value: Any, what: str) -> Any:
    if _size(value) > MAX_VALUE:
        raise TemplateLimit(f"{what} would hold more than {MAX_VALUE:,} characters or items")
    return value


def _check_number(value: Any, what: str) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise TemplateLimit(f"{what} would be a number of more than {MAX_INT_BITS:,} bits")
    return value


_SEQUENCE = (str, list, tuple)
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")
_NUMBERS = re.compile(r"\d+")


def _binop(operator: str, left: Any, right: Any) -> Any:
    """``*``, ``**``, ``+`` and ``%`` with their results bounded before they are made."""
    what = f"'{operator}'"
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, _SEQUENCE) and isinstance(times, int):
                if len(seq) * max(times, 0) > MAX_VALUE:
                    raise TemplateLimit(f"{what} would make a value of more than {MAX_VALUE:,} characters or items")
        if isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise TemplateLimit(f"{what} would make a number of more than {MAX_INT_BITS:,} bits")
        return left * right
    if operator == "**":
        if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
            if right * left.bit_length() > MAX_INT_BITS:
                raise TemplateLimit(f"{what} would make a number of more than {MAX_INT_BITS:,} bits")
        return left ** right
    if operator == "+":
        if isinstance(left, _SEQUENCE) and isinstance(right, _SEQUENCE):
            if len(left) + len(right) > MAX_VALUE:
                raise TemplateLimit(f"{what} would make a value of more than {MAX_VALUE:,} characters or items")
        return _check_number(left + right, what)
    if operator == "%" and isinstance(left, str):
        args = right if isinstance(right, tuple) else (right,)
        for match in _PERCENT_SPEC.finditer(left):
            for part in match.groups():
                if part == "*":
                    if any(isinstance(a, int) and abs(a) > MAX_VALUE for a in args):
                        raise TemplateLimit(f"{what} formatting would make a value wider than {MAX_VALUE:,}")
                elif part and int(part) > MAX_VALUE:
                    raise TemplateLimit(f"{what} formatting would make a value wider than {MAX_VALUE:,}")
        return check_size(left % right, what)
    return left % right


def _check_call(obj: Any, args: tuple, kwargs: Mapping[str, Any]) -> None:
    """Refuse calls of str/list methods whose arguments would make a huge value."""
    owner = getattr(obj, "__self__", None)
    if not isinstance(owner, (str, list, tuple, Markup)):
        return
    for arg in list(args) + list(kwargs.values()):
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_VALUE:
            raise TemplateLimit(f"'{getattr(obj, '__name__', 'call')}' with {arg} would make a value of more "
                                f"than {MAX_VALUE:,} characters")
    name = getattr(obj, "__name__", "")
    if isinstance(owner, str) and name == "replace" and len(args) >= 2:
        _check_replace(owner, args[0], args[1], "'replace'")
    if isinstance(owner, str) and name == "expandtabs":
        size = args[0] if args and isinstance(args[0], int) else kwargs.get("tabsize", 8)
        if isinstance(size, int) and len(owner) + owner.count("\t") * size > MAX_VALUE:
            raise TemplateLimit(f"'expandtabs' would make a value of more than {MAX_VALUE:,} characters")
    if isinstance(owner, str) and name == "join" and args:
        check_size(args[0], "'join'")
        items = args[0]
        if isinstance(items, (list, tuple)) and len(owner) * len(items) > MAX_VALUE:
            raise TemplateLimit(f"'join' would make a value of more than {MAX_VALUE:,} characters")


def _check_replace(text: str, old: Any, new: Any, what: str) -> None:
    old, new = str(old), str(new)
    count = text.count(old) if old else len(text) + 1
    if len(text) + count * len(new) > MAX_VALUE:
        raise TemplateLimit(f"{what} would make a value of more than {MAX_VALUE:,} characters")


def _check_format(text: str) -> None:
    """Refuse ``'{:>999999999}'.format(x)`` and friends before they run."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return
    for _, _, spec, _ in fields:
        if spec and ("{" in spec or any(int(n) > MAX_VALUE for n in _NUMBERS.findall(spec))):
            raise TemplateLimit(f"a format width over {MAX_VALUE:,} (or given by another field) is not allowed")


class _LimitedCodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` to a call that bounds its result."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # As Jinja's own, with the join function passed to rg_concat, which bounds the result.
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            func_name = "markup_join"
        else:
            func_name = "str_join"
        self.write(f"environment.rg_concat({func_name}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


#: Frozen dataclasses of this package seen by the sandbox (the page views and what they hold).
_VIEW_TYPES: set[type] = set()
#: Where the views are defined: the page views and rows (pages/) and the charts they hold. Anything
#: else a view holds (a quarter, a cost) is read through the sandbox's full checks.
_VIEW_MODULES = ("roadmap_gen.pages.", "roadmap_gen.charts.")


def _is_view(cls: type) -> bool:
    params = getattr(cls, "__dataclass_params__", None)
    return bool(params is not None and params.frozen and cls.__module__.startswith(_VIEW_MODULES))


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with the deterministic limits of the module docstring."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _LimitedCodeGenerator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = self.rg_range
        self.reset_counters()

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # The views the pages pass are frozen dataclasses of plain data: their public fields are safe
        # to read, and answering that at once spares the sandbox's general checks on every field a
        # page reads (a large part of rendering time). Anything else gets the full checks.
        if not attr.startswith("_") and (type(obj) in _VIEW_TYPES or _is_view(type(obj))):
            _VIEW_TYPES.add(type(obj))
            return True
        return bool(super().is_safe_attribute(obj, attr, value))

    def reset_counters(self) -> None:
        self._depth = 0
        self._calls = 0
        self._steps = 0

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        # Every for loop iterates through rg_iterate, which counts the steps of the page.
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.EnvironmentAttribute("rg_iterate"), [loop.iter], [], None, None,
                                   lineno=loop.iter.lineno)
        return tree

    def rg_iterate(self, iterable: Any) -> Iterator[Any]:
        for item in iterable:
            self._steps += 1
            if self._steps > MAX_ITERATIONS:
                raise TemplateLimit(f"the page's loops ran more than {MAX_ITERATIONS:,} steps")
            yield item

    def rg_range(self, *args: int) -> range:
        values = range(*args)
        if len(values) > MAX_RANGE:
            raise TemplateLimit(f"range() of more than {MAX_RANGE:,} numbers")
        return values

    def rg_concat(self, join: Callable[[Iterable[Any]], str], values: tuple) -> Any:
        total = 0
        for value in values:
            total += len(value) if isinstance(value, str) else _size(value, MAX_VALUE - total)
            if total > MAX_VALUE:
                raise TemplateLimit(f"'~' would make a value of more than {MAX_VALUE:,} characters")
        return join(values)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        return _binop(operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805,B902
        __self._calls += 1
        if __self._calls > MAX_CALLS:
            raise TemplateLimit(f"the page made more than {MAX_CALLS:,} calls")
        if __self._depth >= MAX_CALL_DEPTH:
            raise TemplateLimit(f"macro calls nested more than {MAX_CALL_DEPTH} deep (a macro calling itself?)")
        _check_call(__obj, args, kwargs)
        __self._depth += 1
        try:
            return super().call(__context, __obj, *args, **kwargs)
        finally:
            __self._depth -= 1

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        _check_format(value.__self__)
        return wrapped


def _bounded_filter(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    """A built-in filter whose size arguments and result are bounded."""

    first = 1 if hasattr(function, "jinja_pass_arg") else 0  # context, eval context or environment first

    def bounded(*args: Any, **kwargs: Any) -> Any:
        for arg in list(args[first + 1:]) + list(kwargs.values()):
            if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_VALUE:
                raise TemplateLimit(f"filter '{name}' with {arg} would make a value of more than "
                                    f"{MAX_VALUE:,} characters")
        if len(args) > first:
            value = args[first]
            check_size(value, f"filter '{name}'")
            rest = list(args[first + 1:])
            if name == "replace" and len(rest) >= 2:
                _check_replace(str(value), rest[0], rest[1], "filter 'replace'")
            elif name == "indent" and isinstance(value, str):
                width = rest[0] if rest else kwargs.get("width", 4)
                per_line = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
                if (value.count("\n") + 1) * per_line + len(value) > MAX_VALUE:
                    raise TemplateLimit(f"filter 'indent' would make a value of more than {MAX_VALUE:,} characters")
            elif name == "format" and isinstance(value, str):
                _binop("%", value, tuple(rest) or dict(kwargs))
        return check_size(function(*args, **kwargs), f"filter '{name}'")

    for attribute in ("jinja_pass_arg",):
        if hasattr(function, attribute):
            setattr(bounded, attribute, getattr(function, attribute))
    return bounded


# Filters that can make a value much larger than their input, or stringify a structure.
_GROWING_FILTERS = ("center", "indent", "format", "replace", "string", "tojson", "pprint", "join", "wordwrap",
                    "truncate", "urlize", "xmlattr", "list", "batch", "slice", "urlencode", "forceescape", "e",
                    "escape", "safe", "trim", "striptags", "title", "capitalize", "upper", "lower")


def bound_filters(filters: dict[str, Callable[..., Any]]) -> None:
    """Replace, in *filters*, the built-in filters that can grow a value by bounded ones."""
    for name in _GROWING_FILTERS:
        if name in filters:
            filters[name] = _bounded_filter(filters[name], name)
