"""The loader's one-pass build (:func:`_build`) against the general walk + PyYAML construction it replaces for
ordinary files: the same data, the same lines, and the general path for every file it must not take."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tstd.inputs.declaration import _SLOW, _Budget, _build, _NodeLoader, _parse_yaml, _Parsed, _set_path, _walk
from tstd.inputs.syntax_help import impossible_dates
from tstd.inputs.textfile import decode

ROOT = Path(__file__).resolve().parents[2]


def general(text: str) -> tuple[Any, dict[str, int]]:
    """What the loader built before the one-pass path: walk for lines, then construct and restore numbers."""
    loader = _NodeLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict[str, int] = {}
        numeric: dict[str, str] = {}
        _walk(node, "", lines, [], numeric, _Budget())
        data = loader.construct_document(node)
        for path, raw in numeric.items():
            _set_path(data, path, raw)
        return data, lines
    finally:
        loader.dispose()


def one_pass(text: str) -> tuple[Any, dict[str, int]]:
    loader = _NodeLoader(text)
    try:
        lines: dict[str, int] = {}
        return _build(loader, loader.get_single_node(), lines), lines
    finally:
        loader.dispose()


def same(text: str) -> None:
    data, lines = one_pass(text)
    assert data is not _SLOW
    expected, expected_lines = general(text)
    assert data == expected and list(lines.items()) == list(expected_lines.items())
    assert repr(data) == repr(expected)  # types too: "67.060" stays text, 1 is not True, dates stay dates


def real_files() -> list[Path]:
    files = [p for p in (ROOT / "examples").rglob("*.yaml") if p.name != "broken-syntax.yaml"]
    files += sorted((ROOT / "tests" / "corpus").rglob("*.yaml"))
    return sorted(files)


@pytest.mark.parametrize("path", real_files(), ids=lambda p: p.name)
def test_real_declarations_build_the_same_in_one_pass(path: Path) -> None:
    text = decode(path.read_bytes()).text
    if "&" in text:  # anchors always take the general path
        return
    same(text)


def test_identifiers_numbers_dates_and_flags() -> None:
    same("tstd: 1\nstandard:\n  number: T/CAS 3—2021\n  ics: 67.060\n  ccs: 1.10\n  replaces: [1.0, 2.50]\n"
         "  publish_date: 2024-01-05\n  compliance_statement: yes\n  patents: {involved: false, items: ~}\n"
         "  requirements:\n    - {clause: 5.10, value: 0.50, limit: 3}\n    - clause: 6\n"
         "organization: {code: 007, uscc: 12, staff: 0x1F, '1': x, '<<': quoted}\n"
         "process: {decision: {date: 2024-03-01 10:00:00}, x: .inf, y: -.NaN, z: 1_000}\n")


@pytest.mark.parametrize(("text", "outcome"), [
    ("a: &x 1\nb: *x\n", {"a": 1, "b": 1}),                          # aliases: shared values, counted per use
    ("a: {k: 1}\nb:\n  <<: {k: 2}\n  j: 3\n", {"a": {"k": 1}, "b": {"k": 2, "j": 3}}),  # a merge key
    ("a: 1\na: 2\n", "TSTD-INPUT-008"),                               # a duplicate key is reported by the walk
    ("a: !!binary aGVsbG8=\n", "TSTD-INPUT-005"),                     # a tag no declaration holds
    ("a: !!seq x\n", "TSTD-INPUT-005"),                                # a plain tag on the wrong kind of node
    ("a: !!str {k: 1}\n", "TSTD-INPUT-005"),
    ("a: !!bool maybe\n", "TSTD-INPUT-005"),                           # a value the constructor refuses
    ("? [1, 2]\n: x\n", "TSTD-INPUT-005"),                            # a list used as a key
    ("a:" + " [" * 70 + "]" * 70 + "\n", "TSTD-INPUT-015"),            # deeper than the nesting limit
])
def test_what_the_general_path_handles_is_never_built_in_one_pass(text: str, outcome: Any) -> None:
    if "&" not in text:
        data, _ = one_pass(text)
        assert data is _SLOW
    parsed = _parse_yaml(text)
    if isinstance(outcome, dict):
        assert isinstance(parsed, _Parsed) and parsed.data == outcome and not parsed.problems
    elif isinstance(parsed, _Parsed):
        assert [p.rule for p in parsed.problems] == [outcome]
    else:
        assert parsed.rule == outcome


def test_aliases_and_duplicates_still_come_out_as_before() -> None:
    parsed = _parse_yaml("a: &x {k: 1}\nb: *x\nc: 1\nc: 2\n")
    assert isinstance(parsed, _Parsed)
    assert parsed.data == {"a": {"k": 1}, "b": {"k": 1}, "c": 2}
    assert [p.rule for p in parsed.problems] == ["TSTD-INPUT-008"]


_KEYS = st.sampled_from(["tstd", "standard", "number", "ics", "ccs", "title", "organization", "code", "uscc",
                         "replaces", "requirements", "clause", "名称", "1", "on", "null", "a b", "x.y"])
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, width=32),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.text(alphabet="0123456789.-—:T/CAS 协会是否yesNo#'\"", max_size=12),
    st.sampled_from(["67.060", "1.10", "007", "0x1F", "1e3", "~", "yes", "2024-02-30", "12:30", "-", ".5"]),
)
_TREES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(_KEYS, inner, max_size=5)), max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(tree=st.dictionaries(_KEYS, _TREES, min_size=1, max_size=6), flow=st.booleans(), width=st.integers(20, 200))
def test_generated_documents_build_the_same(tree: dict[str, Any], flow: bool, width: int) -> None:
    text = yaml.safe_dump(tree, allow_unicode=True, default_flow_style=flow, width=width)
    if impossible_dates(text):
        return
    same(text)


@settings(max_examples=500, deadline=None)
@given(value=st.one_of(st.text(max_size=12), st.sampled_from(["", "~", "NULL", "On", "+1", "-.inf", "0o17",
                                                                  "1:30", "2024-1-5", "=", "<<", "0b101"])),
       plain=st.booleans())
def test_the_resolver_answers_as_pyyaml_does(value: str, plain: bool) -> None:
    loader = _NodeLoader("")
    try:
        implicit = (plain, not plain)
        assert loader.resolve(yaml.ScalarNode, value, implicit) == \
            yaml.resolver.BaseResolver.resolve(loader, yaml.ScalarNode, value, implicit)
        for kind in (yaml.MappingNode, yaml.SequenceNode):
            assert loader.resolve(kind, None, (True, False)) == \
                yaml.resolver.BaseResolver.resolve(loader, kind, None, (True, False))
    finally:
        loader.dispose()


@given(text=st.text(alphabet="0123456789-: \n#a'\"", max_size=60))
def test_the_date_prefilter_never_hides_an_impossible_date(text: str) -> None:
    lines = [f"k: {line}" for line in text.splitlines()] + [f"- {line}" for line in text.splitlines()]
    joined = "\n".join(lines)
    from tstd.inputs import syntax_help

    slow = [d for number, line in enumerate(joined.splitlines(), 1)
            if (m := syntax_help._DATE_VALUE.match(line)) and not _valid(m)
            for d in [(number, m["date"])]]
    assert [(d.line, d.text) for d in impossible_dates(joined)] == slow


def _valid(match: Any) -> bool:
    try:
        dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return False
    return True
