"""Settings that name the theme's translations, icons and templates, or that its templates read as lists of
maps, are checked where they are written: a wrong one failed the site engine's build with a message that
named no line of mkdocs.yml (``TemplateNotFound: .icons/material/hom.svg``), and validate passed it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_process import run_cli
from roadmap_gen.settings import material
from roadmap_gen.settings.read import load_settings
from roadmap_gen.workspace.workspace import Workspace


def findings(project: Path, settings: str, *, trust: bool = False) -> list[tuple[int, int, str, str, str]]:
    (project / "mkdocs.yml").write_text(settings, "utf-8")
    loaded = load_settings(Workspace(project, trust=trust).files())
    return [(d.loc.line, d.loc.col, d.check, d.message, d.hint or "") for d in loaded.diagnostics]


def test_the_installed_theme_has_its_languages() -> None:
    assert {"en", "de", "pt-BR", "zh-TW"} <= material.languages()
    assert material.has_icon("material/home") and material.has_icon("fontawesome/brands/github")
    assert not material.has_icon("material/hom") and not material.has_icon("../material/home")
    assert material.has_template("404.html") and material.has_template("sitemap.xml")  # MkDocs' own
    assert not material.has_template("../templates/404.html") and not material.has_template("/etc/passwd")


@pytest.mark.parametrize("settings", [
    "theme:\n  language: de\n",
    "theme:\n  name: material\n  language: pt-BR\n",
    "theme:\n  name: readthedocs\n  language: xx\n",  # another theme has no such setting: MkDocs ignores it
    "theme: material\n",
    "site_name: x\n",
])
def test_a_language_of_the_theme_or_none_passes(tmp_path: Path, settings: str) -> None:
    assert findings(tmp_path, settings) == []


@pytest.mark.parametrize("value, check, words", [
    ('"../../../../etc/passwd"', "bad-value", ["'../../../../etc/passwd' is not a language", "'en'"]),
    ("xx", "bad-value", ["'xx' is not a language of the theme", "such as 'en'"]),
    ("pt_BR", "bad-value", ["did you mean 'pt-BR'?"]),
    ("null", "bad-type", ["must be a language code"]),
    ("[en]", "bad-type", ["must be a language code"]),
])
def test_another_language_is_located_at_its_value(tmp_path: Path, value: str, check: str, words: list[str]) -> None:
    found = findings(tmp_path, f"site_name: x\ntheme:\n  palette: {{primary: indigo}}\n  language: {value}\n")
    assert [(line, col, got) for line, col, got, _, _ in found] == [(4, 13, check)]
    text = found[0][3] + " " + found[0][4]
    assert all(word in text for word in words), text


def test_a_trusted_override_may_add_a_language(tmp_path: Path) -> None:
    languages = tmp_path / "site_config" / "overrides" / "partials" / "languages"
    languages.mkdir(parents=True)
    (languages / "tlh.html").write_text("{% macro t(key) %}{{ key }}{% endmacro %}", "utf-8")
    assert findings(tmp_path, "theme:\n  language: tlh\n", trust=True) == []
    untrusted = findings(tmp_path, "theme:\n  language: tlh\n")
    assert sorted(check for _, _, check, _, _ in untrusted) == ["bad-value", "unsafe-file"]
    assert findings(tmp_path, "theme:\n  custom_dir: mine\n  language: tlh\n", trust=True) == []


@pytest.mark.slow
def test_validate_and_build_report_it_and_leave_the_site(tmp_path: Path) -> None:
    project = tmp_path / "p"
    assert run_cli("init", str(project), cwd=tmp_path).returncode == 0
    assert run_cli("build", cwd=project).returncode == 0
    before = {p: p.read_bytes() for p in sorted((project / "site").rglob("*")) if p.is_file()}
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text("utf-8") + "  language: ../../../../etc/passwd\n", "utf-8")
    line = len(settings.read_text("utf-8").splitlines())
    for command in (["validate"], ["build"]):
        done = run_cli(*command, cwd=project)
        assert done.returncode == 1, done.stderr
        assert f"mkdocs.yml:{line}:13: error: [bad-value] theme.language" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and "site engine" not in done.stderr
    assert {p: p.read_bytes() for p in sorted((project / "site").rglob("*")) if p.is_file()} == before


THEME = "site_name: x\ntheme:\n  name: material\n"


@pytest.mark.parametrize("setting, where, check, words", [
    ("  icon: {logo: material/hom}\n", (4, 16), "bad-value", ["theme.icon.logo: 'material/hom' is not an icon",
                                                              "did you mean 'material/home'?"]),
    ("  icon:\n    admonition: {note: fontawesome/brand/github}\n", (5, 24), "bad-value",
     ["theme.icon.admonition.note", "did you mean 'fontawesome/brands/github'?"]),
    ("  icon: {logo: ../../../../etc/passwd}\n", (4, 16), "bad-value", ["is not an icon", "'material/home'"]),
    ("  icon: {repo: 5}\n", (4, 16), "bad-type", ["theme.icon.repo must be an icon name"]),
    ("  palette:\n    - toggle: {icon: material/brightnes-7, name: Dark}\n", (5, 22), "bad-value",
     ["theme.palette[0].toggle.icon", "did you mean 'material/brightness-7'?"]),
    ("  palette:\n    - toggle: 5\n", (5, 15), "bad-type", ["theme.palette[0].toggle must be a map"]),
    ("  palette: 5\n", (4, 12), "bad-type", ["theme.palette must be a list of maps (or one map)"]),
    ("  features: navigation.tabs\n", (4, 13), "bad-type", ["theme.features must be a list"]),
    ("  features: [navigation.tabs, 5]\n", (4, 31), "bad-type", ["a theme.features entry"]),
    ("  static_templates: [404.html, 4O4.html]\n", (4, 32), "bad-value",
     ["theme.static_templates: '4O4.html' is not a template of the theme"]),
    ("extra:\n  social: 5\n", (5, 11), "bad-type", ["extra.social must be a list of maps"]),
    ("extra:\n  alternate: [en]\n", (5, 15), "bad-type", ["each entry of extra.alternate must be a map"]),
    ("extra:\n  social:\n    - {icon: fontawesome/brands/githb, link: 'https://example.org'}\n", (6, 14),
     "bad-value", ["extra.social[0].icon", "did you mean 'fontawesome/brands/github'?"]),
])
def test_a_name_the_theme_does_not_have_is_located(tmp_path: Path, setting: str, where: tuple[int, int],
                                                     check: str, words: list[str]) -> None:
    found = findings(tmp_path, THEME + setting)
    assert [(line, col, got) for line, col, got, _, _ in found] == [(*where, check)], found
    text = found[0][3] + " " + found[0][4]
    assert all(word in text for word in words), text


@pytest.mark.parametrize("settings", [
    THEME + "  icon:\n    logo: material/home\n    repo: fontawesome/brands/github\n    admonition: {note: null}\n"
            "  palette:\n    - toggle: {icon: material/brightness-7, name: Dark}\n  features: [navigation.tabs]\n"
            "  static_templates: [404.html]\n"
            "extra:\n  social:\n    - {icon: fontawesome/brands/github, link: 'https://example.org'}\n"
            "  alternate:\n    - {name: English, link: /en/, lang: en}\n",
    THEME + "  palette: {toggle: {icon: material/home}}\n",
    # another theme, and a trusted custom_dir, may have names of their own: not told here
    "theme:\n  name: mkdocs\n  icon: {logo: any/thing}\nextra:\n  social: [{icon: any/thing}]\n",
    "theme: readthedocs\nextra:\n  social: [{icon: any/thing}]\n",
])
def test_names_the_theme_has_pass(tmp_path: Path, settings: str) -> None:
    assert findings(tmp_path, settings) == []


def test_a_trusted_override_may_add_a_template(tmp_path: Path) -> None:
    (tmp_path / "site_config" / "overrides").mkdir(parents=True)
    (tmp_path / "site_config" / "overrides" / "ours.html").write_text("<p>ours</p>", "utf-8")
    settings = THEME + "  static_templates: [ours.html]\n"
    assert findings(tmp_path, settings, trust=True) == []
    assert findings(tmp_path, "theme:\n  custom_dir: mine\n  icon: {logo: brand/theirs}\n", trust=True) == []


def test_a_trusted_override_may_add_an_icon(tmp_path: Path) -> None:
    """Material's own icons of a custom_dir (``overrides/.icons/SET/NAME.svg``, the icon ``SET/NAME``): a
    trusted project's are read and may be named (a slip in the name suggests them); an untrusted project's
    dot-folder stays unread, as before, so the name is not one of the theme's."""
    icons = tmp_path / "site_config" / "overrides" / ".icons" / "brand"
    icons.mkdir(parents=True)
    (icons / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    assert findings(tmp_path, THEME + "  icon: {logo: brand/logo}\n", trust=True) == []
    found = findings(tmp_path, THEME + "  icon: {logo: brand/lgo}\n", trust=True)
    assert [(line, col, check, hint) for line, col, check, _, hint in found] == [
        (4, 16, "bad-value", "did you mean 'brand/logo'?")]
    found = findings(tmp_path, THEME + "  icon: {logo: brand/logo}\n")
    assert [(line, col, check) for line, col, check, _, _ in found] == [(4, 16, "bad-value")]
    assert "not an icon of the theme" in found[0][3]
    assert found[0][4].startswith("site_config/overrides/.icons/brand/logo.svg is read only with --trust")
    # a link there tells nothing of what it points at
    outside = tmp_path.parent / f"{tmp_path.name}-outside.svg"
    outside.write_text("<svg/>", "utf-8")
    (icons / "linked.svg").symlink_to(outside)
    found = findings(tmp_path, THEME + "  icon: {logo: brand/linked}\n")
    assert "--trust" not in found[0][4], found


@pytest.mark.slow
def test_a_trusted_projects_own_icon_is_built_into_the_pages(tmp_path: Path) -> None:
    project = tmp_path / "p"
    assert run_cli("init", str(project), cwd=tmp_path).returncode == 0
    icons = project / "site_config" / "overrides" / ".icons" / "brand"
    icons.mkdir(parents=True)
    (icons / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><path id="our-logo" d="M1 1h9v9H1z"/>'
                                    "</svg>", "utf-8")
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text("utf-8").replace("theme:\n", "theme:\n  icon: {logo: brand/logo}\n", 1),
                        "utf-8")
    done = run_cli("build", "--trust", cwd=project)
    assert done.returncode == 0, done.stderr
    assert 'id="our-logo"' in (project / "site" / "index.html").read_text("utf-8")
