"""The result cache: a cached re-run re-checks nothing and writes the same bytes; a changed declaration,
organisation file, pack or date re-checks exactly what depends on it; a broken or unwritable cache is
ignored."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import EXAMPLES, LOCAL_PACK
from tstd.cache import results as result_cache
from tstd.cache.store import Store
from tstd.cli import app
from tstd.engine.runner import Engine
from tstd.model import Basis, Category, FileResult, Finding, Severity, Suppression

runner = CliRunner()


@pytest.fixture(autouse=True)
def cache_on(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TSTD_NO_CACHE", raising=False)
    # --no-cache still uses the start-up cache of the default folder: never the user's own in a test
    monkeypatch.setenv("TSTD_CACHE_DIR", str(tmp_path / "default-cache"))


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """Two declarations sharing one organisation file, and one standing alone."""
    folder = tmp_path / "corpus"
    shutil.copytree(EXAMPLES / "shared-org", folder)
    shutil.copy(EXAMPLES / "compliant-rice-cooker.yaml", folder / "alone.yaml")
    return folder


@pytest.fixture()
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the engine actually checks (not answered from the cache), in order."""
    seen: list[str] = []
    original = Engine.check_path

    def spy(self: Engine, path: Path, **kwargs: object) -> FileResult | None:
        seen.append(path.name)
        return original(self, path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "check_path", spy)
    return seen


def check(folder: Path, cache: Path | None, *extra: str) -> str:
    args = ["check", str(folder), "--format", "json", "--jobs", "0", *extra]
    args += ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_cached_rerun_checks_nothing_and_is_byte_identical(corpus: Path, tmp_path: Path, checked: list[str]) -> None:
    uncached = check(corpus, None)
    checked.clear()
    first = check(corpus, tmp_path / "c")
    assert len(checked) >= 3  # every declaration checked once to fill the cache
    checked.clear()
    again = check(corpus, tmp_path / "c")
    assert checked == []
    assert again == first == uncached


def test_changed_organisation_file_rechecks_exactly_its_declarations(corpus: Path, tmp_path: Path,
                                                                       checked: list[str]) -> None:
    check(corpus, tmp_path / "c")
    org = corpus / "organization.yaml"
    org.write_bytes(org.read_bytes() + b"\n# edited\n")
    checked.clear()
    check(corpus, tmp_path / "c")
    linking = {p.name for p in corpus.glob("*.yaml") if b"organization.yaml" in p.read_bytes()}
    assert linking and set(checked) - {"organization.yaml"} == linking
    assert "alone.yaml" not in checked


def test_a_new_pdf_beside_a_declaration_rechecks_it(corpus: Path, tmp_path: Path, checked: list[str]) -> None:
    check(corpus, tmp_path / "c")
    (corpus / "alone.docx").write_bytes(b"PK\x03\x04 not really a document")
    checked.clear()
    check(corpus, tmp_path / "c")
    assert "alone.yaml" in checked


def test_a_changed_user_pack_rechecks_everything_and_a_broken_one_is_reported(
        corpus: Path, tmp_path: Path, checked: list[str]) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(LOCAL_PACK, encoding="utf-8")
    check(corpus, tmp_path / "c", "--rules", str(pack))
    pack.write_text(LOCAL_PACK.replace("severity: warning", "severity: info"), encoding="utf-8")
    checked.clear()
    out = check(corpus, tmp_path / "c", "--rules", str(pack))
    assert "alone.yaml" in checked and '"severity":"info"' in out.replace(" ", "")
    pack.write_text(LOCAL_PACK.replace("kind: required", "kind: no-such-kind"), encoding="utf-8")
    result = runner.invoke(app, ["check", str(corpus), "--rules", str(pack), "--cache-dir", str(tmp_path / "c")])
    assert result.exit_code == 2 and "no-such-kind" in result.output  # the pack cache never hides a broken pack


