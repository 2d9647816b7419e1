"""The site's own settings (``mkdocs.yml``), theme files (``site_config/``) and templates, checked.

These are project inputs like the content, so they are read and checked in the load
stage (``validate`` reports their problems) and every problem is located. The trust
model (docs/security.md): a project is untrusted unless ``--trust`` is given on the
command line. Untrusted, whatever would run code at build time or put script into the
site is refused with an ``unsafe-setting`` / ``unsafe-file`` error that names
``--trust``:

- Markdown extensions and MkDocs plugins outside :data:`MARKDOWN_EXTENSIONS` and
  :data:`PLUGINS` (Python-Markdown imports any ``module:Class`` name it is given; plugins
  are Python code; ``pymdownx.snippets`` and ``pymdownx.b64`` read any file);
- ``hooks`` (Python files), ``INHERIT`` (another file read in), ``extra_templates``
  (rendered outside the template sandbox), ``theme.custom_dir`` and
  ``site_config/overrides/`` (theme templates run outside the sandbox);
- ``extra_javascript`` and any ``site_config/`` file that is not a style sheet, an image
  or a font (JavaScript, HTML and SVG run script in the site's origin);
- explicit YAML tags (``!!python/name:...``, ``!ENV``), refused by the loader;
- options of an allowed extension outside its allow-list, or of the wrong type or value
  (markdown/extension_options.py: no HTML in ``smarty``'s substitutions, no ``css_class: mermaid``).

With ``--trust`` they are passed to MkDocs as written (tags included).

Whatever the trust, text is text: every string the theme prints (``site_name``,
``site_description``, ``copyright``, nav titles, ``repo_name``, ``extra.*``, ``theme.*``)
is HTML-escaped, and every address (``repo_url``, ``extra.homepage``, nav links, ...) must
be an http(s), mailto or relative address (``unsafe-url`` otherwise). Settings that make
the site load something from another server raise ``external-request`` warnings
(:data:`~roadmap_gen.markdown.pagecheck.EXTERNAL_REQUEST_TEXT`), with the setting's dotted
key as ``about``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from roadmap_gen.core.diagnostics import Diagnostic, Loc, did_you_mean, error
from roadmap_gen.core.escape import html_attr, link_target, one_line
from roadmap_gen.markdown.extension_options import OPTIONS, option_problem, short_name
from roadmap_gen.markdown.fetches import is_external
from roadmap_gen.markdown.pagecheck import EXTERNAL_REQUEST_TEXT, css_external_requests
from roadmap_gen.settings import material
from roadmap_gen.spec.yamlread import Mapping as YamlMap
from roadmap_gen.spec.yamlread import Node, Scalar, Sequence, Tagged, load_text, to_python
from roadmap_gen.workspace.files import TRUST_HINT, ProjectFiles

SETTINGS_FILE = "mkdocs.yml"

#: Markdown extensions an untrusted project may use: those the generator uses, and well-known
#: ones that neither run code of the project's choosing nor read files.
MARKDOWN_EXTENSIONS = frozenset({
    # Python-Markdown's own
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
    "sane_lists", "smarty", "fenced_code", "codehilite", "nl2br", "meta", "wikilinks", "legacy_attrs",
    "legacy_em", "extra",
    # PyMdown Extensions (not snippets or b64, which read files; not emoji, whose default images
    # come from a CDN and whose Material set-up needs a Python tag; not blocks.html)
    "pymdownx.arithmatex", "pymdownx.betterem", "pymdownx.caret", "pymdownx.critic", "pymdownx.details",
    "pymdownx.escapeall", "pymdownx.extra", "pymdownx.fancylists", "pymdownx.highlight",
    "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.magiclink", "pymdownx.mark", "pymdownx.progressbar",
    "pymdownx.saneheaders", "pymdownx.smartsymbols", "pymdownx.striphtml", "pymdownx.superfences",
    "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde", "pymdownx.blocks.admonition",
    "pymdownx.blocks.details", "pymdownx.blocks.tab", "pymdownx.blocks.caption",
    "pymdownx.blocks.definition",
}) | frozenset(f"markdown.extensions.{name}" for name in (
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc", "sane_lists",
    "smarty", "fenced_code", "codehilite", "nl2br", "meta", "wikilinks", "legacy_attrs", "legacy_em", "extra"))

#: MkDocs plugins an untrusted project may use (Material's, which neither fetch nor read
#: anything outside the docs; not privacy or social, which download at build time).
PLUGINS = frozenset({"search", "tags", "offline", "material/search", "material/tags", "material/offline"})

#: site_config/ files an untrusted project may have: style sheets, images and fonts.
THEME_FILE_SUFFIXES = (".css", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp",
                       ".woff", ".woff2", ".ttf", ".otf")

#: Settings whose values are addresses; each must pass the link check.
_URL_KEYS = frozenset({"site_url", "repo_url", "edit_uri", "homepage", "link", "logo", "favicon", "url",
                       "href", "path"})
#: Settings (dotted keys) whose values are names, paths or options, not printed text: left as written.
_VERBATIM = frozenset({"theme.name", "theme.custom_dir", "theme.language", "theme.locale",
                       "theme.static_templates", "INHERIT", "hooks", "docs_dir", "site_dir", "dev_addr",
                       "remote_branch", "remote_name", "exclude_docs", "draft_docs", "not_in_nav", "watch",
                       "markdown_extensions", "plugins", "validation", "extra_templates"})
_REFUSED_KEYS = {
    "hooks": "MkDocs hooks run Python files from the project",
    "INHERIT": "it reads another configuration file into this one",
    "extra_templates": "extra templates are rendered outside the template sandbox",
}


@dataclass(frozen=True)
class Settings:
    """The project's checked site settings and theme files."""

    #: mkdocs.yml as Python values: text escaped, addresses checked (``Tagged`` values kept with trust).
    data: Mapping[str, Any]
    diagnostics: tuple[Diagnostic, ...]
    #: Where each setting was written: dotted key (``theme.font``, ``plugins[1]``,
    #: ``markdown_extensions.toc``) -> place in mkdocs.yml.
    locs: Mapping[str, Loc] = field(default_factory=dict)
    #: The project's site_config/ files that may be used: path inside site_config/ -> bytes.
    theme_files: Mapping[str, bytes] = field(default_factory=dict)
    #: The project's templates/ files: template name -> path.
    templates: Mapping[str, Path] = field(default_factory=dict)
    trust: bool = field(default=False, kw_only=True)
    #: Whether the settings hold what an untrusted project is refused (hooks, a plugin or a Markdown extension
    #: outside the allow-lists, a YAML tag, ...): what reading them with ``--trust`` may run.
    needs_trust: bool = field(default=False, kw_only=True)

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    def loc_of(self, key: str) -> Loc | None:
        return self.locs.get(key)


