"""Property-based fuzzing of the input layer (hypothesis; bounded example counts, the module runs in seconds).

Properties: loading any bytes as a declaration never raises, only reports input problems; checking what
loads never raises; bounded YAML raises only YAMLError; a confined reference never leaves its root; text
made inert for terminals and Markdown stays inert. The long-run campaign is benchmarks/fuzz.py.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
import yaml

hypothesis = pytest.importorskip("hypothesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tstd.inputs.declaration import DeclarationLoader  # noqa: E402
from tstd.report.markdown import code, escape  # noqa: E402
from tstd.report.text import inert  # noqa: E402
from tstd.run import CheckOptions, build_engine  # noqa: E402
from tstd.safety import confine, submission_root  # noqa: E402
from tstd.safeyaml import load as bounded_load  # noqa: E402

EXAMPLE = (Path(__file__).resolve().parents[2] / "examples" / "compliant-rice-cooker.yaml").read_text(encoding="utf-8")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                          HealthCheck.too_slow])

FRAGMENTS = ["&a [1, 2]", "*a", "!!bool maybe", "!!timestamp 2024-13-45", "!!binary x", "? [a]\n: 1", "[" * 70,
             "]" * 70, "{", "}", "9" * 5000, "<<: {x: 1}", "organization: /etc/passwd", "\x1b[2J", "\x00", "\ufeff",
             "\t", "- ", ": ", "'", '"', "|", ">", "#", "%YAML 1.1", "---", "...", "~", "9999-12-31"]

_ENGINE = build_engine(CheckOptions())
_LOADER = DeclarationLoader()


def _mutations() -> st.SearchStrategy[str]:
    """The example declaration with fragments spliced in at random line positions."""
    lines = EXAMPLE.split("\n")
    edit = st.tuples(st.integers(0, len(lines)), st.sampled_from(FRAGMENTS) | st.text(max_size=30))
    return st.lists(edit, min_size=1, max_size=5).map(
        lambda edits: "\n".join(_apply(list(lines), edits)))


def _apply(lines: list[str], edits: list[tuple[int, str]]) -> list[str]:
    for at, fragment in edits:
        at = min(at, len(lines))
        if at < len(lines) and ":" in lines[at] and len(fragment) < 20:
            key = lines[at].partition(":")[0]
            lines[at] = f"{key}: {fragment}"
        else:
            lines.insert(at, fragment)
    return lines


def _load_and_check(tmp: Path, raw: bytes, suffix: str) -> None:
    path = tmp / f"d{suffix}"
    path.write_bytes(raw)
    loaded = _LOADER.load(path)  # must not raise
    assert loaded.document is not None or loaded.problems
    result = _ENGINE.result_of(loaded, str(path))  # must not raise either
    assert all(f.rule and f.message for f in result.findings)


@FAST
@given(text=_mutations())
def test_mutated_declarations_load_and_check_without_raising(tmp_path: Path, text: str) -> None:
    _load_and_check(tmp_path, text.encode("utf-8", errors="surrogatepass"), ".yaml")


@FAST
@given(raw=st.binary(max_size=400))
def test_any_bytes_are_an_input_finding_at_worst(tmp_path: Path, raw: bytes) -> None:
    _load_and_check(tmp_path, raw, ".yaml")
    _load_and_check(tmp_path, raw, ".json")


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30)


@FAST
@given(data=st.dictionaries(st.sampled_from(["tstd", "standard", "organization", "process", "x"]), _JSONISH,
                            max_size=5))
def test_any_structure_under_known_keys_checks_without_raising(tmp_path: Path, data: dict[str, object]) -> None:
    _load_and_check(tmp_path, yaml.safe_dump(data, allow_unicode=True).encode("utf-8"), ".yaml")


@FAST
@given(text=st.text(max_size=300) | _mutations())
def test_bounded_yaml_raises_only_yaml_errors(text: str) -> None:
    with contextlib.suppress(yaml.YAMLError):
        bounded_load(text)


@FAST
@given(parts=st.lists(st.sampled_from(["..", ".", "a", "b", "", "~", "/", "\\", "c:", "link", "x.yaml"]),
                      min_size=1, max_size=6))
def test_a_confined_reference_never_leaves_the_root(tmp_path: Path, parts: list[str]) -> None:
    root = tmp_path / "root"
    (root / "a" / "b").mkdir(parents=True, exist_ok=True)
    if not (root / "a" / "link").exists():
        (root / "a" / "link").symlink_to(tmp_path)  # leads out
    with submission_root(root):
        target, reason = confine(root / "a" / "d.yaml", "/".join(parts))
    if target is not None:
        real_root = Path(os.path.realpath(root))
        assert target == real_root or real_root in target.parents
    else:
        assert reason


@FAST
@given(text=st.text(alphabet=st.characters(max_codepoint=0x2FF), max_size=80))
def test_inert_text_has_no_terminal_controls(text: str) -> None:
    shown = inert(text)
    assert not any((ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in shown)


@FAST
@given(text=st.text(max_size=60))
def test_markdown_cells_cannot_break_a_table(text: str) -> None:
    for shown in (escape(text), code(text)):
        assert "\n" not in shown
        assert "|" not in shown.replace("\\|", "")
    assert code(text).count("`") == 2
