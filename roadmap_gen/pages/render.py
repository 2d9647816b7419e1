"""The template engine: safe by default.

Every ``{{ value }}`` from data is escaped for Markdown text unless a filter
already made it safe for its context (``cell``, ``link``, ``html`` ...), so a
template that forgets a filter still cannot let a YAML string become markup.
Templates come from the project's ``templates/`` first and the packaged ones
second, run in Jinja's sandbox with StrictUndefined, and are compiled once.
Template syntax inside data is never evaluated: data is only ever a variable.

A project's template runs in the resource-limited sandbox of :mod:`.sandbox`; this module counts
the characters a page writes (at most :data:`~.sandbox.MAX_PAGE_CHARS`) and how deep its HTML
nests, and turns every limit hit or template mistake into a located diagnostic.
"""

from __future__ import annotations

import math
import traceback
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.lexer import (
    TOKEN_LINESTATEMENT_BEGIN,
    TOKEN_LINESTATEMENT_END,
    TOKEN_RAW_BEGIN,
    TOKEN_RAW_END,
    ignored_tokens,
)
from markupsafe import Markup

from roadmap_gen.core import escape
from roadmap_gen.core.diagnostics import InputError, Loc, RoadmapError, error
from roadmap_gen.core.numbers import fmt
from roadmap_gen.core.resources import default_templates_dir
from roadmap_gen.markdown.pagesize import MAX_HTML_DEPTH, HtmlDepth
from roadmap_gen.pages.sandbox import MAX_PAGE_CHARS, LimitedSandbox, TemplateLimit, bound_filters, check_size
from roadmap_gen.workspace.files import ProjectFiles
from roadmap_gen.workspace.workspace import Workspace


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
    check_size(value, "a printed value")
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


class MemoryBytecode(BytecodeCache):
    """Compiled templates kept in this process's memory, by name and source checksum (a template whose
    source changed has another checksum: its bucket resets itself and it is compiled afresh), at most
    *most* of them. With *setting*, also by what it says of the environment that compiles them: for
    environments that are not all made alike (the site engine's theme, whose settings a project's
    mkdocs.yml may change between two of the preview's rebuilds)."""

    def __init__(self, most: int = 512, setting: Callable[[Environment], str] | None = None) -> None:
        self._store: dict[str, bytes] = {}
        self._most = most
        self._setting = setting

    def _key(self, bucket: Bucket) -> str:
        return bucket.key if self._setting is None else f"{bucket.key}\0{self._setting(bucket.environment)}"

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._store.get(self._key(bucket))
        if data is not None:
            bucket.bytecode_from_string(data)  # a bucket whose checksum differs resets itself

    def dump_bytecode(self, bucket: Bucket) -> None:
        if len(self._store) >= self._most:
            self._store.clear()
        self._store[self._key(bucket)] = bucket.bytecode_to_string()


def compile_setting(env: Environment) -> str:
    """What a template's compiled code depends on besides its source: the environment's class, its plain
    settings (delimiters, whitespace, autoescape when fixed, i18n's style), its extensions and policies,
    whether it finalizes, and what each filter and test is passed (told when compiling)."""
    def passed(functions: Mapping[str, Any]) -> list[tuple[str, str]]:
        return sorted((name, str(getattr(function, "jinja_pass_arg", ""))) for name, function in functions.items())
    plain = sorted((key, repr(value)) for key, value in vars(env).items()
                   if isinstance(value, (str, int, float, bool, type(None))))
    return repr((type(env).__qualname__, plain, sorted(env.extensions), sorted((k, repr(v)) for k, v in env.policies.items()),
                 env.finalize is None, str(getattr(env.finalize, "jinja_pass_arg", "")), passed(env.filters),
                 passed(env.tests)))


class _CompiledTemplates(MemoryBytecode):
    """The templates of every environment :func:`make_environment` makes in this process: each render makes its
    own (a project's templates may have changed), so without this ``serve`` would compile every template
    again on each edit. All of them share one class and one set of options, so the same source compiles to
    the same code in each."""

    def __init__(self) -> None:
        super().__init__()
        #: Bytecode being made elsewhere (:func:`add_compiled_later`), taken at the first template missing here.
        self._later: list[Callable[[], Mapping[str, bytes] | None]] = []

    def load_bytecode(self, bucket: Bucket) -> None:
        if self._later and bucket.key not in self._store:
            take_compiled()
        super().load_bytecode(bucket)


_COMPILED = _CompiledTemplates()


def compiled_templates(workspace: Workspace) -> dict[str, bytes]:
    """Every template of *workspace* compiled, as the bytecode this process's renders would keep (see
    :class:`_CompiledTemplates`): what a forked process makes while this one loads the project, for
    :func:`add_compiled`. A template that does not compile is left out: its render reports it."""
    try:
        env = Renderer(workspace).env
    except RoadmapError:
        return {}
    for name in env.list_templates():
        try:
            env.get_template(name)
        except Exception:  # noqa: BLE001, S112 - the render raises it again, located at its page
            continue
    return dict(_COMPILED._store)


def add_compiled(store: Mapping[str, bytes]) -> None:
    """Take the bytecode :func:`compiled_templates` made in a forked process: a template's compiled code is
    looked up by its name and its source's checksum, so a render uses it only for the very same source."""
    for key, data in store.items():
        if isinstance(key, str) and isinstance(data, bytes):
            _COMPILED._store.setdefault(key, data)