def load_settings(files: ProjectFiles) -> Settings:
    """Read and check mkdocs.yml, site_config/ and templates/ of the project *files* reads."""
    start = len(files.diagnostics)
    theme_files = _theme_files(files)
    data, locs, needs_trust = _read_settings(files, frozenset(theme_files))
    templates = {name: path for name, path in files.walk(files.root / "templates")}
    diags = tuple(files.diagnostics[start:])
    return Settings(data, diags, locs, theme_files, templates, trust=files.trust, needs_trust=needs_trust)


# --- mkdocs.yml ----------------------------------------------------------------------


def _read_settings(files: ProjectFiles, own_theme_files: frozenset[str]) -> tuple[dict[str, Any], dict[str, Loc], bool]:
    """mkdocs.yml's settings (cleaned), where each is written, and whether they need trust (see Settings)."""
    path = files.root / SETTINGS_FILE
    try:
        path.lstat()
    except FileNotFoundError:
        return {}, {}, False
    except OSError:
        pass
    raw = files.read_bytes(path, SETTINGS_FILE)
    if raw is None:
        return {}, {}, False
    loaded = load_text(raw, SETTINGS_FILE, keep_tags=files.trust)
    for diagnostic in loaded.diagnostics:
        if diagnostic.check == "yaml-tag":
            diagnostic = dataclasses.replace(
                diagnostic, message=diagnostic.message + " in an untrusted project (tags can run code in MkDocs)",
                hint="remove the tag, or " + TRUST_HINT)
        files.diagnostics.append(diagnostic)
    if loaded.diagnostics:
        return {}, {}, False
    root = loaded.root
    if root is None:
        return {}, {}, False
    if not isinstance(root, YamlMap):
        files.diagnostics.append(error(root.loc, "bad-type", "mkdocs.yml must be a map of settings"))
        return {}, {}, False
    locs = dict(_locations(root))
    checker = _Checker(trust=files.trust, own_theme_files=own_theme_files, files=files)
    checker.check(root)
    files.diagnostics.extend(checker.diagnostics)
    data = to_python(root)
    assert isinstance(data, dict)
    return _clean_settings(data, checker), locs, checker.needs_trust or _has_tag(data)


