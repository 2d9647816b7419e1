"""The template engine: safe by default.

Every ``{{ value }}`` from data is escaped for Markdown text unless a filter
already made it safe for its context (``cell``, ``link``, ``html`` ...), so a
template that forgets a filter still cannot let a YAML string become markup.
Templates come from the project's ``templates/`` first and the packaged ones
second, run in Jinja's sandbox with StrictUndefined, and are compiled once.
Template syntax inside data is never evaluated: data is only ever a variable.

A project's template is code of the project's choosing, so beyond the sandbox it runs
within deterministic limits (counters, never the clock, so a result never depends on
the machine's speed): each value a template makes (``'x' * n``, ``a ~ b``, ``2 ** n``,
``'%9999d' % x``, ``'x'.center(n)``, ...) is at most :data:`MAX_VALUE` characters or
items and integers at most :data:`MAX_INT_BITS` bits, ``range()`` at most
:data:`MAX_RANGE` items, macro calls nest at most :data:`MAX_CALL_DEPTH` deep, a page
makes at most :data:`MAX_CALLS` calls and :data:`MAX_ITERATIONS` loop steps, and writes
at most :data:`MAX_PAGE_CHARS` characters. Hitting one is a located error
(``templates/NAME:LINE: error: [template-limit]``).
"""

from __future__ import annotations

import math
import re
import string
import traceback
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from jinja2 import meta
from jinja2 import (BaseLoader, ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateError,
                    TemplateNotFound, TemplateSyntaxError, nodes)
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from roadmap_gen.core import escape
from roadmap_gen.core.diagnostics import InputError, Loc, error
from roadmap_gen.markdown.pagesize import MAX_HTML_DEPTH, HtmlDepth
from roadmap_gen.core.numbers import fmt
from roadmap_gen.workspace.files import ProjectFiles
from roadmap_gen.core.resources import default_templates_dir

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


def _check_size(value: Any, what: str) -> Any:
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
        return _check_size(left % right, what)
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
        _check_size(args[0], "'join'")
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


def _is_view(cls: type) -> bool:
    params = getattr(cls, "__dataclass_params__", None)
    return bool(params is not None and params.frozen and cls.__module__.startswith("roadmap_gen."))


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
            _check_size(value, f"filter '{name}'")
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
        return _check_size(function(*args, **kwargs), f"filter '{name}'")

    for attribute in ("jinja_pass_arg",):
        if hasattr(function, attribute):
            setattr(bounded, attribute, getattr(function, attribute))
    return bounded


# Filters that can make a value much larger than their input, or stringify a structure.
_GROWING_FILTERS = ("center", "indent", "format", "replace", "string", "tojson", "pprint", "join", "wordwrap",
                    "truncate", "urlize", "xmlattr", "list", "batch", "slice", "urlencode", "forceescape", "e",
                    "escape", "safe", "trim", "striptags", "title", "capitalize", "upper", "lower")


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
    if value is None:
        return Markup("")
    _check_size(value, "a printed value")
    return _num(value)


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


class ProjectTemplates(BaseLoader):
    """The project's templates/, read by the file rules of workspace/files.py (no link out, no FIFO)."""

    def __init__(self, files: ProjectFiles, names: Mapping[str, Path]):
        self.files = files
        self.names = dict(names)

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.names.get(template)
        if path is None:
            raise TemplateNotFound(template)
        label = f"templates/{template}"
        text = self.files.read_text(path, label)
        if text is None:
            raise InputError([d for d in self.files.diagnostics if d.file == label] or
                             [error(Loc(label, 1, 1), "unreadable", f"cannot read {label}")])
        return text, label, lambda: False

    def list_templates(self) -> list[str]:
        return sorted(self.names)


