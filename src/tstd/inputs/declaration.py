"""Load a declaration (YAML or JSON) into a Document, or into input problems that explain why not.

The loader never raises for bad input: every problem becomes a :class:`Problem` naming an ``input`` rule of
the built-in ``input`` pack, with the file, field path and line where known. One loader is built per
process; it caches the compiled schema and organisation files shared by many declarations.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from tstd import limits
from tstd.inputs.document import Document, get_path, split_path
from tstd.inputs.syntax_help import SyntaxHelp, explain, json_lines, quote_impossible_dates
from tstd.inputs.textfile import DEFAULT_MAX_BYTES, DecodedText, TextDecodeError, decode
from tstd.model import Hit, Severity
from tstd.resources import load_schema
from tstd.safety import ReadRefused, TooLarge, confine, read_capped
from tstd.safeyaml import CONSTRUCT_ERRORS, PLAIN_TAGS, TextKeyLoader
from tstd.validation import KeyHint, SchemaValidator, coerce_booleans, key_hint, type_message

FORMAT_VERSION = 1
DECLARATION_SUFFIXES = (".yaml", ".yml", ".json")

# Input rule ids (documented in rules/input.yaml).
UNREADABLE = "TSTD-INPUT-001"
TOO_LARGE = "TSTD-INPUT-002"
BAD_ENCODING = "TSTD-INPUT-003"
LEGACY_ENCODING = "TSTD-INPUT-004"
SYNTAX = "TSTD-INPUT-005"
EMPTY = "TSTD-INPUT-006"
NOT_MAPPING = "TSTD-INPUT-007"
DUPLICATE_KEY = "TSTD-INPUT-008"
WRONG_VALUE = "TSTD-INPUT-009"
UNKNOWN_KEY = "TSTD-INPUT-010"
ORGANIZATION_FILE = "TSTD-INPUT-011"
FORMAT_VERSION_RULE = "TSTD-INPUT-012"
NOT_DECLARATION = "TSTD-INPUT-013"
OUTSIDE_SUBMISSION = "TSTD-INPUT-014"
BEYOND_LIMITS = "TSTD-INPUT-015"

# Hit.data key: the field path whose findings by other rules this problem causes (a misspelled key's
# intended path, a field of the wrong type); tstd.run folds those findings under it.
CAUSE_OF = "cause_of"

# Fields naming another file, relative to the file they are written in (organisation file fields relative
# to the organisation file). Each must stay inside the submission (tstd.safety); a refused one is removed
# from the data so that no later layer follows it.
FILE_REFERENCES = ("standard.full_text.file", "standard.release_document.file")
ORGANIZATION_FILE_REFERENCES = tuple(f"policies.{p}.file" for p in ("procedure", "ip", "copyright", "complaints",
                                                                     "fees"))


@dataclass(frozen=True)
class Problem:
    """An input problem: which input rule, and the hit (path, line, message parameters)."""

    rule: str
    hit: Hit
    source: Path | None = None  # another file the problem is located in (organisation file)


@dataclass
class Loaded:
    """The result of loading one file: a Document when it could be built, and the problems met."""

    path: Path
    document: Document | None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Parsed:
    data: Any
    lines: dict[str, int]
    problems: list[Problem]


_TYPE_ZH = {"string": "文本", "integer": "整数", "number": "数字", "boolean": "布尔值 (true/false)",
            "array": "列表", "object": "映射 (键: 值)", "null": "空值"}


class DeclarationLoader:
    """Loads declarations; build one per process and reuse it (schema and organisation files are cached)."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        schema = load_schema("declaration.schema.json")
        self._schema = schema
        self._validator = SchemaValidator(schema, dates_are_strings=True)
        self._org_cache: dict[Path, _Parsed | Problem] = {}

    # ------------------------------------------------------------------ public

    def load(self, path: Path, *, require_declaration: bool = True) -> Loaded:
        """Load ``path``. With ``require_declaration`` False, a mapping without ``standard``/``tstd`` keys
        yields ``Loaded(document=None)`` and no problems (directory scans skip organisation files)."""
        parsed = self._parse_file(path)
        if isinstance(parsed, Problem):
            return Loaded(path, None, [parsed])
        problems = list(parsed.problems)
        data = parsed.data
        if not isinstance(data, dict):
            problems.append(Problem(NOT_MAPPING, Hit(params={"found": _type_name(data)}, line=1)))
            return Loaded(path, None, problems)
        if "standard" not in data and "tstd" not in data:
            if not require_declaration:
                return Loaded(path, None, [])
            problems.append(Problem(NOT_DECLARATION, Hit(line=1)))
            return Loaded(path, None, problems)

        doc = Document(path=path, data=data, lines=parsed.lines)
        self._inline_organization(doc, problems)
        problems.extend(_confine_references(doc.data, doc.lines, doc.path, FILE_REFERENCES))
        org = doc.data.get("organization")
        if isinstance(org, dict) and "organization" not in doc.sources and any(  # inline, naming a file
                isinstance(get_path(org, f), str) for f in ORGANIZATION_FILE_REFERENCES):
            problems.extend(_prefixed_problem(p, "organization") for p in _confine_references(
                org, _below(doc.lines, "organization"), doc.path, ORGANIZATION_FILE_REFERENCES))
        problems.extend(_confine_sibling(doc))
        problems.extend(self._check_version(doc))
        # 是/否 typed into a yes/no field: read as written (never as its opposite), with a note
        for note in coerce_booleans(doc.data, self._schema):
            problems.append(self._problem(doc, WRONG_VALUE, note.path, {"problem": note.message("zh"),
                                                                        "problem_en": note.message("en")},
                                          Severity.INFO))
        problems.extend(self._validate(doc))
        return Loaded(path, doc, problems)

    # ------------------------------------------------------------------ files

    def _parse_file(self, path: Path) -> _Parsed | Problem:
        try:
            raw = read_capped(path, self.max_bytes)  # never trusts st_size: /dev/zero and FIFOs report 0
        except TooLarge as exc:
            size = f"{exc.size}" if exc.size is not None else f"> {self.max_bytes}"
            return Problem(TOO_LARGE, Hit(params={"size": size, "limit": self.max_bytes}))
        except ReadRefused as exc:
            return Problem(UNREADABLE, Hit(params={"reason": exc.reason}))
        except OSError as exc:
            return Problem(UNREADABLE, Hit(params={"reason": exc.strerror or str(exc)}))
        try:
            decoded = decode(raw)
        except (TextDecodeError, UnicodeDecodeError) as exc:
            return Problem(BAD_ENCODING, Hit(params={"reason": str(exc)}))
        if not decoded.text.strip():
            return Problem(EMPTY, Hit())
        parsed = _parse_json(decoded.text) if path.suffix.lower() == ".json" else _parse_yaml(decoded.text)
        if isinstance(parsed, _Parsed):
            parsed.problems[:0] = _encoding_notes(decoded)
        return parsed

    def _inline_organization(self, doc: Document, problems: list[Problem]) -> None:
        ref = doc.data.get("organization")
        if not isinstance(ref, str):
            return
        line = doc.lines.get("organization")
        confined, refused = confine(doc.path, ref)
        if confined is None:
            problems.append(Problem(OUTSIDE_SUBMISSION, Hit(path="organization", line=line,
                                                            params={"ref": ref, "reason": refused})))
            del doc.data["organization"]
            return
        org_path = confined
        if org_path not in self._org_cache:
            parsed = self._parse_file(org_path)
            if isinstance(parsed, _Parsed) and not isinstance(parsed.data, dict):
                parsed = Problem(NOT_MAPPING, Hit(params={"found": _type_name(parsed.data)}, line=1))
            elif isinstance(parsed, _Parsed):  # checked once per organisation file: every declaration sees it
                parsed.problems.extend(_confine_references(parsed.data, parsed.lines, org_path,
                                                           ORGANIZATION_FILE_REFERENCES))
                # 是/否 read once here (the data is shared), so every declaration using the file gets the note
                for note in coerce_booleans({"organization": parsed.data}, self._schema):
                    path = note.path.removeprefix("organization.")
                    parsed.problems.append(Problem(WRONG_VALUE, Hit(
                        path=path, line=parsed.lines.get(path), severity=Severity.INFO,
                        params={"problem": note.message("zh"), "problem_en": note.message("en")})))
            self._org_cache[org_path] = parsed
        cached = self._org_cache[org_path]
        if isinstance(cached, Problem):
            reason = _problem_summary(cached)
            problems.append(Problem(ORGANIZATION_FILE,
                                    Hit(path="organization", line=line, params={"ref": ref, "reason": reason})))
            del doc.data["organization"]  # reported once here, not again as a wrong type
            return
        for problem in cached.problems:  # duplicate keys etc. inside the organisation file
            problems.append(Problem(problem.rule, _prefixed(problem.hit, "organization"), org_path))
        doc.data["organization"] = cached.data
        doc.sources["organization"] = org_path
        doc.source_lines.update({f"organization.{p}": n for p, n in cached.lines.items()})

    # ------------------------------------------------------------------ contents

    def _check_version(self, doc: Document) -> Iterator[Problem]:
        version = doc.data.get("tstd")
        if version != FORMAT_VERSION:
            yield Problem(FORMAT_VERSION_RULE, Hit(path="tstd", line=doc.lines.get("tstd", 1),
                                                   params={"found": "(缺失)" if version is None else version}))

    def _validate(self, doc: Document) -> Iterator[Problem]:
        for error in self._validator.iter_errors(doc.data):
            where = _dotted(error.absolute_path)
            if error.validator == "additionalProperties":
                known = error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
                instance = error.instance if isinstance(error.instance, dict) else {}
                for key in sorted(k for k in instance if k not in known):
                    path = f"{where}.{key}" if where else str(key)
                    hint = key_hint(key, path, error.schema, self._schema) if isinstance(error.schema, Mapping) \
                        else None
                    yield self._unknown_key(doc, key, path, hint)
            elif error.validator == "const" and where == "tstd":
                continue  # reported by _check_version with a better message
            elif error.validator == "required" and isinstance(error.instance, dict):
                # one problem per missing key, at the key's own path: a misspelled key's cascade folds under it
                for name in error.validator_value:
                    if name not in error.instance:
                        path = f"{where}.{name}" if where else str(name)
                        yield self._problem(doc, WRONG_VALUE, path, {
                            "problem": f"缺少必需的键“{name}”", "problem_en": f"the required key `{name}` is missing"})
            else:
                zh, en = _explain(error)
                problem = self._problem(doc, WRONG_VALUE, where, {"problem": zh, "problem_en": en})
                if error.validator in ("type", "oneOf", "anyOf") and where:  # rules reading it would misread it
                    problem = Problem(problem.rule, replace(problem.hit, data={CAUSE_OF: where}), problem.source)
                yield problem

    def _unknown_key(self, doc: Document, key: str, path: str, hint: KeyHint | None) -> Problem:
        """An unknown key, with what was probably meant; ``intended_path`` (when that key is absent) lets the
        run fold the "missing …" findings the slip causes under this one (tstd.run)."""
        params: dict[str, Any] = {"key": key}
        data: dict[str, Any] = {}
        if hint is None:
            params["hint"] = f"未知的键“{key}”（拼写错误？声明格式 v1 中没有此字段）"
            params["hint_en"] = f"Unknown key '{key}' (a typo? format v1 has no such field)"
        else:
            params["hint"], params["hint_en"] = hint.message("zh"), hint.message("en")
            intended = hint.intended_path.replace("[]", "")
            if get_path(doc.data, intended) is None:
                data[CAUSE_OF] = intended
        source, line = doc.locate(path)
        return Problem(UNKNOWN_KEY, Hit(path=path, line=line, params=params, severity=Severity.WARNING, data=data),
                       source)

    @staticmethod
    def _problem(doc: Document, rule: str, path: str, params: dict[str, Any],
                 severity: Severity | None = None) -> Problem:
        source, line = doc.locate(path)
        return Problem(rule, Hit(path=path, line=line, params=params, severity=severity), source)