def _entry_name(node: Node) -> tuple[Any, Node]:
    """The name of a markdown_extensions/plugins entry (``toc`` or ``{toc: {...}}``) and its node."""
    if isinstance(node, YamlMap) and len(node.items) == 1:
        key, _ = node.items[0]
        return key.value, key
    if isinstance(node, Scalar):
        return node.value, node
    return None, node


def _locations(node: Node, prefix: str = "") -> Iterator[tuple[str, Loc]]:
    """Dotted key -> place, for every setting (and, for named lists, ``list.NAME``)."""
    if isinstance(node, YamlMap):
        for key, value in node.items:
            name = f"{prefix}.{key.value}" if prefix else str(key.value)
            yield name, key.loc
            yield from _locations(value, name)
    elif isinstance(node, Sequence):
        for index, item in enumerate(node.items):
            name = f"{prefix}[{index}]"
            yield name, item.loc
            if prefix in ("markdown_extensions", "plugins"):
                entry, where = _entry_name(item)
                if isinstance(entry, str):
                    yield f"{prefix}.{entry}", where.loc
            yield from _locations(item, name)


class _Checker:
    """Walks mkdocs.yml and collects refusals, unsafe addresses and external requests."""

    def __init__(self, *, trust: bool, own_theme_files: Collection[str] = (), files: ProjectFiles | None = None):
        self.trust = trust
        #: The project's files, to tell an untrusted project that an icon it names is its own, unread.
        self.files = files
        #: The project's site_config/ files that are published (overrides only with trust: refused untrusted).
        self.own_theme_files = frozenset(own_theme_files)
        #: Languages the project's own overrides add (``overrides/partials/languages/NAME.html``).
        self.own_languages = _override_languages(self.own_theme_files)
        self.own_icons = tuple(sorted(rel[len(OWN_ICONS):-len(".svg")] for rel in self.own_theme_files
                                      if rel.startswith(OWN_ICONS) and rel.endswith(".svg")))
        self.diagnostics: list[Diagnostic] = []
        #: Whether, trusted, a setting was let through that an untrusted project is refused.
        self.needs_trust = False
        #: Dotted keys of address values and their checked form.
        self.urls: dict[str, str] = {}

    def refuse(self, node: Node, what: str, why: str) -> None:
        if self.trust:
            self.needs_trust = True
            return
        self.diagnostics.append(error(node.loc, "unsafe-setting",
                                      f"{what} is refused in an untrusted project: {why}",
                                      "remove it, or " + TRUST_HINT))

    def external(self, node: Node, about: str, what: str) -> None:
        self.diagnostics.append(Diagnostic(node.loc, "warning", "external-request",
                                           f"{about}: {what}, so the published site calls the internet",
                                           "use a file inside the site instead, or remove the setting",
                                           about=about))

    def check(self, root: YamlMap) -> None:
        for key, value in root.items:
            name = key.value
            if name in _REFUSED_KEYS:
                self.refuse(key, f"'{name}'", _REFUSED_KEYS[name])
            elif name == "markdown_extensions":
                self.named_list(value, name, MARKDOWN_EXTENSIONS,
                                "Markdown extensions are Python code, and some read any file")
            elif name == "plugins":
                self.named_list(value, name, PLUGINS, "MkDocs plugins are Python code")
            elif name == "theme" and isinstance(value, YamlMap):
                self.theme(value)
            elif name in ("extra_javascript", "extra_css") and isinstance(value, Sequence):
                for index, item in enumerate(value.items):
                    about = f"{name}[{index}]"
                    target = item.get("path") if isinstance(item, YamlMap) else item
                    url = target.value if isinstance(target, Scalar) else None
                    if name == "extra_javascript":
                        self.refuse(item, f"'{about}'", "it puts JavaScript into every page")
                    if isinstance(url, str) and is_external(url):
                        self.external(item, about, f"loads {url}")
            elif name == "extra" and isinstance(value, YamlMap):
                analytics = value.key_node("analytics")
                if analytics is not None and to_python(value.get("analytics")) not in (None, False, {}):
                    self.external(analytics, "extra.analytics", "sends every visit to an analytics service")
                self.material_extra(value, root)
            elif name == "repo_url" and isinstance(value, Scalar) and isinstance(value.value, str):
                if is_external(value.value) and any(host in value.value.lower() for host in ("github", "gitlab")):
                    self.external(value, "repo_url", "makes every page fetch the repository's facts (stars, "
                                  "forks, version) from its host")
        self.addresses(root, "")

    def named_list(self, node: Node, setting: str, allowed: frozenset[str], why: str) -> None:
        entries: list[tuple[Any, Node, Node | None]] = []  # (name, where it is named, its options)
        if isinstance(node, Sequence):
            for item in node.items:
                entry, where = _entry_name(item)
                entries.append((entry, where, item.items[0][1] if isinstance(item, YamlMap) and item.items else None))
        elif isinstance(node, YamlMap):
            entries = [(key.value, key, value) for key, value in node.items]
        for entry, where, options in entries:
            if not isinstance(entry, str):
                self.diagnostics.append(error(where.loc, "bad-type", f"a {setting} entry must be a name"))
            elif entry not in allowed:
                self.refuse(where, f"{setting} entry '{entry}'",
                            f"{why}; allowed untrusted: see docs/security.md")
            elif setting == "markdown_extensions":
                self.extension_options(entry, options)
            if entry in ("offline", "material/offline"):
                self.external(where, f"{setting}.{entry}", "loads its search helper (iframe-worker) from unpkg.com; "
                              "roadmap-gen.yaml's `offline: true` builds a site for opening from disk without it")
            if entry == "pymdownx.emoji":
                values = to_python(options) if options is not None else None
                if not (isinstance(values, dict) and "emoji_generator" in values):
                    self.external(where, f"{setting}.pymdownx.emoji", "shows emoji as images from a CDN")

    def extension_options(self, extension: str, options: Node | None) -> None:
        """Untrusted, an allowed extension takes only the options its allow-list names, each checked
        (markdown/extension_options.py)."""
        if self.trust and isinstance(options, YamlMap):  # trusted, a mermaid class is a request all the same
            for key, value in options.items:
                text = to_python(value)
                if "class" in str(key.value).lower() and isinstance(text, str) and "mermaid" in text.lower():
                    self.external(value, f"markdown_extensions.{extension}.{key.value}",
                                  "makes the theme load mermaid.js from a CDN")
        if self.trust or options is None or (isinstance(options, Scalar) and options.value is None):
            return
        if not isinstance(options, YamlMap):
            self.diagnostics.append(error(options.loc, "bad-type", f"the options of {extension} must be a map"))
            return
        for key, value in options.items:
            problem = option_problem(extension, key.value, to_python(value))
            if problem:
                self.diagnostics.append(error(value.loc if key.value in OPTIONS.get(short_name(extension), {})
                                              else key.loc, "unsafe-setting",
                                              f"{problem}, in an untrusted project", "change or remove it, or "
                                              + TRUST_HINT))

    def theme(self, theme: YamlMap) -> None:
        custom = theme.key_node("custom_dir")
        if custom is not None:
            self.refuse(custom, "'theme.custom_dir'", "theme templates run outside the template sandbox")
        font = theme.get("font")
        if font is not None and to_python(font) not in (False, None):
            self.external(font, "theme.font", "loads web fonts from Google Fonts")
        for key in ("logo", "favicon"):
            node = theme.get(key)
            if isinstance(node, Scalar) and isinstance(node.value, str) and is_external(node.value):
                self.external(node, f"theme.{key}", f"loads {node.value}")
        if _names_known(theme):
            self.theme_names(theme)

    def material_extra(self, extra: YamlMap, root: YamlMap) -> None:
        """Material's lists of links under ``extra`` (``social``, ``alternate``) are lists of maps, and each
        social link's icon is one of the theme's, when Material is the theme."""
        if not _names_known(root.get("theme")):
            return
        for key in ("social", "alternate"):
            node = extra.get(key)
            if node is None:
                continue
            for setting, link in self.maps(node, f"extra.{key}"):
                icon = link.get("icon")
                if key == "social" and icon is not None:
                    self.icon(icon, f"{setting}.icon")

    def maps(self, node: Node, setting: str, *, one: bool = False) -> list[tuple[str, YamlMap]]:
        """The maps of a setting the theme reads as a list of maps (with *one*, or one map), each with its
        dotted name; anything else is a located error (the theme's templates would fail on it, unlocated)."""
        if one and isinstance(node, YamlMap):
            return [(setting, node)]
        found: list[tuple[str, YamlMap]] = []
        for index, item in enumerate(self.listed(node, f"{setting} must be a list of maps" + (
                " (or one map)" if one else ""), "write each entry as '- name: value' lines")):
            if isinstance(item, YamlMap):
                found.append((f"{setting}[{index}]", item))
            else:
                self.diagnostics.append(error(item.loc, "bad-type", f"each entry of {setting} must be a map"))
        return found

    def listed(self, node: Node, message: str, hint: str = "") -> tuple[Node, ...]:
        """The items of a setting the theme reads as a list; anything else is a located error (*message*)."""
        if isinstance(node, Sequence):
            return node.items
        self.diagnostics.append(error(node.loc, "bad-type", message, hint))
        return ()

    def theme_names(self, theme: YamlMap) -> None:
        """Settings that name the theme's own translations, icons and templates (settings/material.py)."""
        example = "use a language code such as 'en', 'de' or 'pt-BR'"
        language = theme.get("language")
        if language is not None:
            value = language.value if isinstance(language, Scalar) else None
            known = material.languages() | self.own_languages
            if not isinstance(value, str):
                self.diagnostics.append(error(language.loc, "bad-type", "theme.language must be a language code",
                                              example))
            elif value not in known:
                self.diagnostics.append(error(language.loc, "bad-value", f"theme.language '{one_line(value)[:40]}' "
                                              "is not a language of the theme", did_you_mean(value, known) or example))
        icons = theme.get("icon")
        if isinstance(icons, YamlMap):
            self.icons(icons, "theme.icon")
        palette = theme.get("palette")
        if palette is not None:
            self.palette_icons(palette)
        features = theme.get("features")
        if features is not None:
            for item in self.listed(features, "theme.features must be a list of feature names",
                                    "write one feature a line, as '- navigation.tabs'"):
                if not (isinstance(item, Scalar) and isinstance(item.value, str)):
                    self.diagnostics.append(error(item.loc, "bad-type", "a theme.features entry must be a feature "
                                                  "name, such as 'navigation.tabs'"))
        static = theme.get("static_templates")
        if static is not None:
            for item in self.listed(static, "theme.static_templates must be a list of template names"):
                name = item.value if isinstance(item, Scalar) else None
                if not isinstance(name, str) or not material.has_template(name, self.own_theme_files):
                    shown = one_line(str(to_python(item)))[:60]
                    self.diagnostics.append(error(item.loc, "bad-value", f"theme.static_templates: '{shown}' is "
                                                  "not a template of the theme", "name one of the theme's templates, "
                                                  "such as '404.html', or remove the entry"))

    def icons(self, node: YamlMap, name: str) -> None:
        """Every icon name under ``theme.icon`` (maps of them: ``admonition``, ``tag``) names an icon of the theme."""
        for key, value in node.items:
            if isinstance(value, YamlMap):
                self.icons(value, f"{name}.{key.value}")
            else:
                self.icon(value, f"{name}.{key.value}")

    def icon(self, value: Node, setting: str) -> None:
        """*value* (of *setting*) names an icon of the theme, or is null (the theme's own)."""
        if isinstance(value, Scalar) and value.value is None:
            return
        if not (isinstance(value, Scalar) and isinstance(value.value, str)):
            self.diagnostics.append(error(value.loc, "bad-type", f"{setting} must be an icon name, such as "
                                          "'material/home'"))
        elif not (material.has_icon(value.value) or f"{OWN_ICONS}{value.value}.svg" in self.own_theme_files):
            near = material.closest_icon(value.value, self.own_icons) if material.plain_name(value.value) else None
            unread = f"site_config/{OWN_ICONS}{value.value}.svg"
            hint = (f"{unread} is read only with --trust, as all of site_config/overrides/: {TRUST_HINT}"
                    if self._unread_own(value.value) else f"did you mean '{near}'?" if near else
                    "icons are named by their set and name, as 'material/home' or 'fontawesome/brands/github'")
            self.diagnostics.append(error(value.loc, "bad-value", f"{setting}: '{one_line(value.value)[:60]}' is "
                                          "not an icon of the theme", hint))

    def _unread_own(self, name: str) -> bool:
        """Whether the icon *name* is a file of an untrusted project's own icons folder (left unread) that the
        project's file rules would let be read (nothing is opened; of a link out, nothing is told)."""
        if self.trust or self.files is None or not material.plain_name(name):
            return False
        return self.files.problem(self.files.root / "site_config" / f"{OWN_ICONS}{name}.svg") is None

    def palette_icons(self, palette: Node) -> None:
        """Each colour scheme of ``theme.palette`` (one map, or a list of them) is a map, its toggle a map, and
        the toggle's icon one of the theme's."""
        for setting, scheme in self.maps(palette, "theme.palette", one=True):
            toggle = scheme.get("toggle")
            if toggle is not None and not isinstance(toggle, YamlMap):
                self.diagnostics.append(error(toggle.loc, "bad-type", f"{setting}.toggle must be a map (icon, name)"))
            icon = toggle.get("icon") if isinstance(toggle, YamlMap) else None
            if icon is not None:
                self.icon(icon, f"{setting}.toggle.icon")

    def addresses(self, node: Node, prefix: str, *, in_nav: bool = False) -> None:
        """Check every address value (and every nav link) with the link rules."""
        if isinstance(node, YamlMap):
            for key, value in node.items:
                name = f"{prefix}.{key.value}" if prefix else str(key.value)
                if name in ("markdown_extensions", "plugins", "hooks", "INHERIT", "theme.custom_dir"):
                    continue
                nav = in_nav or name == "nav"
                if isinstance(value, Scalar) and isinstance(value.value, str) and not value.tag and (
                        nav or key.value in _URL_KEYS):
                    self.address(value, name)
                else:
                    self.addresses(value, name, in_nav=nav)
        elif isinstance(node, Sequence):
            for index, item in enumerate(node.items):
                name = f"{prefix}[{index}]"
                if isinstance(item, Scalar) and isinstance(item.value, str) and not item.tag and (
                        in_nav or prefix in ("extra_css", "extra_javascript")):
                    self.address(item, name)
                else:
                    self.addresses(item, name, in_nav=in_nav)

    def address(self, node: Scalar, name: str) -> None:
        target = link_target(str(node.value))
        if target is None:
            self.diagnostics.append(error(node.loc, "unsafe-url",
                                          f"{name}: '{one_line(str(node.value))[:80]}' is not an address the site "
                                          "may link to",
                                          "use an http(s) or mailto address, or a path inside the site"))
        else:
            self.urls[name] = target


