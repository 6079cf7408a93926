"""The run frame (tstd.cache.frame): a re-run answered by the result cache builds no engine, reports the same
bytes, and never skips a settings error; a damaged frame is ignored and rebuilt."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tstd.run
from helpers import EXAMPLES
from tstd.cache.frame import FRAMES, decode_frame, encode_frame
from tstd.cli import app
from tstd.run import CheckOptions, build_engine, engine_frame

runner = CliRunner()


@pytest.fixture(autouse=True)
def cache_on(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TSTD_NO_CACHE", raising=False)
    # --no-cache still uses the start-up cache of the default folder: never the user's own in a test
    monkeypatch.setenv("TSTD_CACHE_DIR", str(tmp_path / "default-cache"))


@pytest.fixture()
def builds(monkeypatch: pytest.MonkeyPatch) -> list[CheckOptions]:
    """The engines built in this process (one per call of tstd.run.build_engine)."""
    seen: list[CheckOptions] = []
    original = tstd.run.build_engine

    def spy(options: CheckOptions, validate_ids: bool = True) -> object:
        seen.append(options)
        return original(options, validate_ids)

    monkeypatch.setattr(tstd.run, "build_engine", spy)
    return seen


@pytest.fixture()
def target(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "T-DEMO-001-2024.yaml"
    path.parent.mkdir()
    shutil.copy(EXAMPLES / "incomplete-disclosure.yaml", path)
    return path


def check(target: Path, cache: Path, *extra: str) -> tuple[int, str]:
    result = runner.invoke(app, ["check", str(target), "--jobs", "0", "--cache-dir", str(cache), *extra])
    return result.exit_code, result.stdout


def test_the_frame_round_trips() -> None:
    frame = engine_frame(build_engine(CheckOptions(ignore=("TSTD-FMT",))))
    assert frame.rules and frame.packs
    assert decode_frame(encode_frame(frame)) == frame


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_a_cached_rerun_builds_no_engine(target: Path, tmp_path: Path, builds: list[CheckOptions], fmt: str) -> None:
    first = check(target, tmp_path / "c", "--format", fmt)
    assert first[0] == 1 and len(builds) == 1
    assert check(target, tmp_path / "c", "--format", fmt) == first
    assert len(builds) == 1  # results and frame from the cache
    assert check(target, tmp_path / "other", "--format", fmt, "--no-cache") == first


def test_a_cached_frame_never_hides_a_settings_error(target: Path, tmp_path: Path, builds: list[CheckOptions]) -> None:
    check(target, tmp_path / "c")
    result = runner.invoke(app, ["check", str(target), "--jobs", "0", "--cache-dir", str(tmp_path / "c"),
                                 "--ignore", "TSTD-DISC-9999"])
    assert result.exit_code == 2 and "TSTD-DISC-9999" in result.output  # other options: another fingerprint
    assert len(builds) == 2


def test_other_settings_give_another_frame(target: Path, tmp_path: Path) -> None:
    plain = check(target, tmp_path / "c", "--format", "json")
    check(target, tmp_path / "c", "--format", "json", "--lang", "en")
    assert check(target, tmp_path / "c", "--format", "json") == plain
    lowered = check(target, tmp_path / "c", "--format", "json", "--ignore", "TSTD-DISC")
    assert lowered != plain and check(target, tmp_path / "c", "--format", "json", "--ignore", "TSTD-DISC") == lowered


def test_a_damaged_frame_is_ignored_and_rebuilt(target: Path, tmp_path: Path, builds: list[CheckOptions]) -> None:
    first = check(target, tmp_path / "c", "--format", "json")
    frames = [p for p in (tmp_path / "c" / FRAMES).rglob("*") if p.is_file()]
    assert frames
    for entry in frames:
        entry.write_bytes(entry.read_bytes()[:20] + b"\x00garbage")
    assert check(target, tmp_path / "c", "--format", "json") == first
    assert len(builds) == 2  # the engine was built again …
    assert check(target, tmp_path / "c", "--format", "json") == first
    assert len(builds) == 2  # … and its frame stored again


def test_cache_clean_removes_frames(target: Path, tmp_path: Path) -> None:
    check(target, tmp_path / "c")
    assert any((tmp_path / "c" / FRAMES).rglob("*"))
    result = runner.invoke(app, ["cache", "clean", "--cache-dir", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "c" / FRAMES).exists()
