"""`make run` installs the `buergernah` command (pyproject.toml [project.scripts])."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_the_command_runs_from_any_directory(tmp_path):
    command = Path(sys.executable).parent / "buergernah"
    assert command.is_file(), "make install does `pip install --editable .`"
    db = tmp_path / "elsewhere.duckdb"
    done = subprocess.run([str(command), "migrate", "--db", str(db)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert db.is_file()
    usage = subprocess.run([str(command), "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert usage.stdout.startswith("usage: buergernah")
    for sub in ("import", "pull", "history", "undo", "followers", "report", "digest", "schedule", "move-to-ducklake"):
        assert sub in usage.stdout
