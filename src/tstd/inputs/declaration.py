"""Load a declaration (YAML or JSON) into a Document, or into input problems that explain why not.

The loader never raises for bad input: every problem becomes a :class:`Problem` naming an ``input`` rule of
the built-in ``input`` pack, with the file, field path and line where known. One loader is built per
process; it caches the compiled schema and organisation files shared by many declarations.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tstd import limits
from tstd.inputs.document import Document, get_path, split_path
from tstd.inputs.textfile import DEFAULT_MAX_BYTES, DecodedText, TextDecodeError, decode
from tstd.model import Hit, Severity
from tstd.resources import load_schema
from tstd.safety import ReadRefused, TooLarge, confine, read_capped
from tstd.safeyaml import CONSTRUCT_ERRORS, PLAIN_TAGS, TextKeyLoader
from tstd.validation import SchemaValidator

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
        if isinstance(doc.data.get("organization"), dict) and "organization" not in doc.sources:  # inline
            problems.extend(_prefixed_problem(p, "organization") for p in _confine_references(
                doc.data["organization"], _below(doc.lines, "organization"), doc.path, ORGANIZATION_FILE_REFERENCES))
        problems.extend(self._check_version(doc))
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
                    yield self._problem(doc, UNKNOWN_KEY, path, {"key": key}, Severity.WARNING)
            elif error.validator == "const" and where == "tstd":
                continue  # reported by _check_version with a better message
            else:
                yield self._problem(doc, WRONG_VALUE, where, {"problem": _explain(error)})

    @staticmethod
    def _problem(doc: Document, rule: str, path: str, params: dict[str, Any],
                 severity: Severity | None = None) -> Problem:
        source, line = doc.locate(path)
        return Problem(rule, Hit(path=path, line=line, params=params, severity=severity), source)


# ---------------------------------------------------------------------- YAML


class _NodeLoader(TextKeyLoader):
    """The libyaml-backed safe loader (mapping keys always text); we walk its node tree for lines and duplicate
    keys, within the limits of tstd.limits, before constructing the data."""


class LimitExceeded(Exception):
    """The input is beyond a processing limit (tstd.limits): ``what`` in Chinese and English, ``limit``."""

    def __init__(self, what: str, what_en: str, limit: int, line: int | None = None) -> None:
        super().__init__(what_en)
        self.what, self.what_en, self.limit, self.line = what, what_en, limit, line

    def problem(self) -> Problem:
        return Problem(BEYOND_LIMITS, Hit(line=self.line, params={"what": self.what, "what_en": self.what_en,
                                                                  "limit": self.limit}))


_CONSTRUCT_ERRORS = (yaml.YAMLError, *CONSTRUCT_ERRORS)  # `!!bool maybe` → KeyError, etc. (tstd.safeyaml)


def _parse_yaml(text: str) -> _Parsed | Problem:
    loader = _NodeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Problem(EMPTY, Hit())
        lines: dict[str, int] = {}
        problems: list[Problem] = []
        numeric_text: dict[str, str] = {}
        _walk(node, "", lines, problems, numeric_text, _Budget())
        data = loader.construct_document(node)
        for path, raw in numeric_text.items():
            _set_path(data, path, raw)
    except LimitExceeded as exc:
        return exc.problem()
    except RecursionError:  # the walk bounds depth first; this is a last line of defence
        return LimitExceeded("嵌套层数", "nesting depth", limits.MAX_DEPTH).problem()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        reason = " ".join(x for x in (exc.context, exc.problem) if x)
        return Problem(SYNTAX, Hit(line=line, column=column, params={"reason": reason, "format": "YAML"}))
    except _CONSTRUCT_ERRORS as exc:  # e.g. an invalid date such as 2024-02-30, `!!bool maybe`
        reason = f"{type(exc).__name__}: {exc}" if isinstance(exc, (KeyError, AttributeError)) else str(exc)
        return Problem(SYNTAX, Hit(params={"reason": reason, "format": "YAML"}))
    finally:
        loader.dispose()
    return _Parsed(data, lines, problems)


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
        raise yaml.MarkedYAMLError(None, None, f"unsupported tag {node.tag!r}", node.start_mark)
    if isinstance(node, yaml.ScalarNode):
        if node.tag in _NUMERIC_TAGS and _TEXT_FIELDS.match(prefix):
            numeric_text[prefix] = node.value
    elif isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.MarkedYAMLError("while constructing a mapping", node.start_mark,
                                           "found a list or mapping used as a key", key_node.start_mark)
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
        depth = _json_depth(text)
        if depth > limits.MAX_DEPTH:  # checked before parsing: the C parser recurses per level
            raise LimitExceeded("嵌套层数", "nesting depth", limits.MAX_DEPTH)
        data = json.loads(text, object_pairs_hook=pairs, parse_int=integer, parse_constant=constant)
        _count_nodes(data)
    except LimitExceeded as exc:
        return exc.problem()
    except json.JSONDecodeError as exc:
        return Problem(SYNTAX, Hit(line=exc.lineno, column=exc.colno, params={"reason": exc.msg, "format": "JSON"}))
    except (ValueError, RecursionError) as exc:  # e.g. a float beyond range; depth is bounded above
        return Problem(SYNTAX, Hit(params={"reason": str(exc), "format": "JSON"}))
    problems = [Problem(DUPLICATE_KEY, Hit(params={"key": key, "first": "?"})) for key in duplicates]
    return _Parsed(data, {}, problems)


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def _json_depth(text: str) -> int:
    """The deepest bracket nesting of JSON text, in linear time (brackets inside strings do not count)."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(_JSON_STRING.sub("", text)):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _count_nodes(data: Any) -> None:
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


def _explain(error: Any) -> str:
    """A short Chinese explanation of a schema violation, with the English one after it."""
    value: Any = error.instance
    rule: Any = error.validator_value
    schema: Any = error.schema
    if error.validator == "type":
        expected = rule if isinstance(rule, list) else [rule]
        names = "或".join(_TYPE_ZH.get(str(t), str(t)) for t in expected)
        return f"应为{names}，实际为{_type_name(value)} `{_short(value)}` (expected {rule})"
    if error.validator == "enum":
        allowed = " | ".join(str(v) for v in rule)
        return f"取值 `{_short(value)}` 不在允许范围内：{allowed}"
    if error.validator in ("minimum", "exclusiveMinimum"):
        return f"取值 {value} 小于允许的最小值 {rule}"
    if error.validator == "pattern":
        return f"`{_short(value)}` 格式不正确 (pattern {rule})"
    if error.validator in ("oneOf", "anyOf"):
        return f"`{_short(value)}` 的类型不符合要求：{schema.get('description', '')}".rstrip("：")
    if error.validator == "required":
        return f"缺少必需的键: {error.message}"
    return str(error.message)


def _short(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