def _clean_settings(data: dict[str, Any], checker: _Checker) -> dict[str, Any]:
    """The settings with every printed string HTML-escaped and every address in its checked form."""

    def clean(value: Any, name: str) -> Any:
        if name in checker.urls:
            return checker.urls[name]
        if isinstance(value, Tagged) or name in _VERBATIM:
            return value
        if isinstance(value, str):
            return html_attr(one_line(value))
        if isinstance(value, list):
            return [clean(item, f"{name}[{index}]") for index, item in enumerate(value)]
        if isinstance(value, dict):
            in_nav = name == "nav" or name.startswith("nav[")
            # nav titles are keys, and the theme prints them: escape them too
            return {html_attr(one_line(k)) if in_nav and isinstance(k, str) else k: clean(v, f"{name}.{k}")
                    for k, v in value.items()}
        return value

    return {key: clean(value, str(key)) for key, value in data.items()}


# --- site_config/ ------------------------------------------------------------------------


#: Material's folder of a custom_dir's own icons (``overrides/.icons/SET/NAME.svg`` is the icon ``SET/NAME``).
OWN_ICONS = "overrides/.icons/"


def _theme_files(files: ProjectFiles) -> dict[str, bytes]:
    folder = files.root / "site_config"
    out: dict[str, bytes] = {}
    # Trusted only, as all of overrides/: an untrusted project's dot-folders stay unread, as before.
    for rel, path in files.walk(folder, dotted=(OWN_ICONS.rstrip("/"),) if files.trust else ()):
        label = f"site_config/{rel}"
        if not files.trust:
            why = _untrusted_file(rel)
            if why:
                files.diagnostics.append(error(Loc(label, 1, 1), "unsafe-file",
                                               f"{label} is refused in an untrusted project: {why}",
                                               "remove it, or " + TRUST_HINT))
                continue
        data = files.read_bytes(path, label)
        if data is None:
            continue
        if rel.lower().endswith(".css"):
            files.diagnostics.extend(css_external_requests(data, label))
        out[rel] = data
    return out