# ---------------------------------------------------------------------- YAML


class _NodeLoader(TextKeyLoader):
    """The libyaml-backed safe loader (mapping keys always text); we walk its node tree for lines and duplicate
    keys, within the limits of tstd.limits, building the data in the same pass (:func:`_build`)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        # libyaml calls back here for every node: the same answer as PyYAML's resolver (the safe loader has
        # no path resolvers), from a table per first character built once instead of lists joined per call.
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], _IMPLICIT_ANY):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


def _implicit_table() -> tuple[dict[str, tuple[tuple[str, Any], ...]], tuple[tuple[str, Any], ...]]:
    resolvers = TextKeyLoader.yaml_implicit_resolvers
    if TextKeyLoader.yaml_path_resolvers:  # never for the safe loader; PyYAML's order would change
        raise RuntimeError("path resolvers are not supported by the declaration loader")
    wildcard = tuple(resolvers.get(None, []))
    return {first: tuple(pairs) + wildcard for first, pairs in resolvers.items() if first is not None}, wildcard


_IMPLICIT, _IMPLICIT_ANY = _implicit_table()


class LimitExceeded(Exception):
    """The input is beyond a processing limit (tstd.limits): ``what`` in Chinese and English, ``limit``."""

    def __init__(self, what: str, what_en: str, limit: int, line: int | None = None) -> None:
        super().__init__(what_en)
        self.what, self.what_en, self.limit, self.line = what, what_en, limit, line

    def problem(self) -> Problem:
        return Problem(BEYOND_LIMITS, Hit(line=self.line, params={"what": self.what, "what_en": self.what_en,
                                                                  "limit": self.limit}))


_CONSTRUCT_ERRORS = (yaml.YAMLError, *CONSTRUCT_ERRORS)  # `!!bool maybe` → KeyError, etc. (tstd.safeyaml)


class _Unusable(yaml.MarkedYAMLError):
    """A construct the loader refuses itself (an odd tag, a list used as a key): its own message, never a
    guessed typing slip."""

    def __init__(self, zh: str, en: str, mark: Any) -> None:
        super().__init__(None, None, en, mark)
        self.zh, self.en = zh, en


def _parse_yaml(text: str) -> _Parsed | Problem:
    # An impossible date (2025-02-30) makes the YAML loader fail for the whole file: quote it, report it at
    # its line, and check the rest.
    quoted, bad_dates = quote_impossible_dates(text)
    loader = _NodeLoader(quoted)
    try:
        node = loader.get_single_node()
        if node is None:
            return Problem(EMPTY, Hit())
        lines: dict[str, int] = {}
        problems: list[Problem] = []
        built = _build(loader, node, lines) if "&" not in quoted else _SLOW  # no anchor: no alias, no bomb
        if built is not _SLOW:
            data = built
        else:  # aliases, merge keys, duplicate keys, limits, odd values: walk, then construct (PyYAML)
            lines.clear()
            numeric_text: dict[str, str] = {}
            _walk(node, "", lines, problems, numeric_text, _Budget())
            data = loader.construct_document(node)
            for path, raw in numeric_text.items():
                _set_path(data, path, raw)
    except LimitExceeded as exc:
        return exc.problem()
    except RecursionError:  # the walk bounds depth first; this is a last line of defence
        return LimitExceeded("嵌套层数", "nesting depth", limits.MAX_DEPTH).problem()
    except _Unusable as exc:
        return _own_syntax_problem(exc, text)
    except yaml.YAMLError as exc:
        return _syntax_problem(exc, text, "YAML")
    except _CONSTRUCT_ERRORS as exc:  # e.g. `!!bool maybe`, an odd `!!timestamp`
        reason = f"{type(exc).__name__}: {exc}" if isinstance(exc, (KeyError, AttributeError)) else str(exc)
        return Problem(SYNTAX, Hit(params={"reason": f"YAML 中有无法读取的值（{reason}）",
                                           "reason_en": f"YAML holds a value that cannot be read ({reason})",
                                           "format": "YAML"}))
    finally:
        loader.dispose()
    for bad in bad_dates:
        at_line = [p for p, n in lines.items() if n == bad.line]
        path = max(at_line, key=len) if at_line else ""
        problems.append(Problem(WRONG_VALUE, Hit(path=path, line=bad.line, column=bad.column,
                                                 params={"problem": bad.message("zh"), "problem_en": bad.message("en")},
                                                 data={CAUSE_OF: path} if path else {})))
    return _Parsed(data, lines, problems)


def _syntax_problem(exc: BaseException, text: str, fmt: str) -> Problem:
    """A parser error as a located message a clerk can act on (tstd.inputs.syntax_help), in both languages."""
    zh, en = explain(exc, text, fmt, "zh"), explain(exc, text, fmt, "en")
    return Problem(SYNTAX, Hit(line=zh.line, column=zh.column,
                               params={"reason": zh.render("zh"), "reason_en": en.render("en"), "format": fmt}))


def _own_syntax_problem(exc: _Unusable, text: str) -> Problem:
    mark = exc.problem_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    source = text.splitlines()[line - 1] if line is not None and line <= len(text.splitlines()) else ""
    zh = SyntaxHelp(line, column, exc.zh, "", source, "YAML")
    en = SyntaxHelp(line, column, exc.en, "", source, "YAML")
    return Problem(SYNTAX, Hit(line=line, column=column,
                               params={"reason": zh.render("zh"), "reason_en": en.render("en"), "format": "YAML"}))


# Identifier fields that YAML would turn into numbers when written unquoted: `ics: 67.060` must stay
# "67.060", not the float 67.06; `clause: 5.10` must stay "5.10".
_TEXT_FIELDS = re.compile(
    r"^(standard\.(ics(\[\d+\])?|ccs|industry|number|replaces(\[\d+\])?|release_document\.number"
    r"|normative_references\[\d+\]|requirements\[\d+\]\.clause|patents\.items\[\d+\]\.number)"
    r"|organization\.(code|uscc))$"
)
_NUMERIC_TAGS = ("tag:yaml.org,2002:float", "tag:yaml.org,2002:int")
_PLAIN_TAGS = PLAIN_TAGS


@dataclass
class _Budget:
    """Nodes left to visit: aliases are visited once per use, so an alias bomb runs out of budget long
    before it runs out of memory (and a recursive alias, which nests without end, out of depth)."""

    nodes: int = limits.MAX_NODES


def _walk(node: yaml.Node, prefix: str, lines: dict[str, int], problems: list[Problem],
          numeric_text: dict[str, str], budget: _Budget, depth: int = 0) -> None:
    budget.nodes -= 1
    line = node.start_mark.line + 1
    if budget.nodes < 0:
        raise LimitExceeded("节点数（含别名展开）", "node count (aliases expanded)", limits.MAX_NODES, line)
    if depth > limits.MAX_DEPTH:
        raise LimitExceeded("嵌套层数", "nesting depth", limits.MAX_DEPTH, line)
    if node.tag not in _PLAIN_TAGS:  # !!binary, !!set, !!omap …: values no declaration field can hold
        raise _Unusable(f"不支持的标签 {node.tag}：声明中只能有文本、数字、日期、是/否（true/false）、列表和映射",
                        f"unsupported tag {node.tag!r}: declarations hold text, numbers, dates, true/false, lists "
                        "and mappings only", node.start_mark)
    if isinstance(node, yaml.ScalarNode):
        if node.tag in _NUMERIC_TAGS and _TEXT_FIELDS.match(prefix):
            numeric_text[prefix] = node.value
    elif isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Unusable("键不能是列表或映射", "a list or mapping used as a key", key_node.start_mark)
            key = str(key_node.value)
            if len(key) > limits.MAX_KEY_CHARS:
                raise LimitExceeded("键长", "key length", limits.MAX_KEY_CHARS, line)
            path = f"{prefix}.{key}" if prefix else key
            if key in seen and key != "<<":
                problems.append(Problem(DUPLICATE_KEY, Hit(path=path, line=line,
                                                           params={"key": key, "first": seen[key]})))
            seen.setdefault(key, line)
            lines.setdefault(path, line)
            _walk(value_node, path, lines, problems, numeric_text, budget, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            path = f"{prefix}[{i}]"
            lines[path] = item.start_mark.line + 1
            _walk(item, path, lines, problems, numeric_text, budget, depth + 1)


_SLOW = object()  # _build's answer when the file needs the general walk
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null", "timestamp"))


class _Slow(Exception):
    """Raised inside :func:`_build`: this file needs the general walk (it reports or handles the case)."""


def _build(loader: _NodeLoader, root: yaml.Node, lines: dict[str, int]) -> Any:
    """The data of a node tree without anchors, and the line of every key and list item, in one pass.

    The common declaration — no alias, merge key, duplicate key, odd tag or limit reached — is built here
    directly (the walk plus PyYAML's generic construction cost as much again as libyaml's parse). Anything
    else returns :data:`_SLOW` and the file goes through :func:`_walk` and ``construct_document``, which
    report it; both give the same data and lines for every file this function accepts (tests compare them).
    """
    constructors = loader.yaml_constructors
    nodes = limits.MAX_NODES

    def build(node: yaml.Node, prefix: str, depth: int) -> Any:
        nonlocal nodes
        nodes -= 1
        if nodes < 0 or depth > limits.MAX_DEPTH:
            raise _Slow
        tag = node.tag
        if type(node) is yaml.ScalarNode:
            if tag == _STR_TAG:
                return node.value
            if tag not in _SCALAR_TAGS:  # !!seq on a scalar, !!binary …: the general path reports it
                raise _Slow
            if tag in _NUMERIC_TAGS and _TEXT_FIELDS.match(prefix):
                return node.value  # an identifier written as a number keeps its text (67.060)
            return constructors[tag](loader, node)
        if type(node) is yaml.MappingNode and tag == _MAP_TAG:
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not yaml.ScalarNode or key_node.tag == _MERGE_TAG:
                    raise _Slow
                key = str(key_node.value)
                if key in out or len(key) > limits.MAX_KEY_CHARS:
                    raise _Slow
                path = f"{prefix}.{key}" if prefix else key
                if path not in lines:
                    lines[path] = key_node.start_mark.line + 1
                out[key] = build(value_node, path, depth + 1)
            return out
        if type(node) is yaml.SequenceNode and tag == _SEQ_TAG:
            items = []
            for i, item in enumerate(node.value):
                path = f"{prefix}[{i}]"
                lines[path] = item.start_mark.line + 1
                items.append(build(item, path, depth + 1))
            return items
        raise _Slow

    try:
        return build(root, "", 0)
    except (_Slow, yaml.YAMLError, *CONSTRUCT_ERRORS):
        return _SLOW


def _set_path(data: Any, path: str, value: Any) -> None:
    """Put the text of a number back where the walk saw it; a path that a duplicate key or a merge key
    (``<<``) made disappear from the constructed data is left alone (the duplicate is reported)."""
    steps = split_path(path)
    node = data
    try:
        for step in steps[:-1]:
            node = node[step]
        last = steps[-1]
        present = last in node if isinstance(node, dict) else isinstance(last, int) and last < len(node)
        if present:
            node[last] = value
    except (KeyError, IndexError, TypeError):
        return


# ---------------------------------------------------------------------- JSON


def _parse_json(text: str) -> _Parsed | Problem:
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                duplicates.append(key)
            out[key] = value
        return out

    def integer(digits: str) -> int:
        if len(digits.lstrip("-")) > limits.MAX_INT_DIGITS:
            raise LimitExceeded("整数位数", "integer digits", limits.MAX_INT_DIGITS)
        return int(digits)

    def constant(name: str) -> float:  # NaN and Infinity are not JSON; Python accepts them by default
        raise json.JSONDecodeError(f"{name} is not valid JSON", text, 0)

    try:
        depth = json_depth(text)
        if depth > limits.MAX_DEPTH:  # checked before parsing: the C parser recurses per level
            raise LimitExceeded("嵌套层数", "nesting depth", limits.MAX_DEPTH)
        data = json.loads(text, object_pairs_hook=pairs, parse_int=integer, parse_constant=constant)
        count_nodes(data)
    except LimitExceeded as exc:
        return exc.problem()
    except json.JSONDecodeError as exc:
        return _syntax_problem(exc, text, "JSON")
    except (ValueError, RecursionError) as exc:  # e.g. a float beyond range; depth is bounded above
        return Problem(SYNTAX, Hit(params={"reason": f"JSON 中有无法读取的值（{exc}）",
                                           "reason_en": f"JSON holds a value that cannot be read ({exc})",
                                           "format": "JSON"}))
    lines = json_lines(text)  # json gives no positions: every field's line, as YAML gets them
    # the pairs hook does not know where in the document a duplicate sits: no path rather than a wrong one
    problems = [Problem(DUPLICATE_KEY, Hit(params={"key": key, "first": "?"})) for key in duplicates]
    return _Parsed(data, lines, problems)


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def json_depth(text: str) -> int:
    """The deepest bracket nesting of JSON text, in linear time (brackets inside strings do not count)."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(_JSON_STRING.sub("", text)):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def count_nodes(data: Any) -> None:
    """Refuse JSON with more values than a declaration could need (JSON has no aliases: this is size)."""
    seen = 0
    stack = [data]
    while stack:
        node = stack.pop()
        seen += 1
        if seen > limits.MAX_NODES:
            raise LimitExceeded("节点数", "node count", limits.MAX_NODES)
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


