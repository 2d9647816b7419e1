"""Settings know whether they hold what only --trust lets through: what reading them (MkDocs' own check of
its settings, which validate runs) may run."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap_gen.settings.read import load_settings
from roadmap_gen.workspace.workspace import Workspace


@pytest.mark.parametrize("text, needs", [
    ("site_name: x\nplugins: [search]\nmarkdown_extensions: [toc, admonition]\n", False),
    ("hooks: [hook.py]\n", True),
    ("plugins: [search, privacy]\n", True),
    ("markdown_extensions:\n  - 'subprocess:Popen'\n", True),
    ("markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n        - name: x\n          class: x\n"
     "          format: !!python/name:pymdownx.superfences.fence_code_format\n", True),
    ("extra:\n  when: !!python/name:os.getcwd\n", True),
    ("theme:\n  custom_dir: mine\n", True),
])
def test_trusted_settings_say_whether_they_need_trust(tmp_path: Path, text: str, needs: bool) -> None:
    (tmp_path / "mkdocs.yml").write_text(text, "utf-8")
    trusted = load_settings(Workspace(tmp_path, trust=True).files())
    assert trusted.ok and trusted.needs_trust is needs
    untrusted = load_settings(Workspace(tmp_path).files())
    assert untrusted.needs_trust is False and untrusted.ok is not needs  # refused, with errors, instead
