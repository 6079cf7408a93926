"""A fast yes/no check of data against a JSON Schema, and a validator that uses it.

Full jsonschema validation costs about as much as parsing the YAML itself, and validating every rule of
every pack at start-up cost a third of a second. Nearly all inputs are valid, so we first run this
compiled check over the common subset of JSON Schema; only when it says "invalid" (or the schema uses a
keyword it does not know) does jsonschema run, for located, explained errors. Both must agree on
validity: tests compare them. jsonschema itself is imported only when it is needed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

Check = Callable[[Any], bool]

_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, (str, dt.date)),  # YAML dates count as strings (see the loader)
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}
# Annotations only: jsonschema does not assert them either (no format checker is configured).
_IGNORED = {"description", "$comment", "title", "$schema", "$id", "$defs", "default", "examples", "format",
            "deprecated", "readOnly", "writeOnly"}


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not handle; use jsonschema only."""


def _number(v: Any) -> float | None:
    return v if _TYPES["number"](v) else None


def _length(v: Any) -> int | None:
    return len(v) if isinstance(v, str) else None


def _size(v: Any) -> int | None:
    return len(v) if isinstance(v, list) else None


_BOUNDS: dict[str, tuple[Callable[[Any, Any], bool], Callable[[Any], Any]]] = {
    "minimum": (lambda m, r: m >= r, _number),
    "maximum": (lambda m, r: m <= r, _number),
    "exclusiveMinimum": (lambda m, r: m > r, _number),
    "exclusiveMaximum": (lambda m, r: m < r, _number),
    "minLength": (lambda m, r: m >= r, _length),
    "maxLength": (lambda m, r: m <= r, _length),
    "minItems": (lambda m, r: m >= r, _size),
    "maxItems": (lambda m, r: m <= r, _size),
    "minProperties": (lambda m, r: m >= r, lambda v: len(v) if isinstance(v, dict) else None),
    "maxProperties": (lambda m, r: m <= r, lambda v: len(v) if isinstance(v, dict) else None),
}


class SchemaValidator:
    """Validate with the compiled check first and jsonschema only to explain a failure."""

    def __init__(self, schema: Mapping[str, Any], *, dates_are_strings: bool = False) -> None:
        self.schema = schema
        self._dates = dates_are_strings
        try:
            self._quick: Check | None = compile_schema(schema)
        except Unsupported:
            self._quick = None
        self._full: Any = None

    def is_valid(self, data: Any) -> bool:
        if self._quick is not None:
            return self._quick(data)
        return bool(self.full.is_valid(data))

    @property
    def full(self) -> Any:
        """The jsonschema validator (Draft 2020-12), built on first use."""
        if self._full is None:
            import jsonschema

            base = jsonschema.Draft202012Validator
            cls = base
            if self._dates:  # a YAML date counts as a string (dates may be written either way)
                checker = base.TYPE_CHECKER.redefine("string", lambda _c, v: isinstance(v, (str, dt.date)))
                cls = jsonschema.validators.extend(base, type_checker=checker)  # type: ignore[no-untyped-call]
            self._full = cls(self.schema)
        return self._full

    def best_error(self, data: Any) -> Any:
        """None when valid, else jsonschema's most relevant ValidationError."""
        if self.is_valid(data):
            return None
        import jsonschema

        return jsonschema.exceptions.best_match(self.full.iter_errors(data))

    def iter_errors(self, data: Any) -> Any:
        """Every ValidationError (none, cheaply, when valid)."""
        if self.is_valid(data):
            return iter(())
        return self.full.iter_errors(data)


def compile_schema(schema: Mapping[str, Any], root: Mapping[str, Any] | None = None,
                   refs: dict[str, Check | None] | None = None) -> Check:
    """Compile ``schema`` into a function returning True when a value is valid.

    ``refs`` holds the compiled ``$defs`` so that recursive schemas (a condition made of conditions)
    compile once and refer to themselves.
    """
    root = root or schema
    refs = {} if refs is None else refs
    keys = [key for key in schema if key not in _IGNORED]
    if "properties" in schema and "additionalProperties" in schema and "patternProperties" not in schema:
        # one pass over the object's keys for both keywords (every declaration crosses ~30 such objects)
        keys = [key for key in keys if key != "additionalProperties"]
    return _all_of([_keyword(key, schema[key], schema, root, refs) for key in keys])


