"""What ``tstd check FILE`` imports: on a result-cache hit no CLI framework, no YAML parser, no schema
validator, no engine and no check kind; on a file never seen, with the packs cached, only the kinds its
fields reach (behaviour checks of start-up, not timing thresholds). Either answer is byte for byte the one
a run without any cache gives."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


# Modules a never-seen declaration without fees, notices or PDF must not load although its packs use them:
# the CLI framework, the fee kinds and their vocabularies, the PDF layer's facts, and what only errors need.
NOT_FOR_A_PLAIN_FILE = ("typer", "click", "rich", "pydantic", "jsonschema", "pdfplumber", "pypdfium2", "opencc",
                        "docx", "jinja2", "tstd.fees", "tstd.engine.kinds.fees", "tstd.pdf.facts",
                        "tstd.pdf.classify", "tstd.docx", "multiprocessing", "tomllib", "difflib")


def _tstd(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    modules = tmp_path / "modules.json"
    env = {**os.environ, "PYTHONPATH": str(SRC), "TSTD_CACHE_DIR": str(tmp_path / "cache"), "LANG": "C.UTF-8"}
    env.pop("TSTD_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", _RUN, str(modules), *args], env=env, capture_output=True,
                          text=True, timeout=300, check=False, cwd=tmp_path)  # no config file above tmp_path
    return done, set(json.loads(modules.read_text(encoding="utf-8")))


def _heavy(modules: set[str], heavy: tuple[str, ...] = HEAVY) -> list[str]:
    return sorted(m for m in modules if m in heavy or m.startswith(tuple(h + "." for h in heavy)))


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


def test_a_new_file_with_packs_cached_loads_only_the_kinds_it_reaches(tmp_path: Path) -> None:
    target = tmp_path / "T-DEMO-001-2024.yaml"
    shutil.copy(EXAMPLES / "incomplete-disclosure.yaml", target)
    _tstd(tmp_path, "check", str(target))  # packs and catalogue now cached
    fees = tmp_path / "fees.yaml"
    shutil.copy(EXAMPLES / "fees" / "abusive-dues.yaml", fees)
    for example in ("compliant-rice-cooker.yaml", "rushed-procedure.yaml"):  # no fees, notices or PDF
        shutil.copy(EXAMPLES / example, target)
        reference, _ = _tstd(tmp_path, "check", str(target), "--format", "json", "--no-cache")
        done, modules = _tstd(tmp_path, "check", str(target), "--format", "json")
        assert (done.returncode, done.stdout, done.stderr) == (reference.returncode, reference.stdout, reference.stderr)
        assert "tstd.engine.runner" in modules and "tstd.engine.kinds.mandatory" in modules  # it was checked
        assert _heavy(modules, NOT_FOR_A_PLAIN_FILE) == [], example
    # A declaration with fee items reaches the fee kinds: loaded then, with the findings a cold run gives.
    reference, _ = _tstd(tmp_path, "check", str(fees), "--format", "json", "--no-cache")
    done, modules = _tstd(tmp_path, "check", str(fees), "--format", "json")
    assert done.returncode == 1 and json.loads(done.stdout)["summary"]["errors"] > 0
    assert (done.stdout, done.stderr) == (reference.stdout, reference.stderr)
    assert "tstd.engine.kinds.fees" in modules


def _rewrite_pack_entries(cache: Path, change: Callable[[Any], Any]) -> int:
    """Replace the build notes (kinds, reads) of every cached pack with ``change(notes)``; the entries rewritten."""
    count = 0
    for entry in (cache / "packs").rglob("*"):
        raw = entry.read_bytes() if entry.is_file() else b""
        magic, _, body = raw.partition(b"\n")
        if not body:
            continue
        value = marshal.loads(body)
        entry.write_bytes(magic + b"\n" + marshal.dumps((*value[:3], change(value[3]))))
        count += 1
    return count


def _elsewhere(notes: Any) -> Any:
    """Well-formed notes naming a module that registers none of the pack's kinds."""
    kinds, reads = notes
    return tuple((name, "tstd.engine.kinds.basic", last) for name, _module, last in kinds), reads


def test_damaged_build_notes_in_the_pack_cache_are_not_trusted(tmp_path: Path) -> None:
    target = tmp_path / "T-DEMO-001-2024.yaml"
    shutil.copy(EXAMPLES / "fees" / "abusive-dues.yaml", target)
    reference, _ = _tstd(tmp_path, "check", str(target), "--format", "json", "--no-cache")
    assert reference.returncode == 1
    changes: list[Callable[[Any], Any]] = [lambda _: None, lambda _: ("kinds",), lambda n: (n[0], n[1][:-1]),
                                           lambda n: ((("fee_item", 1, True),), n[1]), _elsewhere]
    for edits, change in enumerate(changes, 1):
        shutil.rmtree(tmp_path / "cache", ignore_errors=True)
        _tstd(tmp_path, "check", str(target))  # fresh entries, then damaged
        assert _rewrite_pack_entries(tmp_path / "cache", change) > 0
        target.write_bytes(target.read_bytes() + f"\n# edit {edits}\n".encode())  # a new file: checked again
        done, _ = _tstd(tmp_path, "check", str(target), "--format", "json")
        assert (done.returncode, done.stdout, done.stderr) == (reference.returncode, reference.stdout,
                                                                reference.stderr), edits


def test_a_kind_named_from_the_cache_becomes_the_real_kind_once_used(cache_dir: Path) -> None:
    from tstd.engine.kinds import registry
    from tstd.engine.pack import _kind_by_name, load_pack_set
    from tstd.run import CheckOptions, build_engine

    _kind_by_name.cache_clear()  # stand-ins are shared by the process: other tests may have used them
    load_pack_set()  # built and stored, with the notes that name each kind's module
    engine = build_engine(CheckOptions(cache_dir=str(cache_dir)))  # from the start-up cache: kinds by name
    stand_ins = {r.kind.name: r.kind for p in engine.packs for r in p.rules}
    assert all(k.options_schema == {} for k in stand_ins.values())  # nothing resolved yet
    result = engine.check_path(EXAMPLES / "compliant-rice-cooker.yaml")
    assert result is not None and result.findings == ()
    real = registry()
    assert stand_ins["required"] == real["required"]  # used: now the real kind, field by field
    assert stand_ins["required"].check is real["required"].check  # no detour left on later documents
    assert stand_ins["fee_text"] != real["fee_text"]  # never reached (no notices): still a stand-in
