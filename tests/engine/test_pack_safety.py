"""Hostile user packs: every one is a located configuration error (PackError, exit 2) or runs in bounded time."""

from __future__ import annotations

from pathlib import Path

import pytest

from tstd.engine.pack import PackError, load_packs
from tstd.inputs.document import Document
from tstd.regex import LINEAR_ENGINE
from tstd.run import CheckOptions, build_engine

RULE = """pack: {{id: user, version: "1", title: 用户规则}}
rules:
  - id: TSTD-USR-001
    category: disclosure
    severity: warning
    title: {{zh: 标题格式, en: Title format}}
    kind: pattern
    options: {{field: standard.title, regex: {regex}}}
{extra}    message: {{zh: {message}, en: "Title {{value}}"}}
    basis: [{{document: 团体标准管理规定, verified: false}}]
"""


def pack(tmp_path: Path, regex: str = '"^[^a]+$"', message: str = '"标题 {value}"', extra: str = "",
         text: str | None = None) -> Path:
    path = tmp_path / "user.yaml"
    path.write_text(text if text is not None else RULE.format(regex=regex, message=message, extra=extra),
                    encoding="utf-8")
    return path


def test_a_well_formed_user_pack_loads(tmp_path: Path) -> None:
    assert any(p.id == "user" for p in load_packs([pack(tmp_path)]))


@pytest.mark.skipif(not LINEAR_ENGINE, reason="google-re2 not installed")
def test_catastrophic_regex_runs_in_linear_time(tmp_path: Path) -> None:
    # ^(a+)+$ on 'a'*60 + 'b' takes longer than the universe's age with a backtracking engine. On RE2 it is
    # a microsecond; the assertion is that the check returns at all (pytest would hang otherwise).
    engine = build_engine(CheckOptions(rules=(pack(tmp_path, regex='"^(a+)+$"'),)))
    doc = Document(path=tmp_path / "d.yaml", data={"tstd": 1, "standard": {"title": "a" * 60 + "b"}})
    rule = next(r for r in engine.rules if r.id == "TSTD-USR-001")
    assert [h.path for h in rule.kind.check(doc, rule.options, engine.ctx)] == ["standard.title"]


@pytest.mark.parametrize("regex,why", [('"(a)\\\\1"', "linear-time engine"), ('"(?<=x)a"', "linear-time engine"),
                                       ('"(("', "does not compile")])
def test_regexes_that_could_backtrack_or_do_not_compile_are_refused(tmp_path: Path, regex: str, why: str) -> None:
    if why == "linear-time engine" and not LINEAR_ENGINE:
        pytest.skip("google-re2 not installed")
    with pytest.raises(PackError, match=why):
        load_packs([pack(tmp_path, regex=regex)])


@pytest.mark.parametrize("when,why", [
    ('{field: standard.title, matches: "(("}', "does not compile"),
    ("{not: " * 20 + "{field: a}" + "}" * 20, "nested deeper"),
])
def test_when_conditions_are_validated_at_load(tmp_path: Path, when: str, why: str) -> None:
    with pytest.raises(PackError, match=why):
        load_packs([pack(tmp_path, extra=f"    when: {when}\n")])


@pytest.mark.parametrize("message", ['"{path:>1000000000}"', '"{value.__class__.__init__}"', '"{value[0]}"',
                                     '"{value!r}"', '"unbalanced {"'])
def test_message_templates_take_only_plain_placeholders(tmp_path: Path, message: str) -> None:
    with pytest.raises(PackError, match=r"message\.zh"):
        load_packs([pack(tmp_path, message=message)])


@pytest.mark.parametrize("text,why", [
    ("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcde", "bcdef", strict=True)) + "pack: *f\n", "aliases"),
    ("pack: &p [*p]\nrules: []\n", "nested deeper"),
    ("pack: {id: !!bool maybe}\nrules: []\n", "KeyError"),
    ("pack: !!python/object:os.system {}\n", "unsupported tag"),
    ("[a]: 1\n", "used as a key"),
])
def test_yaml_bombs_and_odd_tags_in_packs_are_pack_errors(tmp_path: Path, text: str, why: str) -> None:
    with pytest.raises(PackError, match=why):
        load_packs([pack(tmp_path, text=text)])


@pytest.mark.parametrize("pack_id", ["input", "batch"])
def test_packs_the_code_raises_cannot_be_replaced(tmp_path: Path, pack_id: str) -> None:
    path = pack(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("id: user", f"id: {pack_id}, replace: true"),
                    encoding="utf-8")
    with pytest.raises(PackError, match="cannot be replaced"):
        load_packs([path])


def test_rules_the_code_raises_cannot_be_redefined(tmp_path: Path) -> None:
    path = pack(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("TSTD-USR-001", "TSTD-INPUT-001"), encoding="utf-8")
    with pytest.raises(PackError, match="cannot be redefined"):
        load_packs([path])


FEE_ITEM = """pack: {id: userfees, version: "1", title: 用户收费规则}
rules:
  - id: TSTD-USR-002
    category: fee
    severity: warning
    title: {zh: 收费名称, en: Fee name}
    kind: fee_item
    options:
      when_any:
        - {name: {matches: "^(a+)+$"}}
    message: {zh: "收费「{name}」", en: "Fee {name}"}
    basis: [{document: 团体标准管理规定, verified: false}]
"""


@pytest.mark.skipif(not LINEAR_ENGINE, reason="google-re2 not installed")
def test_regexes_inside_prepared_objects_run_linear_too(tmp_path: Path) -> None:
    path = tmp_path / "fees.yaml"
    path.write_text(FEE_ITEM, encoding="utf-8")
    engine = build_engine(CheckOptions(rules=(path,)))
    rule = next(r for r in engine.rules if r.id == "TSTD-USR-002")
    doc = Document(path=tmp_path / "d.yaml", data={"tstd": 1, "organization": {"fees": [
        {"name": "a" * 60 + "b", "amount": 1}]}})
    assert list(rule.kind.check(doc, rule.options, engine.ctx)) == []  # returns at once: no backtracking
    assert "re2" in type(rule.options.when_any[0].tests[0].pattern).__module__


def test_a_huge_user_lexicon_is_refused_before_it_is_compiled(tmp_path: Path) -> None:
    terms = "".join(f"        - {{term: 参编费{i}}}\n" for i in range(21_000))
    text = RULE.format(regex='"x"', message='"x"', extra="").replace(
        "kind: pattern\n    options: {field: standard.title, regex: \"x\"}\n",
        "kind: fee_text\n    options:\n      practice: FEE-01\n      terms:\n" + terms)
    with pytest.raises(PackError, match="more than 20000"):
        load_packs([pack(tmp_path, text=text)])
