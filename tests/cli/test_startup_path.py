"""What ``tstd check FILE`` imports: on a result-cache hit no CLI framework, no YAML parser, no schema
validator, no engine and no check kind (a behaviour check of start-up, not a timing threshold); the answer is
byte for byte the one the checking run gave."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import EXAMPLES

SRC = Path(__file__).resolve().parents[2] / "src"
# Modules whose import a cached re-check must not pay for (each costs more than the whole answer).
HEAVY = ("typer", "click", "rich", "pydantic", "yaml", "jsonschema", "pdfplumber", "pypdfium2", "opencc", "re2",
         "jinja2", "docx", "platformdirs", "tstd.engine.runner", "tstd.engine.pack", "tstd.engine.kinds",
         "tstd.inputs.declaration", "tstd.catalog", "tstd.fees", "tstd.pdf", "multiprocessing")
_RUN = """
import atexit, json, sys
if __name__ == "__main__":  # not in a spawned worker, which runs this script again as __mp_main__
    out = sys.argv[1]
    atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
    sys.argv = ["tstd", *sys.argv[2:]]
    from tstd.cli import main
    main()
"""


def _tstd(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    modules = tmp_path / "modules.json"
    env = {**os.environ, "PYTHONPATH": str(SRC), "TSTD_CACHE_DIR": str(tmp_path / "cache"), "LANG": "C.UTF-8"}
    env.pop("TSTD_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", _RUN, str(modules), *args], env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    return done, set(json.loads(modules.read_text(encoding="utf-8")))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m in HEAVY or m.startswith(tuple(h + "." for h in HEAVY)))


def test_a_cached_recheck_imports_nothing_heavy(tmp_path: Path) -> None:
    target = tmp_path / "T-DEMO-001-2024.yaml"
    shutil.copy(EXAMPLES / "incomplete-disclosure.yaml", target)
    filled, cold = _tstd(tmp_path, "check", str(target))
    assert filled.returncode == 1, filled.stderr  # the example has findings on purpose
    assert "tstd.engine.runner" in cold  # the first run did check the file
    for fmt in ("text", "json", "sarif"):
        reference, _ = _tstd(tmp_path, "check", str(target), "--format", fmt, "--no-cache")
        again, warm = _tstd(tmp_path, "check", str(target), "--format", fmt)
        assert (again.returncode, again.stdout, again.stderr) == (1, reference.stdout, reference.stderr)
        assert _heavy(warm) == [], fmt


def test_an_edited_file_is_checked_again(tmp_path: Path) -> None:
    target = tmp_path / "T-DEMO-001-2024.yaml"
    shutil.copy(EXAMPLES / "compliant-rice-cooker.yaml", target)
    first, _ = _tstd(tmp_path, "check", str(target))
    assert first.returncode == 0, first.stdout + first.stderr
    target.write_text(target.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    again, modules = _tstd(tmp_path, "check", str(target), "--jobs", "0")  # checked in this process
    assert again.stdout != first.stdout and "titel" in again.stdout  # the misspelled key is reported
    assert "tstd.engine.runner" in modules


def test_help_and_usage_errors_still_come_from_typer(tmp_path: Path) -> None:
    done, modules = _tstd(tmp_path, "check", "--no-such-option", str(EXAMPLES / "compliant-rice-cooker.yaml"))
    assert done.returncode == 2 and "--no-such-option" in done.stderr
    assert "typer" in modules


def test_version_needs_no_cli_framework(tmp_path: Path) -> None:
    done, modules = _tstd(tmp_path, "--version")
    assert done.returncode == 0 and done.stdout.startswith("tstd ")
    assert _heavy(modules) == []


def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path: Path) -> None:
    # `tstd check … | head`: exit 1 and no message, on the quick path as on typer's (click's EPIPE rule).
    env = {**os.environ, "PYTHONPATH": str(SRC), "TSTD_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "tstd", "check", str(EXAMPLES), "--format", "json"]  # > a pipe's buffer
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(10)
        proc.stdout.close()
        err = proc.stderr.read()
        code = proc.wait(timeout=300)
    assert (code, err) == (1, b"")