def _all_of(checks: list[Check]) -> Check:
    """One check that holds when every one of ``checks`` does (plain calls: no generator per value)."""
    if not checks:
        return lambda _v: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)

    def check(value: Any) -> bool:
        for c in checks:  # noqa: SIM110 — a generator per value is what this avoids
            if not c(value):
                return False
        return True

    return check


def _object(props: dict[str, Check], extra: Check | None) -> Check:
    """``properties`` (and ``additionalProperties`` unless ``extra`` is None, meaning any) in one pass."""

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        for key, item in value.items():
            test = props.get(key)
            if test is None:
                if extra is not None and not extra(item):
                    return False
            elif not test(item):
                return False
        return True

    return check


def _keyword(key: str, rule: Any, schema: Mapping[str, Any], root: Mapping[str, Any],
             refs: dict[str, Check | None]) -> Check:
    """One keyword of a schema as a check (closures keep the compiled parts)."""

    def sub(part: Mapping[str, Any]) -> Check:
        return compile_schema(part, root, refs)

    if key == "type":
        tests = [_TYPES[n] for n in (rule if isinstance(rule, list) else [rule])]
        if len(tests) == 1:
            return tests[0]
        return lambda v: any(t(v) for t in tests)
    if key == "const":
        return lambda v: bool(v == rule and type(v) is type(rule))
    if key == "enum":
        allowed = list(rule)
        return lambda v: v in allowed
    if key in _BOUNDS:
        test, measure = _BOUNDS[key]
        return lambda v: (m := measure(v)) is None or test(m, rule)
    if key == "pattern":
        regex = re.compile(rule)
        return lambda v: not isinstance(v, str) or regex.search(v) is not None
    if key == "patternProperties":
        compiled = [(re.compile(p), sub(part)) for p, part in rule.items()]
        return lambda v: not isinstance(v, dict) or all(
            check(v[k]) for k in v for regex, check in compiled if regex.search(k))
    if key == "propertyNames":
        names_check = sub(rule)
        return lambda v: not isinstance(v, dict) or all(names_check(k) for k in v)
    if key == "anyOf":
        any_of = [sub(part) for part in rule]
        return lambda v: any(o(v) for o in any_of)
    if key == "allOf":
        all_of = [sub(part) for part in rule]
        return lambda v: all(o(v) for o in all_of)
    if key == "not":
        negated = sub(rule)
        return lambda v: not negated(v)
    if key == "properties":
        props = {name: sub(part) for name, part in rule.items()}
        if "additionalProperties" in schema and "patternProperties" not in schema:  # see compile_schema
            more = schema["additionalProperties"]
            extra: Check | None = (lambda _v: False) if more is False else sub(more) if isinstance(more, Mapping) \
                else None
            return _object(props, extra)
        return _object(props, None)
    if key == "additionalProperties":
        known = set(schema.get("properties", {}))
        patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
        rest: Check = (lambda _v: False) if rule is False else sub(rule) if isinstance(rule, Mapping) \
            else (lambda _v: True)
        return lambda v: not isinstance(v, dict) or all(
            rest(v[k]) for k in v if k not in known and not any(p.search(k) for p in patterns))
    if key == "required":
        names = list(rule)
        return lambda v: not isinstance(v, dict) or all(n in v for n in names)
    if key == "items":
        item = sub(rule)

        def items(value: Any) -> bool:
            if isinstance(value, list):
                for x in value:
                    if not item(x):
                        return False
            return True

        return items
    if key == "oneOf":
        options = [sub(part) for part in rule]
        return lambda v: sum(1 for o in options if o(v)) == 1
    if key == "$ref" and isinstance(rule, str) and rule.startswith("#/$defs/"):
        name = rule.removeprefix("#/$defs/")
        if name not in refs:
            refs[name] = None  # a placeholder: a recursive reference compiles to a lookup
            refs[name] = sub(root["$defs"][name])
        return lambda v: refs[name](v)  # type: ignore[misc]
    raise Unsupported(key)