def add_compiled_later(result: Callable[[], Mapping[str, bytes] | None]) -> None:
    """As :func:`add_compiled`, with ``result()`` (which may wait for the process making it) called only
    when a template is first needed and not compiled here: a check whose pages all come from the page cache
    never waits. Not for a process that forks renderers before: they could not wait for its child."""
    _COMPILED._later.append(result)


def take_compiled() -> None:
    """Wait for the bytecode :func:`add_compiled_later` was promised, and take it: before renderers are
    forked (a forked process cannot wait for another's child)."""
    later, _COMPILED._later = _COMPILED._later, []
    for result in later:
        add_compiled(result() or {})


#: The templates each template source names (None: a name it computes), by source.
_REFERENCES: dict[str, tuple[str | None, ...]] = {}


#: What may follow the template's name in a statement that names a template (``include "x" ignore missing
#: without context``, ``import "x" as y``, ``from "x" import y``): anything else makes the name an expression.
_AFTER_NAME = {"ignore", "with", "without", "as", "import"}
_NAMING = {"extends", "include", "import", "from"}


def referenced_templates(env: LimitedSandbox, source: str) -> tuple[str | None, ...]:
    """The templates *source* extends, includes or imports, None for a name it computes: what
    ``jinja2.meta.find_referenced_templates`` finds, read from the tokens alone (a parse takes twice as
    long, and a page key needs it for every template). Where the tokens leave any doubt (a list of names,
    a name joined to others) the answer is None: the page then depends on every template, never on fewer
    than it reads. A source that does not lex raises the TemplateSyntaxError its render would.

    The lexer's raw tokens are read as its ``wrap`` would give them to the parser (without what it skips,
    a line statement's ends as a block's), and only the names found are converted by ``wrap`` itself: making
    a token object of each piece of text took as long as lexing it."""
    tokens = [(_AS_BLOCK.get(kind, kind), value) for _line, kind, value in env.lexer.tokeniter(source, None)
              if kind not in _UNREAD]
    found: list[str | None] = []
    for index in range(1, len(tokens) - 1):
        kind, value = tokens[index]
        if kind != "name" or value not in _NAMING or tokens[index - 1][0] != "block_begin":
            continue
        name, after = tokens[index + 1], tokens[index + 2] if index + 2 < len(tokens) else None
        constant = name[0] == "string" and after is not None and (
            after[0] == "block_end" or (after[0] == "name" and after[1] in _AFTER_NAME))
        found.append(next(env.lexer.wrap([(0, *name)])).value if constant else None)
    return tuple(found)


#: The tokens the lexer's ``wrap`` leaves out, and those it renames (see :func:`referenced_templates`).
_UNREAD = ignored_tokens | {TOKEN_RAW_BEGIN, TOKEN_RAW_END}
_AS_BLOCK = {TOKEN_LINESTATEMENT_BEGIN: "block_begin", TOKEN_LINESTATEMENT_END: "block_end"}


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
    bound_filters(env.filters)
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


#: The hint for a template written before 0.2.0, when every page got the whole site as ``site``.
_SITE_GONE = ("templates read their page's view as 'page' and what every page shares as 'shared' since "
              "0.2.0; 'roadmap-gen docs templates' says what each 'site.NAME' became")


class Renderer:
    """Renders named templates; template mistakes and limits become located diagnostics."""

    def __init__(self, workspace: Workspace):
        files = workspace.files()
        names = dict(files.walk(files.root / "templates"))
        refused = [d for d in files.diagnostics if d.severity == "error"]
        if refused:
            raise InputError(refused)
        self.env = make_environment(ProjectTemplates(files, names))
        # How deep a page's HTML nests is counted where a template of the project's own may have made it.
        # The packaged templates print every value escaped (no data opens an element) and charts of
        # fixed depth, so their pages nest only as deep as their own text: a few levels (tests).
        self._count_depth = bool(names)

    def sources(self, name: str) -> tuple[tuple[str, str], ...]:
        """(name, source) of template *name* and of every template it includes, imports or extends: what
        its pages depend on besides their data (the page cache's key). A name the template computes could
        be any template, so then every template is in. Errors are the render's to report: they propagate."""
        todo, seen = [name], {}
        while todo:
            current = todo.pop()
            if current not in seen:
                source = seen[current] = self.env.loader.get_source(self.env, current)[0]  # type: ignore[union-attr]
                if source not in _REFERENCES:  # read once per source in a process (serve rebuilds often)
                    _REFERENCES[source] = referenced_templates(self.env, source)
                for found in _REFERENCES[source]:
                    todo.extend(self.env.list_templates() if found is None else [found])
        return tuple(sorted(seen.items()))

    def _render(self, name: str, context: Mapping[str, Any]) -> str:
        env = self.env
        env.reset_counters()
        chunks: list[str] = []
        total = 0
        output = env.get_template(name).generate(**context)
        depth = HtmlDepth() if self._count_depth else None
        for chunk in output:
            total += len(chunk)
            if depth is not None:
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
            message = str(exc.message or exc)
            raise InputError([error(loc, "template-error", f"template {name}: {message}",
                                    _SITE_GONE if message == "'site' is undefined" else
                                    "check the variable names the template uses"
                                    " ('roadmap-gen docs templates' says which there are)")]) from None
        except InputError:
            raise
        except Exception as exc:  # noqa: BLE001 - whatever a project's template does wrong is its error
            raise self._located(exc, name, "template-error", f"template {name}: {type(exc).__name__}: {exc}") \
                from None