# ---------------------------------------------------------------------- helpers


def _encoding_notes(decoded: DecodedText) -> list[Problem]:
    if decoded.is_legacy:
        return [Problem(LEGACY_ENCODING, Hit(params={"encoding": "GB18030/GBK"}))]
    return []


def _confine_references(data: dict[str, Any], lines: dict[str, int], referrer: Path,
                        fields: tuple[str, ...]) -> list[Problem]:
    """Refuse file names in ``fields`` of ``data`` that leave the submission (see tstd.safety); a refused
    name is removed from the data so that no later layer follows it."""
    out: list[Problem] = []
    for field_path in fields:
        ref = get_path(data, field_path)
        if not isinstance(ref, str):
            continue
        _target, refused = confine(referrer, ref)
        if not refused:
            continue
        parent_path, _, key = field_path.rpartition(".")
        parent = get_path(data, parent_path)
        if isinstance(parent, dict):
            parent.pop(key, None)
        line = lines.get(field_path) or lines.get(parent_path)
        out.append(Problem(OUTSIDE_SUBMISSION, Hit(path=field_path, line=line,
                                                    params={"ref": ref, "reason": refused})))
    return out


def _confine_sibling(doc: Document) -> list[Problem]:
    """A same-stem PDF/DOCX next to the declaration is read with it unless it names a file: refuse one that
    leaves the submission (a symbolic link out, a FIFO) like any other reference."""
    if doc.get("standard.full_text.file"):
        return []
    from tstd.pdf.document import refused_sibling  # the PDF layer owns the sibling convention

    refused = refused_sibling(doc.path)
    if refused is None:
        return []
    name, reason = refused
    return [Problem(OUTSIDE_SUBMISSION, Hit(path="standard.full_text", line=doc.lines.get("standard"),
                                             params={"ref": name, "reason": reason}))]