# ---------------------------------------------------------------------------------------------------------
# Messages a clerk can act on: the root cause of a schema failure, said in Chinese (English with lang="en").
#
# A misspelled (`standrad:`), Chinese-named (`团体:`) or misplaced (`consultation:` under `standard`) key is
# the cause of every "缺少 …" that follows it, so the loader reports the key with the key that was meant and
# folds the cascade under it (:func:`fold_cascade`). Yes/no written in Chinese (`compliance_statement: 是`)
# is understood with a note (:func:`coerce_booleans`) — never read as its opposite — and a unit typed into
# a number (`staff: 3人`) is one type problem that says which number to write (:func:`type_message`).
# ---------------------------------------------------------------------------------------------------------

# The Chinese names a clerk types for keys, beyond those the schema's descriptions give (the part before
# " / " of every property's description is also accepted, see :func:`_aliases`).
CHINESE_KEYS: dict[str, str] = {
    "格式版本": "tstd", "版本": "tstd",
    "团体": "organization", "社会团体": "organization", "社团": "organization", "组织": "organization",
    "协会": "organization", "学会": "organization", "团体信息": "organization",
    "标准": "standard", "团体标准": "standard", "标准信息": "standard",
    "程序": "process", "制定程序": "process", "制修订程序": "process",
    "名称": "name", "团体名称": "name", "英文名称": "name_en", "代号": "code", "团体代号": "code",
    "统一社会信用代码": "uscc", "信用代码": "uscc", "登记管理机关": "registration_authority",
    "业务主管单位": "supervising_body", "收费": "fees", "收费项目": "fees", "通知": "notices",
    "编号": "number", "标准编号": "number", "标题": "title", "标准名称": "title", "中文名称": "title",
    "英文标题": "title_en", "状态": "status", "发布日期": "publish_date", "实施日期": "implement_date",
    "废止日期": "abolish_date", "代替": "replaces", "代替标准": "replaces", "发布公告": "release_document",
    "发布文件": "release_document", "文号": "number", "日期": "date", "网址": "url", "链接": "url",
    "文件": "file", "范围": "scope", "主要技术内容": "main_technical_content",
    "规范性引用文件": "normative_references", "引用标准": "normative_references",
    "技术要求": "requirements", "专利": "patents", "专利信息": "patents", "起草单位": "drafting_units",
    "起草人": "drafters", "全文": "full_text", "标准文本": "full_text", "采用国际标准": "adopts",
    "消费者权益": "consumer_related", "合规声明": "compliance_statement", "自我声明": "compliance_statement",
    "合规性声明": "compliance_statement", "提案": "proposal", "立项": "approval", "征求意见": "consultation",
    "技术审查": "technical_review", "审查": "technical_review", "批准": "decision", "复审": "reviews",
    "参与方": "stakeholders", "利益相关方": "stakeholders", "开始日期": "start", "截止日期": "end",
    "结束日期": "end", "是否公开": "public", "公开": "public", "渠道": "channel",
}
YES_WORDS = frozenset({"是", "有", "对", "是的", "对的", "真", "已", "已公开", "已声明", "涉及", "√", "✓",
                       "yes", "y", "true", "on"})
NO_WORDS = frozenset({"否", "无", "没有", "不", "不是", "非", "未", "不涉及", "×", "✗", "no", "n", "false", "off"})
_NUMBER_WITH_UNIT = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*([^\d\s.,，。].*?)\s*$")


