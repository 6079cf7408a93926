"""The CLI under hostile input and faults: outputs never destroy anything, errors have their own exit codes,
signals clean up (issue 14)."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from helpers import EXAMPLES
from tstd.atomic import write_atomic
from tstd.cli import app
from tstd.report.markdown import code
from tstd.report.text import inert

runner = CliRunner()
GOOD = EXAMPLES / "compliant-rice-cooker.yaml"
HOSTILE = (GOOD.read_text(encoding="utf-8")
           .replace("title: 家用智能电饭煲能效与安全要求",
                    'title: "\\e[2J\\e[H全部检查通过 ALL CHECKS PASSED\\e]52;c;cm0gLXJmIH4=\\a =cmd|\' /C calc\'!A0"'))


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_output_naming_an_input_is_refused_and_the_input_kept(tmp_path: Path) -> None:
    decl = tmp_path / "T-1.yaml"
    decl.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    before = decl.read_bytes()
    for args in (["check", str(decl)], ["check", str(tmp_path)], ["check", f"{tmp_path}/*.yaml"]):
        code_, out = run(*args, "--format", "json", "--output", str(decl))
        assert code_ == 2 and "overwrite an input" in out, args
    assert decl.read_bytes() == before
    # Last run's JSON report in the checked directory may be rewritten (it is no declaration).
    report = tmp_path / "report.json"
    assert run("check", str(tmp_path), "-f", "json", "-o", str(report))[0] == 0
    assert run("check", str(tmp_path), "-f", "json", "-o", str(report))[0] == 0


def test_writes_into_a_fifo_and_through_a_symlink_in_place(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomic(link, "new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    write_atomic(fifo, "through the pipe")
    assert reader.communicate(timeout=10)[0] == b"through the pipe"
    assert fifo.is_fifo()  # not replaced by a regular file (as /dev/null would be, as root)


def test_dev_null_stays_a_device() -> None:
    write_atomic(Path("/dev/null"), "x")
    assert Path("/dev/null").is_char_device()


def test_terminal_controls_never_reach_the_terminal_and_csv_cells_are_inert(tmp_path: Path) -> None:
    decl = tmp_path / "T\x1b[31m-evil.yaml"
    decl.write_text(HOSTILE, encoding="utf-8")
    code_, out = run("check", str(decl), "--fail-on", "never")
    assert code_ == 0 and "\x1b" not in out and "\x07" not in out and "ALL CHECKS PASSED" not in out.split("\n")[0]
    assert inert("a\x1b]52;c;eA==\x07b\x9b2Jc\x85d") == "abcd"
    run("check", str(decl), "-f", "csv", "-o", str(tmp_path / "r.csv"), "--fail-on", "never")
    rows = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8-sig"))))
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_markdown_code_spans_hold_any_key() -> None:
    shown = code("standard.a|b`c\n| x |")
    assert shown.count("`") == 2 and "\n" not in shown and "|" not in shown.replace("\\|", "")


def test_non_utf8_file_names_never_crash_an_output(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    flawed = GOOD.read_text(encoding="utf-8").replace("tstd: 1", "tstd: 2")  # one finding: every format lists it
    gbk = os.fsencode(root) + b"/" + "标准声明".encode("gbk") + b".yaml"
    Path(os.fsdecode(gbk)).write_text(flawed, encoding="utf-8")
    latin = os.fsencode(root) + b"/caf\xe9\xff.yaml"
    Path(os.fsdecode(latin)).write_text(flawed, encoding="utf-8")
    for fmt in ("text", "json", "csv", "markdown", "html", "sarif", "junit"):
        out = tmp_path / f"r.{fmt}"
        code_, text = run("check", str(root), "-f", fmt, "-o", str(out))
        assert code_ == 1, (fmt, text)
        written = out.read_text(encoding="utf-8")
        assert "标准声明.yaml" in written or quote("标准声明.yaml") in written, fmt  # SARIF URIs are %-encoded
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert len(report["results"]) == 2


def test_a_corrupt_zip_member_is_a_finding_and_the_run_goes_on(tmp_path: Path) -> None:
    archive = tmp_path / "s.zip"
    body = GOOD.read_text(encoding="utf-8")
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a-corrupt.yaml", body * 20)
        zf.writestr("b-good.yaml", body)
    data = bytearray(archive.read_bytes())
    start = data.index(b"a-corrupt.yaml") + len("a-corrupt.yaml") + 40
    data[start:start + 16] = b"\xff" * 16  # damage the deflate stream of the first member only
    archive.write_bytes(bytes(data))
    code_, out = run("check", str(archive), "-f", "json")
    results = {r["file"].rsplit("/", 1)[-1]: [f["rule"] for f in r["findings"]] for r in json.loads(out)["results"]}
    assert results == {"a-corrupt.yaml": ["TSTD-BATCH-003"], "b-good.yaml": []}
    assert code_ == 1


def test_broken_user_config_exits_2_with_the_file(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text("pack: {id: !!bool maybe}\n", encoding="utf-8")
    code_, out = run("check", str(GOOD), "--rules", str(pack))
    assert code_ == 2 and "p.yaml" in out and "Traceback" not in out
    catalogue = tmp_path / "c.yaml"
    catalogue.write_text("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcde", "bcdef", strict=True))
        + "standards: *f\n", encoding="utf-8")
    for option in ("--catalog", "--catalog-add"):
        code_, out = run("check", str(GOOD), option, str(catalogue))
        assert code_ == 2 and "c.yaml" in out and "Traceback" not in out, option


def _tstd(*args: str) -> list[str]:
    return [sys.executable, "-m", "tstd", *args]


def test_internal_error_exits_3_with_one_line_and_debug_shows_the_traceback(tmp_path: Path) -> None:
    # A report that cannot be rendered is a bug, not a finding: simulate one with a formatter that raises.
    script = ("import sys, tstd.report.json as j\n"
              "def boom(*a, **k):\n    raise RuntimeError('simulated bug')\n"
              "from tstd.report import formatters\n"
              "f = formatters()['json']\nobject.__setattr__(f, 'chunks', boom) if hasattr(f, '__dataclass_fields__') "
              "else setattr(f, 'chunks', boom)\n"
              "from tstd.cli import main\nsys.argv = ['tstd'] + sys.argv[1:]\nmain()\n")
    for debug in ((), ("--debug",)):
        proc = subprocess.run([sys.executable, "-c", script, "check", str(GOOD), "-f", "json", *debug],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == (1 if debug else 3), proc.stderr
        assert ("Traceback" in proc.stderr) is bool(debug)
        assert "simulated bug" in proc.stderr


@pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="POSIX signals")
def test_sigterm_stops_cleanly_with_143(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    with zipfile.ZipFile(tmp_path / "big.zip", "w") as zf:  # enough members to be mid-run when signalled
        for i in range(3000):
            zf.writestr(f"d/{i:05d}.yaml", GOOD.read_text(encoding="utf-8"))
    out = tmp_path / "r.json"
    env = {**os.environ, "TMPDIR": str(tmp)}
    proc = subprocess.Popen(_tstd("check", str(tmp_path / "big.zip"), "-j", "2", "-f", "json", "-o", str(out)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(tmp.glob("tstd-zip-*")):  # wait until the run is under way
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    _stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143, stderr
    assert "Traceback" not in stderr
    assert not out.exists()  # no partial report
    assert list(tmp.iterdir()) == []  # extracted members and spooled results removed


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "2024-02-29"])
def test_dates_at_the_ends_of_the_calendar_do_not_crash_date_arithmetic(tmp_path: Path, date: str) -> None:
    text = GOOD.read_text(encoding="utf-8")
    lines = [f"  {ln.split(':')[0].strip()}: {date}" if ln.strip().startswith(("publish_date:", "implement_date:"))
             else ln for ln in text.split("\n")]
    decl = tmp_path / "T-1.yaml"
    decl.write_text("\n".join(lines), encoding="utf-8")
    assert date in decl.read_text(encoding="utf-8")
    code_, out = run("check", str(decl), "-f", "json", "--fail-on", "never")
    rules = {f["rule"] for r in json.loads(out)["results"] for f in r["findings"]}
    assert code_ == 0 and "TSTD-BATCH-004" not in rules


def test_a_full_temporary_disk_exits_2_naming_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tstd import batch

    def full(self: object, result: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch.ResultSpool, "append", full)
    out = tmp_path / "report.json"
    code_, text = run("check", str(GOOD), "-f", "json", "-o", str(out))
    assert code_ == 2 and "No space left on device" in text and str(out) in text and "Traceback" not in text
    assert not out.exists()


def test_an_unwritable_report_exits_2_naming_it(tmp_path: Path) -> None:
    out = tmp_path / "missing-dir" / "report.json"
    code_, text = run("check", str(GOOD), "-f", "json", "-o", str(out))
    assert code_ == 2 and "report not written" in text and str(out) in text