def _below(lines: dict[str, int], prefix: str) -> dict[str, int]:
    return {p[len(prefix) + 1:]: n for p, n in lines.items() if p.startswith(prefix + ".")}


def _prefixed_problem(problem: Problem, prefix: str) -> Problem:
    return Problem(problem.rule, _prefixed(problem.hit, prefix), problem.source)


def _prefixed(hit: Hit, prefix: str) -> Hit:
    path = f"{prefix}.{hit.path}" if hit.path else prefix
    return Hit(path=path, params=hit.params, severity=hit.severity, line=hit.line, column=hit.column)


def _problem_summary(problem: Problem) -> str:
    where = f"第 {problem.hit.line} 行: " if problem.hit.line else ""
    detail = problem.hit.params.get("reason") or problem.hit.params.get("found") or ""
    return f"{problem.rule} {where}{detail}".strip()


def _dotted(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _type_name(value: Any) -> str:
    for name, types in (("null", type(None)), ("boolean", bool), ("integer", int), ("number", float),
                        ("string", str), ("array", list), ("object", dict)):
        if isinstance(value, types):
            return _TYPE_ZH[name]
    return type(value).__name__


def _explain(error: Any) -> tuple[str, str]:
    """A short explanation of a schema violation: (Chinese, English)."""
    value: Any = error.instance
    rule: Any = error.validator_value
    schema: Any = error.schema
    if error.validator == "type":
        specific = type_message(value, rule, "zh")  # 3人, 30天, 大概 for a yes/no, "-item" without a space
        if specific is not None:
            return specific, type_message(value, rule, "en") or specific
        expected = rule if isinstance(rule, list) else [rule]
        names = "或".join(_TYPE_ZH.get(str(t), str(t)) for t in expected)
        return (f"应为{names}，实际为{_type_name(value)} `{_short(value)}`",
                f"expected {' or '.join(str(t) for t in expected)}, found `{_short(value)}`")
    if error.validator == "enum":
        allowed = " | ".join(str(v) for v in rule)
        return f"取值 `{_short(value)}` 不在允许范围内：{allowed}", f"`{_short(value)}` is not one of: {allowed}"
    if error.validator in ("minimum", "exclusiveMinimum"):
        return f"取值 {value} 小于允许的最小值 {rule}", f"{value} is below the minimum {rule}"
    if error.validator == "pattern":
        return f"`{_short(value)}` 格式不正确 (pattern {rule})", f"`{_short(value)}` is malformed (pattern {rule})"
    if error.validator in ("oneOf", "anyOf"):
        description = str(schema.get("description", "")) if isinstance(schema, Mapping) else ""
        zh_name, _, en_name = description.partition(" / ")
        specific = type_message(value, sorted(_schema_types(schema)), "zh")
        if specific is not None:
            return specific, type_message(value, sorted(_schema_types(schema)), "en") or specific
        return (f"`{_short(value)}` 的类型不符合要求：{zh_name}".rstrip("："),
                f"`{_short(value)}` has the wrong type: {en_name or zh_name}".rstrip(": "))
    return str(error.message), str(error.message)


def _schema_types(schema: Any) -> set[str]:
    """The JSON types a oneOf/anyOf schema node accepts (for :func:`type_message`)."""
    found: set[str] = set()
    if not isinstance(schema, Mapping):
        return found
    for part in (*schema.get("oneOf", []), *schema.get("anyOf", [])):
        if isinstance(part, Mapping) and isinstance(part.get("type"), str):
            found.add(part["type"])
    return found


def _short(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