def _words(value: str) -> str:
    """A short value as compared with the tables: NFKC (full-width letters), no spaces, lower case."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", value).split()).lower()


def yes_no(value: Any) -> bool | None:
    """True/False for a yes/no written in words (是/否/有/无/对/yes/no …); None when it is not one."""
    if not isinstance(value, str):
        return None
    word = _words(value)
    return True if word in YES_WORDS else False if word in NO_WORDS else None


def number_with_unit(value: Any) -> tuple[float | int, str] | None:
    """``"3人"`` → ``(3, "人")``, ``"30 天"`` → ``(30, "天")``; None when the text is not a number + unit."""
    if not isinstance(value, str):
        return None
    match = _NUMBER_WITH_UNIT.match(_words_keep_case(value))
    if match is None:
        return None
    text = match.group(1)
    number: float | int = float(text) if "." in text else int(text)
    return number, match.group(2)


def _words_keep_case(value: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", value)


def _resolve(node: Any, root: Mapping[str, Any]) -> Mapping[str, Any]:
    """A schema node with a local ``$ref`` followed (one level, as the declaration schema uses them)."""
    if isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/$defs/"):
        target = root.get("$defs", {}).get(node["$ref"].removeprefix("#/$defs/"), {})
        return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node if isinstance(node, Mapping) else {}


def _types(node: Mapping[str, Any], root: Mapping[str, Any]) -> set[str]:
    """Every JSON type a schema node accepts (through ``anyOf``/``oneOf`` too)."""
    node = _resolve(node, root)
    found = set(node["type"] if isinstance(node.get("type"), list) else [node["type"]]) if "type" in node else set()
    for key in ("anyOf", "oneOf"):
        for part in node.get(key, []):
            found |= _types(part, root)
    return found


def _chinese_name(node: Mapping[str, Any]) -> str:
    """The Chinese name a property's description gives (before " / ", without bracketed notes)."""
    text = str(node.get("description", "")).split(" / ")[0]
    return re.sub(r"\s*[（(][^（）()]*[)）]\s*$", "", text).split("，")[0].strip()


def _aliases(properties: Mapping[str, Any], root: Mapping[str, Any]) -> dict[str, str]:
    """Chinese name → key for the keys of one object: from the descriptions, then the table."""
    out: dict[str, str] = {}
    for key, node in properties.items():
        name = _chinese_name(_resolve(node, root))
        for part in re.split(r"[/、]", name):
            if part:
                out.setdefault(_words(part), key)
    for word, key in CHINESE_KEYS.items():
        if key in properties:
            out.setdefault(_words(word), key)
    return out


@dataclass(frozen=True)
class KeyHint:
    """What an unknown key probably is: ``kind`` is chinese (a Chinese name for ``meant``), spelling
    (close to ``meant``) or misplaced (``meant`` is the full path where the key belongs)."""

    key: str
    path: str
    kind: str
    meant: str
    name: str  # the Chinese name of the meant key, from the schema

    @property
    def intended_path(self) -> str:
        """The path the clerk meant to write: where the cascade of "missing" findings will point."""
        if self.kind == "misplaced":
            return self.meant
        parent = self.path.rpartition(".")[0]
        return f"{parent}.{self.meant}" if parent else self.meant

    def message(self, lang: str = "zh") -> str:
        """The finding's text."""
        named = f"（{self.name}）" if self.name else ""
        if self.kind == "fullwidth-space":
            if lang == "en":
                return f"the key `{self.key}` starts with full-width spaces: indent with ordinary spaces"
            return f"键「{self.key}」前有全角空格“　”：请删去，改用半角空格缩进（{self.meant} 才会被识别）"
        if lang == "en":
            if self.kind == "misplaced":
                return f"`{self.key}` does not belong here ({self.path}); it belongs at {self.meant}"
            if self.kind == "chinese":
                return f"keys are written in English: write `{self.meant}` instead of `{self.key}`"
            return f"unknown key `{self.key}`: did you mean `{self.meant}`?"
        if self.kind == "misplaced":
            return f"「{self.key}」不应写在此处（{self.path}），应移到 {self.meant}{named}下"
        if self.kind == "chinese":
            return f"键名须用英文：「{self.key}」应写作「{self.meant}」{named}"
        return f"未知的键「{self.key}」：是否应为「{self.meant}」{named}？"


