"""The CI files `init` writes really work: replayed, step by step, against a wheel built from this checkout.

A wheel is built from the checkout (offline: hatchling is in the test extra),
`init --source WHEEL` writes a project whose requirements.txt names it, and
every shell line of the GitHub workflow's jobs and the GitLab pipeline's jobs
is run in a fresh virtual environment, in a fresh copy of the project, as the
CI runner would. The runner's own setup is not replayed: `uses:` steps
(checkout, setup-python) are the copy (a git repository of one commit) and the
venv; no job installs system packages (the images have git). The venv sees the test environment's
packages minus roadmap-gen (a .pth file), so the wheel's dependencies are
already installed and `pip install -r requirements.txt` needs no index
(PIP_NO_INDEX): it installs the wheel, and only the wheel.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from test_init import ci_steps  # type: ignore[import-not-found]

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]


def run(args: list[str] | str, cwd: Path, env: dict[str, str] | None = None, shell: bool = False,
        timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, shell=shell, capture_output=True, text=True, timeout=timeout,
                          check=False)


def clean_env(extra_path: Path | None = None) -> dict[str, str]:
    """The environment a CI step gets here: no pip configuration of this machine, no index, no PYTHONPATH."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PIP_") and k not in ("PYTHONPATH", "VIRTUAL_ENV", "ROADMAP_GEN_DEBUG")}
    env.update({"PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
                "PIP_NO_INPUT": "1"})
    if extra_path is not None:
        env["PATH"] = f"{extra_path}{os.pathsep}{env.get('PATH', '')}"
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        import hatchling  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("hatchling is part of the test extra and must be installed in CI")
        pytest.skip("hatchling is not installed (pip install '.[test]')")
    out = tmp_path_factory.mktemp("wheel")
    done = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out),
                str(REPO)], REPO, clean_env())
    assert done.returncode == 0, done.stdout + done.stderr
    (found,) = out.glob("roadmap_gen-*.whl")
    return found


def dependencies_view(folder: Path) -> Path:
    """This environment's installed packages without roadmap-gen itself (nor any .pth hook), as symlinks."""
    folder.mkdir()
    sites = {Path(sysconfig.get_paths()[key]) for key in ("purelib", "platlib")}
    for site in sites:
        for entry in site.iterdir():
            name = entry.name.lower()
            ours = "roadmap_gen" in name or "roadmap-gen" in name or name.startswith("__editable__")
            if ours or name.endswith(".pth"):
                continue
            if not (folder / entry.name).exists():
                (folder / entry.name).symlink_to(entry)
    return folder


def fresh_venv(root: Path, deps: Path) -> Path:
    done = run([sys.executable, "-m", "venv", str(root)], root.parent, clean_env())
    assert done.returncode == 0, done.stderr
    python = root / "bin" / "python"
    site = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], root, clean_env())
    (Path(site.stdout.strip()) / "_ci_replay_deps.pth").write_text(f"{deps}\n", encoding="utf-8")
    return root / "bin"


def commit(folder: Path, env: dict[str, str]) -> None:
    """Make *folder* a git repository of one commit, dated 2026-01-02, as a CI checkout is."""
    when = "2026-01-02T12:00:00+00:00"
    git_env = dict(env, GIT_AUTHOR_NAME="ci", GIT_AUTHOR_EMAIL="ci@example.org", GIT_COMMITTER_NAME="ci",
                   GIT_COMMITTER_EMAIL="ci@example.org", GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when,
                   GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    for args in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "roadmap"]):
        done = run(args, folder, git_env)
        assert done.returncode == 0, done.stderr


def github_env(path: Path) -> dict[str, str]:
    """The NAME=value lines a GitHub step appended to $GITHUB_ENV."""
    if not path.is_file():
        return {}
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)


def test_the_wheel_carries_the_docs_the_license_and_the_skeleton(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for doc in (REPO / "docs").glob("*.md"):
        assert f"roadmap_gen/_defaults/docs/{doc.name}" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") or n.endswith(".dist-info/LICENSE") for n in names)
    assert "roadmap_gen/skeleton/.gitlab-ci.yml" in names
    assert "roadmap_gen/skeleton/content/teams/service-desk.yaml" in names


def test_the_ci_jobs_written_by_init_pass_with_the_wheel_as_pinned_source(tmp_path, wheel):
    project = tmp_path / "roadmap"
    done = run([sys.executable, "-m", "roadmap_gen", "init", str(project), "--source", str(wheel)], tmp_path,
               dict(clean_env(), PYTHONPATH=str(REPO)))
    assert done.returncode == 0, done.stderr
    pinned = [line for line in (project / "requirements.txt").read_text().splitlines() if not line.startswith("#")]
    assert pinned == [f"roadmap-gen @ {wheel.resolve().as_uri()}"]

    bin_dir = fresh_venv(tmp_path / "venv", dependencies_view(tmp_path / "deps"))
    env = clean_env(bin_dir)
    jobs = ci_steps(project)
    assert set(jobs) == {"github:check", "github:publish", "gitlab:validate", "gitlab:pages"}
    outputs: dict[str, list[subprocess.CompletedProcess[str]]] = {}
    for name, lines in jobs.items():
        checkout = tmp_path / name.replace(":", "-")
        shutil.copytree(project, checkout)  # every job starts from a fresh checkout: a git clone
        commit(checkout, env)
        outputs[name] = []
        job_env = dict(env, GITHUB_ENV=str(tmp_path / f"{name.replace(':', '-')}.env"))
        if name.startswith("gitlab:"):  # GitLab runs a job's lines in one shell: an `export` carries on
            lines = ["set -e\n" + "\n".join(lines)]
        for line in lines:
            assert shlex.split(line)[0] != "apt-get", f"{name}: the image has what the job needs"
            done = run(line, checkout, job_env, shell=True)
            assert done.returncode == 0, f"{name}: {line}\n{done.stdout}\n{done.stderr}"
            outputs[name].append(done)
            job_env.update(github_env(Path(job_env["GITHUB_ENV"])))  # as the runner does between steps
        if name.endswith(("publish", "pages")):
            assert (checkout / "public" / "index.html").is_file(), name
            # The build time is the commit's (SOURCE_DATE_EPOCH), on GitHub and GitLab alike.
            assert "2026-01-02" in (checkout / "public" / "index.html").read_text(encoding="utf-8"), name
    # The tool that ran is the wheel's, installed into the fresh venv, not this checkout.
    assert (bin_dir / "roadmap-gen").is_file()
    where = run([str(bin_dir / "python"), "-c", "import roadmap_gen; print(roadmap_gen.__file__)"], tmp_path, env)
    assert Path(where.stdout.strip()).is_relative_to(tmp_path / "venv"), where.stdout
    docs = run(["roadmap-gen", "docs"], tmp_path, env)
    assert "_defaults/docs" in docs.stdout and "templates" in docs.stdout, docs.stdout + docs.stderr
    # The check jobs' reports: nothing to annotate in a fresh project, and a well-formed (empty) report.
    github_validate = outputs["github:check"][-1]
    assert "::" not in github_validate.stdout and "passed (--strict)" in github_validate.stderr
    assert json.loads((tmp_path / "gitlab-validate" / "gl-code-quality.json").read_text()) == []