def test_another_day_is_a_miss(corpus: Path, tmp_path: Path, checked: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    check(corpus, tmp_path / "c")
    checked.clear()

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    import tstd.run

    monkeypatch.setattr(tstd.run, "today", lambda: tomorrow)
    check(corpus, tmp_path / "c")
    assert "alone.yaml" in checked  # date-dependent findings (复审 due, waiver expiry) are never served stale


def test_corrupt_entries_are_ignored_and_rebuilt(corpus: Path, tmp_path: Path, checked: list[str]) -> None:
    first = check(corpus, tmp_path / "c")
    for entry in (tmp_path / "c").rglob("*"):
        if entry.is_file():
            entry.write_bytes(entry.read_bytes()[:7] + b"\xff\x00garbage")
    checked.clear()
    assert check(corpus, tmp_path / "c") == first
    assert "alone.yaml" in checked
    checked.clear()
    assert check(corpus, tmp_path / "c") == first
    assert checked == []


def test_unwritable_cache_is_skipped_with_a_note(corpus: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")  # a cache folder beneath a file can never be created (even by root)
    result = runner.invoke(app, ["check", str(corpus / "alone.yaml"), "--cache-dir", str(blocker / "cache")])
    assert result.exit_code == 0, result.output
    assert "缓存目录不可写" in result.output


def test_clean_removes_entries(corpus: Path, tmp_path: Path) -> None:
    check(corpus, tmp_path / "c")
    assert any((tmp_path / "c" / "results").rglob("*"))
    (tmp_path / "c" / "catalogue-0123.pickle").write_bytes(b"left by the catalogue loader")
    result = runner.invoke(app, ["cache", "clean", "--cache-dir", str(tmp_path / "c")])
    assert result.exit_code == 0
    assert not any(p.is_file() for p in (tmp_path / "c").rglob("*"))


def test_results_round_trip_as_plain_data() -> None:
    finding = Finding("TSTD-X-001", Category.FEE, Severity.WARNING, "消息", (Basis("民发〔2014〕166号", "四", False),),
                      "organization.fees[0]", 3, 1, None, "org.yaml", "参编费", (("k", "v"),),
                      Suppression("waiver", "理由"))
    result = FileResult("a.yaml", "T/CAS 1—2020", "某协会", (finding,))
    assert result_cache.decode(result_cache.encode(result)) == result


def test_decoding_builds_only_result_classes() -> None:
    for foreign in (("\0dc", "Popen", {"args": "true"}), ("a.yaml", None, None, (("x",),), "")):
        with pytest.raises((ValueError, TypeError, KeyError)):
            result_cache.decode(foreign)
    assert result_cache.decode(result_cache.encode(None)) is None


def test_store_writes_atomically_and_reads_garbage_as_a_miss(tmp_path: Path) -> None:
    store = Store(tmp_path)
    assert store.put("results", "abcdef", {"x": (1, 2)})
    assert store.get("results", "abcdef") == {"x": (1, 2)}
    assert [p.name for p in (tmp_path / "results" / "ab").iterdir()] == ["cdef"]  # no temporary file left
    store.path("results", "abcdef").write_bytes(b"TSTDC1\n\x00")
    assert store.get("results", "abcdef") is None


def test_concurrent_writers_never_leave_half_an_entry(tmp_path: Path) -> None:
    """Writers in separate processes (as concurrent runs sharing a folder are) and a reader: every read is a
    miss or one complete value."""
    import multiprocessing

    values = [{"writer": i, "data": "x" * 20_000} for i in range(3)]
    ctx = multiprocessing.get_context("spawn")
    writers = [ctx.Process(target=_write_many, args=(str(tmp_path), v)) for v in values]
    for w in writers:
        w.start()
    store, seen = Store(tmp_path), []
    while any(w.is_alive() for w in writers):
        seen.append(store.get("results", "abcdef"))
    for w in writers:
        w.join()
    assert all(v is None or v in values for v in seen)
    assert store.get("results", "abcdef") in values
    assert not [p for p in (tmp_path / "results").rglob(".tmp-*")]


def _write_many(root: str, value: dict[str, object]) -> None:
    store = Store(Path(root))
    for _ in range(200):
        assert store.put("results", "abcdef", value)


def test_no_cache_turns_off_results_only(corpus: Path, tmp_path: Path, checked: list[str]) -> None:
    """``--no-cache`` neither reads nor writes results, yet the packs' start-up cache is used (every worker of
    a batch would parse and validate the packs again otherwise)."""
    cache = tmp_path / "c"
    runner.invoke(app, ["check", str(corpus), "--format", "json", "--jobs", "0", "--cache-dir", str(cache)])
    checked.clear()
    result = runner.invoke(app, ["check", str(corpus), "--format", "json", "--jobs", "0", "--cache-dir", str(cache),
                                 "--no-cache"])
    assert result.exit_code in (0, 1), result.output
    assert len(checked) >= 3  # the cached results were not read
    other = tmp_path / "fresh"
    result = runner.invoke(app, ["check", str(corpus), "--format", "json", "--jobs", "0", "--cache-dir", str(other),
                                 "--no-cache"])
    assert result.exit_code in (0, 1), result.output
    assert any((other / "packs").rglob("*")), "the packs' start-up cache was not written"
    assert not (other / "results").exists() or not any((other / "results").rglob("*"))
    assert not (other / "frames").exists() or not any((other / "frames").rglob("*"))


def test_a_stored_fragment_is_served_without_decoding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run writing only JSON stores each worker's JSON line with the result; the next such run takes the line
    and its counts as they are (no result is decoded), and only while every dependency is unchanged."""
    from tstd.inputs.discover import Input

    declaration = tmp_path / "a.yaml"
    declaration.write_text("tstd: 1\n", encoding="utf-8")
    cache = result_cache.ResultCache(Store(tmp_path / "c"), "run")
    item = Input("a.yaml", declaration)
    deps = [(str(declaration), result_cache.file_digest(declaration))]
    counts = (False, "某协会", (("TSTD-X-001", "fee", "warning"),), 0)
    cache.store_result(item, FileResult("a.yaml", None, "某协会", ()), deps, ("tstd.report.json.line", b'{"file":1}', counts))

    def no_decoding(value: object) -> None:
        raise AssertionError("decoded")

    monkeypatch.setattr(result_cache, "decode", no_decoding)
    fresh = result_cache.ResultCache(Store(tmp_path / "c"), "run")
    assert fresh.fragment(item, "tstd.report.json.line") == (b'{"file":1}', counts)
    assert fresh.fragment(item, "tstd.report.sarif.line") is None  # another format's run decodes the result
    declaration.write_text("tstd: 1\n# changed\n", encoding="utf-8")
    assert result_cache.ResultCache(Store(tmp_path / "c"), "run").fragment(item, "tstd.report.json.line") is None