def key_hint(key: str, path: str, object_schema: Mapping[str, Any], root: Mapping[str, Any]) -> KeyHint | None:
    """Explain the unknown ``key`` found at ``path`` in an object validated by ``object_schema``.

    Tried in order: a Chinese name of one of the object's keys; a spelling close to one (difflib); a key
    that belongs somewhere else in the schema (``consultation`` under ``standard`` → ``process.consultation``).
    """
    import difflib

    properties = _resolve(object_schema, root).get("properties", {})
    if not isinstance(properties, Mapping):
        return None
    word = _words(str(key))
    if "\u3000" in str(key) and str(key).strip(" \u3000") != str(key):
        # indented with an IME space: YAML kept the spaces in the key (and the level is wrong too)
        return KeyHint(str(key), path, "fullwidth-space", str(key).strip(" \u3000"), "")
    aliases = _aliases(properties, root)
    if word in aliases:
        meant = aliases[word]
        return KeyHint(str(key), path, "chinese", meant, _chinese_name(_resolve(properties[meant], root)))
    close = difflib.get_close_matches(word, list(properties), n=1, cutoff=0.75)
    if close:
        return KeyHint(str(key), path, "spelling", close[0], _chinese_name(_resolve(properties[close[0]], root)))
    elsewhere = [p for p in _paths_of(str(key), root) if p != path]
    if elsewhere:
        best = min(elsewhere, key=lambda p: (p.count("."), p))
        return KeyHint(str(key), path, "misplaced", best, _chinese_name(_schema_at(best, root)))
    return None


def _paths_of(key: str, root: Mapping[str, Any]) -> list[str]:
    """Every object path (without list indexes) at which the schema defines ``key``."""
    found: list[str] = []

    def walk(node: Any, path: str, depth: int) -> None:
        node = _resolve(node, root)
        if depth > 6:  # the declaration schema is shallow; recursive schemas must not loop
            return
        for name, child in node.get("properties", {}).items():
            child_path = f"{path}.{name}" if path else name
            if name == key:
                found.append(child_path)
            walk(child, child_path, depth + 1)
        if isinstance(node.get("items"), Mapping):
            walk(node["items"], f"{path}[]", depth + 1)

    walk(root, "", 0)
    return found


def _schema_at(path: str, root: Mapping[str, Any]) -> Mapping[str, Any]:
    node: Mapping[str, Any] = root
    for part in path.split("."):
        node = _resolve(node, root)
        name = part.removesuffix("[]")
        node = _resolve(node.get("properties", {}).get(name, {}), root)
        if part.endswith("[]"):
            node = _resolve(node.get("items", {}), root)
    return node


@dataclass(frozen=True)
class Coerced:
    """A yes/no written in words and read as a boolean: where, what was written, what it was read as."""

    path: str
    written: str
    value: bool

    def message(self, lang: str = "zh") -> str:
        word = "true" if self.value else "false"
        if lang == "en":
            return f"`{self.written}` read as {word}; write true or false"
        return f"「{self.written}」已按 {word}（{'是' if self.value else '否'}）理解；建议写作 {word}"


def coerce_booleans(data: Any, schema: Mapping[str, Any], root: Mapping[str, Any] | None = None,
                    path: str = "") -> list[Coerced]:
    """Replace, in place, yes/no words in fields whose schema is boolean by True/False; return what changed.

    Only fields that accept a boolean and no string are touched (a text field keeps "是"), and only the
    words of :data:`YES_WORDS`/:data:`NO_WORDS`: anything else stays as written and fails validation with
    :func:`type_message`'s "use true/false" — it is never read as the opposite of what was written.

    The schema is compiled once into a :class:`_Coercion` plan that visits only the subtrees holding a
    yes/no field (every declaration is coerced: interpreting the schema per file cost as much as validating).
    """
    plan = _coercion_plan(schema, root)
    changed: list[Coerced] = []
    if plan is not None:
        plan.apply(data, path, changed)
    return changed


@dataclass
class _Coercion:
    """Where yes/no fields lie below one schema node: ``keys`` maps a property to (boolean only, the plan
    below it or None); ``items`` is the plan of a list's items."""

    keys: dict[str, tuple[bool, _Coercion | None]]
    items: _Coercion | None = None

    def apply(self, data: Any, path: str, changed: list[Coerced]) -> None:
        if isinstance(data, dict):
            keys = self.keys
            for key in [k for k in data if k in keys]:  # data order, as the report lists them
                boolean, below = keys[key]
                child_path = f"{path}.{key}" if path else str(key)
                value = data[key]
                if boolean and (read := yes_no(value)) is not None:
                    data[key] = read
                    changed.append(Coerced(child_path, str(value), read))
                elif below is not None:
                    below.apply(value, child_path, changed)
        elif isinstance(data, list) and self.items is not None:
            for i, item in enumerate(data):
                self.items.apply(item, f"{path}[{i}]", changed)


