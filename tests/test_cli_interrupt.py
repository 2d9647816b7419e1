"""Ctrl+C: exit 130 with a message that is true for the command that was stopped."""

from __future__ import annotations

import pytest

from roadmap_gen import cli


def _interrupt(*_args: object, **_kwargs: object) -> int:
    raise KeyboardInterrupt


@pytest.mark.parametrize(("argv", "patched", "said"), [
    (["validate"], "_cmd_validate", "interrupted; nothing was changed"),
    (["build"], "_cmd_build", "interrupted; the published site is as it was"),
    (["init", "x"], "_cmd_init", "interrupted; some files may have been written: run it again with --force"),
])
def test_an_interrupted_command_says_what_it_left(monkeypatch, capsys, argv, patched, said):
    if not hasattr(cli, patched):
        pytest.fail(f"cli has no {patched}: name the function the subcommand runs")
    monkeypatch.setattr(cli, patched, _interrupt)
    assert cli.main(argv) == 130
    assert capsys.readouterr().err.strip() == said