class _CompiledTemplates(BytecodeCache):
    """Compiled templates, by name and source checksum, for every environment of this process.

    Each render makes its own environment (a project's templates may have changed), so without
    this ``serve`` would compile every template again on each edit; a template whose source
    changed has another checksum and is compiled afresh. All environments share one class and
    one set of options, so the same source compiles to the same code in each."""

    def __init__(self, most: int = 512) -> None:
        self._store: dict[str, bytes] = {}
        self._most = most

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)  # a bucket whose checksum differs resets itself

    def dump_bytecode(self, bucket: Bucket) -> None:
        if len(self._store) >= self._most:
            self._store.clear()
        self._store[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()
#: The templates each template source names (None: a name it computes), by source.
_REFERENCES: dict[str, tuple[str | None, ...]] = {}


def make_environment(project_templates: ProjectTemplates | None) -> LimitedSandbox:
    loaders: list[BaseLoader] = []
    if project_templates is not None:
        loaders.append(project_templates)
    loaders.append(FileSystemLoader(str(default_templates_dir())))
    env = LimitedSandbox(
        # autoescape=True only so that macro output stays Markup (markupsafe.escape leaves the
        # Markup that _finalize returns alone); the escaping itself is _finalize's Markdown escaping.
        loader=ChoiceLoader(loaders), undefined=StrictUndefined, autoescape=True, finalize=_finalize,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False,
        bytecode_cache=_COMPILED)
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
    for name in _GROWING_FILTERS:
        if name in env.filters:
            env.filters[name] = _bounded_filter(env.filters[name], name)
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
    """Renders named templates; template mistakes and limits become located diagnostics."""

    def __init__(self, project_dir: Path, trust: bool = False):
        files = ProjectFiles(project_dir, trust)
        names = dict(files.walk(files.root / "templates"))
        refused = [d for d in files.diagnostics if d.severity == "error"]
        if refused:
            raise InputError(refused)
        self.env = make_environment(ProjectTemplates(files, names))

    def sources(self, name: str) -> tuple[tuple[str, str], ...]:
        """(name, source) of template *name* and of every template it includes, imports or extends: what
        its pages depend on besides their data (the page cache's key). A name the template computes could
        be any template, so then every template is in. Errors are the render's to report: they propagate."""
        todo, seen = [name], {}
        while todo:
            current = todo.pop()
            if current not in seen:
                source = seen[current] = self.env.loader.get_source(self.env, current)[0]  # type: ignore[union-attr]
                if source not in _REFERENCES:  # parsed once per source in a process (serve rebuilds often)
                    _REFERENCES[source] = tuple(meta.find_referenced_templates(self.env.parse(source)))
                for found in _REFERENCES[source]:
                    todo.extend(self.env.list_templates() if found is None else [found])
        return tuple(sorted(seen.items()))

    def _render(self, name: str, context: Mapping[str, Any]) -> str:
        env = self.env
        env.reset_counters()
        chunks: list[str] = []
        total = 0
        output = env.get_template(name).generate(**context)
        depth = HtmlDepth()
        for chunk in output:
            total += len(chunk)
            depth.feed(chunk)
            if depth.deepest_at is not None:
                raise InputError([error(self._suspended_at(output) or Loc(f"templates/{name}", 1, 1),
                                        "template-limit", f"template {name}: HTML elements nest more than "
                                        f"{MAX_HTML_DEPTH} deep", "nest fewer elements: the board pack's PDF "
                                        "and the Markdown converter go one level deeper in Python for each")])
            if total > MAX_PAGE_CHARS:
                where = self._suspended_at(output)
                raise InputError([error(where or Loc(f"templates/{name}", 1, 1), "template-limit",
                                        f"template {name}: the page would be longer than {MAX_PAGE_CHARS:,} "
                                        "characters", "templates run within fixed limits (docs/templates.md)")])
            chunks.append(chunk)
        return "".join(chunks)

    def _suspended_at(self, output: Any) -> Loc | None:
        """The template line a paused page generator is at (the innermost template frame)."""
        found: Loc | None = None
        current = output
        while current is not None:
            frame = getattr(current, "gi_frame", None)
            if frame is not None:
                for template_name in self.env.list_templates():
                    if frame.f_code.co_filename.endswith(template_name):
                        template = self.env.get_template(template_name)
                        found = Loc(f"templates/{template_name}", template.get_corresponding_lineno(frame.f_lineno), 1)
                        break
            current = getattr(current, "gi_yieldfrom", None)
        return found

    def _located(self, exc: BaseException, name: str, check: str, message: str, hint: str = "") -> InputError:
        loc = template_location(exc, [name] + list(self.env.list_templates()))
        return InputError([error(loc, check, message, hint)])

    def render(self, name: str, **context: Any) -> str:
        try:
            return self._render(name, context)
        except TemplateLimit as exc:
            raise self._located(exc, name, "template-limit", f"template {name}: {exc}",
                                "templates run within fixed limits (docs/templates.md)") from None
        except (RecursionError, MemoryError, OverflowError) as exc:
            raise self._located(exc, name, "template-limit", f"template {name}: {type(exc).__name__}: {exc}",
                                "templates run within fixed limits (docs/templates.md)") from None
        except TemplateSyntaxError as exc:
            raise InputError([error(Loc(f"templates/{exc.name or name}", exc.lineno or 1, 1), "template-error",
                                    f"template syntax: {exc.message}")]) from None
        except TemplateError as exc:
            loc = template_location(exc, [name] + list(self.env.list_templates()))
            raise InputError([error(loc, "template-error", f"template {name}: {exc.message or exc}",
                                    "check the variable names the template uses"
                                    " ('roadmap-gen docs templates' says which there are)")]) from None
        except InputError:
            raise
        except Exception as exc:  # noqa: BLE001 - whatever a project's template does wrong is its error
            raise self._located(exc, name, "template-error", f"template {name}: {type(exc).__name__}: {exc}") \
                from None
