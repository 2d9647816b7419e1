"""theme.language names one of the theme's translations, located at the setting (a wrong one failed the
site engine's build with a message that named no line, and validate passed it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_process import run_cli
from roadmap_gen.settings.read import load_settings, material_languages
from roadmap_gen.workspace.workspace import Workspace


def findings(project: Path, settings: str, *, trust: bool = False) -> list[tuple[int, int, str, str, str]]:
    (project / "mkdocs.yml").write_text(settings, "utf-8")
    loaded = load_settings(Workspace(project, trust=trust).files())
    return [(d.loc.line, d.loc.col, d.check, d.message, d.hint or "") for d in loaded.diagnostics]


def test_the_installed_theme_has_its_languages() -> None:
    assert {"en", "de", "pt-BR", "zh-TW"} <= material_languages()


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