def _override_languages(theme_files: Collection[str]) -> frozenset[str]:
    """Translations the project's theme overrides add (``overrides/partials/languages/NAME.html``)."""
    folder = "overrides/partials/languages/"
    return frozenset(rel[len(folder):-len(".html")] for rel in theme_files
                     if rel.startswith(folder) and rel.endswith(".html") and "/" not in rel[len(folder):])


def _has_tag(value: Any) -> bool:
    """Whether a YAML tag was kept anywhere in *value* (trusted only: MkDocs makes Python objects of them)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Tagged):
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _names_known(theme: Node | None) -> bool:
    """Whether the names the theme's settings give can be told (settings/material.py): the theme is
    Material (the site's default), installed as files, without a custom_dir (trusted only), which may add
    translations, icons and templates of its own."""
    if isinstance(theme, YamlMap):
        name = theme.get("name")
        if theme.key_node("custom_dir") is not None or not (
                name is None or (isinstance(name, Scalar) and name.value == "material")):
            return False
    elif isinstance(theme, Scalar) and theme.value not in (None, "material"):
        return False
    return material.installed()


def _untrusted_file(rel: str) -> str:
    if PurePosixPath(rel).parts[0] == "overrides":
        return "theme overrides are templates that run outside the template sandbox"
    suffix = PurePosixPath(rel).suffix.lower()
    if suffix in (".js", ".mjs"):
        return "it puts JavaScript into every page"
    if suffix not in THEME_FILE_SUFFIXES:
        return (f"only style sheets, images and fonts ({', '.join(THEME_FILE_SUFFIXES)}) are published "
                "untrusted: other files (HTML, SVG) can run script in the site")
    return ""


__all__ = ["EXTERNAL_REQUEST_TEXT", "MARKDOWN_EXTENSIONS", "PLUGINS", "THEME_FILE_SUFFIXES", "Settings",
           "load_settings", "SETTINGS_FILE"]