_PLANS: dict[tuple[int, int], tuple[Mapping[str, Any], Mapping[str, Any], _Coercion | None]] = {}


def _coercion_plan(schema: Mapping[str, Any], root: Mapping[str, Any] | None) -> _Coercion | None:
    """The compiled plan of ``schema`` (None: no yes/no field anywhere below), built once per schema object."""
    root = root or schema
    key = (id(schema), id(root))
    cached = _PLANS.get(key)
    if cached is not None and cached[0] is schema and cached[1] is root:
        return cached[2]
    plan = _compile_coercion(schema, root, {})
    _PLANS[key] = (schema, root, plan)  # the schemas are kept alive with their plan: ids stay theirs
    return plan


def _compile_coercion(node: Any, root: Mapping[str, Any], memo: dict[int, _Coercion | None]) -> _Coercion | None:
    if id(node) in memo:  # a recursive schema refers to itself: reuse the plan being built
        return memo[id(node)]
    plan = _Coercion({})
    memo[id(node)] = plan
    resolved = _resolve(node, root)
    properties = resolved.get("properties", {})
    if isinstance(properties, Mapping):
        for name, child in properties.items():
            types = _types(child, root)
            boolean = "boolean" in types and "string" not in types
            below = _compile_coercion(child, root, memo)
            if boolean or below is not None:
                plan.keys[name] = (boolean, below)
    if isinstance(resolved.get("items"), Mapping):
        plan.items = _compile_coercion(resolved["items"], root, memo)
    if not plan.keys and plan.items is None:
        memo[id(node)] = None
        return None
    return plan


def type_message(value: Any, expected: Any, lang: str = "zh") -> str | None:
    """A specific message for the two commonest wrong types, or None to keep the generic one.

    ``expected`` is the schema's ``type`` (a name or a list of names).
    """
    names = set(expected if isinstance(expected, list) else [expected])
    if "array" in names and isinstance(value, str) and re.match(r"\s*-\S", value):
        # "-张三" lines: without the space YAML reads one text, not a list
        if lang == "en":
            return "list items need a space after the dash: write '- item' on each line"
        return "列表项的“-”后须加一个空格：请每行写作“- 内容”"
    if "boolean" in names and isinstance(value, str):
        if lang == "en":
            return f"`{value}` is not yes or no: write true or false"
        return f"「{value}」不是“是/否”：请写 true（是）或 false（否）"
    if names & {"integer", "number"} and (parsed := number_with_unit(value)) is not None:
        number, unit = parsed
        if "integer" in names and "number" not in names and isinstance(number, float):
            return None
        if lang == "en":
            return f"`{value}` should be a number without its unit: write {number}"
        return f"「{value}」应为数字，不带单位：请写作 {number}（单位“{unit}”不用填写）"
    return None


T = TypeVar("T")


def fold_cascade(items: list[T], hints: list[KeyHint], path_of: Callable[[T], str],
                 is_hint: Callable[[T], bool]) -> tuple[list[T], dict[str, list[T]]]:
    """Put the unknown-key problems first and fold the problems they cause under them.

    A problem is folded when its field path is the intended path of a hint or lies under it (``standrad:``
    → every "缺少 standard.…"). Returns the items to show (the hints' own items first) and, per intended
    path, the folded ones, so the caller can say "由此导致 N 项问题".
    """
    roots = [h.intended_path for h in hints]

    def root_of(path: str) -> str | None:
        bare = re.sub(r"\[\d+\]", "", path)
        return next((r for r in roots if bare == r or bare.startswith(r + ".") or bare.startswith(r + "[")), None)

    shown_first: list[T] = []
    shown: list[T] = []
    folded: dict[str, list[T]] = {}
    for item in items:
        if is_hint(item):
            shown_first.append(item)
        elif (root := root_of(path_of(item))) is not None:
            folded.setdefault(root, []).append(item)
        else:
            shown.append(item)
    return shown_first + shown, folded
