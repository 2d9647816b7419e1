"""Every command and option says what it does; every command's help ends with examples; the docs ship."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from roadmap_gen import __version__
from roadmap_gen.cli import build_parser

REPO = Path(__file__).resolve().parent.parent


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_every_option_has_help_and_every_command_examples():
    parser = build_parser()
    commands = subparsers(parser)
    assert {"init", "validate", "build", "serve", "review", "export", "upgrade", "catalogue", "docs"} <= set(commands)
    for name, sub in [("roadmap-gen", parser)] + sorted(commands.items()):
        for action in sub._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            assert action.help and action.help != argparse.SUPPRESS, f"{name}: {action.option_strings or action.dest}"
        assert (sub.epilog or "").startswith("examples:\n"), name
        assert sub.format_help().rstrip().splitlines()[-1].startswith("  roadmap-gen "), name


def test_docs_lists_and_prints_the_documentation(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    # The command runs the checkout's package; where its documents are depends on whether that is a
    # checkout or a wheel, so ask it rather than this process (which may import an installed wheel).
    where = subprocess.run([sys.executable, "-c", "from roadmap_gen.core.resources import docs_dir; print(docs_dir())"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=True)
    docs = Path(where.stdout.strip())
    done = subprocess.run([sys.executable, "-m", "roadmap_gen", "docs"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0 and str(docs) in done.stdout and __version__ in done.stdout
    assert "templates" in done.stdout
    done = subprocess.run([sys.executable, "-m", "roadmap_gen", "docs", "templates"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout == (docs / "templates.md").read_text(encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "roadmap_gen", "docs", "nope"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and "no document 'nope'" in done.stderr
