"""Fee kinds: ``fee_item`` (conditions over ``organization.fees[]``) and ``fee_text`` (the fee lexicon over
notices and other free text). Both compile their options once, in ``prepare``; see :mod:`tstd.fees`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from tstd.engine.context import Context
from tstd.engine.kinds import Hit, kind
from tstd.engine.kinds.basic import FIELD
from tstd.engine.values import as_date, display
from tstd.fees import demand as fee_demand
from tstd.fees import repeat
from tstd.fees.context import read as read_context
from tstd.fees.frames import FRAME_SCHEMA, REPORT_MIN, FrameRule, build_frame
from tstd.fees.gate import may_error
from tstd.fees.items import CONDITION_SCHEMA, FeeCondition, compile_condition, fee_items
from tstd.fees.lexicon import LEXICON_SCHEMA, parse_lexicon
from tstd.fees.matcher import Matcher, TextMatch, compile_lexicon
from tstd.fees.model import ModelSettings, default_settings, money_kind, notice_text
from tstd.fees.text import prepare
from tstd.fees.vote import read_vote
from tstd.inputs.document import Document, get_path
from tstd.model import Severity

FEES_FIELD = "organization.fees"
# Free text scanned by default: notices (title and body) and fee descriptions. Fee names are not: the
# structured rules already judge a fee item, and a rule whose terms are telling in names lists its fields.
TEXT_FIELDS = (
    "organization.notices[].title",
    "organization.notices[].text",
    "organization.fees[].description",
)
_FIELD_LIST = {"type": "array", "minItems": 1, "items": FIELD}


def _text_fields(options: Mapping[str, Any]) -> tuple[str, ...]:
    """The free-text fields a fee_text or fee_frame rule reads (the engine skips it when all are empty)."""
    return tuple(options.get("fields") or TEXT_FIELDS)


def _fee_list(options: Mapping[str, Any]) -> tuple[str, ...]:
    """The field a fee_item or dues_approval rule reads: without fee items the engine skips it unprepared."""
    return (FEES_FIELD,)


# ---------------------------------------------------------------- fee_item


@kind("fee_item", {**CONDITION_SCHEMA, "additionalProperties": False}, prepare=compile_condition, reads=_fee_list)
def fee_item(doc: Document, options: FeeCondition, ctx: Context) -> Iterator[Hit]:
    """Each declared fee item matching ``when_any``; a warning where ``lower_when`` also matches."""
    for item in doc.derive("fees.items", lambda d: fee_items(d.get(FEES_FIELD), FEES_FIELD)):
        if not options.selects(item):
            continue
        quote = item.quote()
        yield Hit(
            path=item.path,
            params={"name": item.name or "（未命名）", "quote": quote,
                    "amount": display(item.raw.get("amount")),
                    "payer": display(item.raw.get("payer")) or "未填写",
                    "purpose": display(item.raw.get("purpose")),
                    "approved_by": display(item.raw.get("approved_by")) or "未填写"},
            severity=Severity.WARNING if options.lowered(item) else None,
            evidence=quote,
            data={"fee": item.name},
        )


# ---------------------------------------------------------------- fee_text


@dataclass(frozen=True)
class TextRule:
    """A ``fee_text`` rule's options after ``prepare``: the compiled lexicon and the fields it reads."""

    matcher: Matcher
    fields: tuple[str, ...]
    practice: str
    # False: a marker of an allowed kind of fee (dues voted by the 会员大会, 市场调节价) does not lower a hit — for
    # a practice the marker does not make lawful (floating dues stay floating when voted)
    allowed_kinds: bool = True
    # False: the practice is a fact of governance stated in the text (the council adopted the dues; a share of
    # the fees goes to the recruiter), not a payment demanded — an error needs no demand mood (tstd.fees.gate)
    demand: bool = True


def _prepare_text(options: Mapping[str, Any]) -> TextRule:
    # A LexiconError is a ValueError: the pack loader reports it with the rule id and the place.
    lexicon = parse_lexicon(options)
    return TextRule(compile_lexicon(lexicon), _text_fields(options), lexicon.practice,
                    bool(options.get("allowed_kinds", True)), bool(options.get("demand", True)))


_TEXT_SCHEMA = {**LEXICON_SCHEMA, "additionalProperties": False,
                "properties": {**LEXICON_SCHEMA["properties"], "fields": _FIELD_LIST,
                               "allowed_kinds": {"type": "boolean"}, "demand": {"type": "boolean"}}}


@kind("fee_text", _TEXT_SCHEMA, prepare=_prepare_text, reads=_text_fields)
def fee_text(doc: Document, options: TextRule, ctx: Context) -> Iterator[Hit]:
    """Affirmed lexicon matches in the free-text ``fields`` (one per sentence). A suggestive term is
    reported as a warning; an unambiguous one keeps the rule's severity."""
    for path, value in _texts(doc, options.fields):
        matches = options.matcher.findings(value, options.allowed_kinds)
        if not matches:
            continue
        zh, en = _field_label(doc, path)
        line_at = _line_finder(doc, path, value)
        fee_demand.mark(doc, path)
        for match in matches:
            hit = _text_hit(path, zh, en, match, options.practice, line_at(match.start))
            # the one error gate (tstd.fees.gate): a title names a subject, it demands nothing
            gated = path.endswith(".title") or not may_error(value, match.start, match.end,
                                                              allowed_kind=options.allowed_kinds,
                                                              demand=options.demand)
            yield _tempered(doc, path, replace(hit, severity=Severity.WARNING) if gated else hit)


def _texts(doc: Document, fields: Iterable[str]) -> list[tuple[str, str]]:
    """(path, text) of every non-empty text value the field patterns name. A notice's title is skipped when
    its body is a report about others' fees or a lawful service-fee notice (the title only names it).
    Computed once per document and field list: every fee rule of a pack reads the same fields."""
    patterns = tuple(fields)
    return doc.derive("fees.texts:" + "\x1f".join(patterns), lambda d: list(_find_texts(d, patterns)))


def _find_texts(doc: Document, fields: Iterable[str]) -> Iterator[tuple[str, str]]:
    for pattern in fields:
        for path, value in doc.expand(pattern):
            if isinstance(value, str) and value.strip():
                if path.endswith(".title"):
                    body = doc.get(path[: -len("title")] + "text")
                    if isinstance(body, str) and body.strip() and read_context(body).silent:
                        continue
                yield path, value


def _line_finder(doc: Document, path: str, value: str) -> Callable[[int], int | None]:
    """offset in ``value`` → its YAML line. Inline text points at the line of the match itself; a text from
    another file (a shared organisation file) keeps the engine's location (None), which names that file."""
    source, key_line = doc.locate(path)
    if source is not None or not key_line:
        return lambda _offset: None
    # The next located line after the key bounds where a block scalar's lines can be.
    next_key = min((n for n in doc.lines.values() if n > key_line), default=None)
    return lambda offset: _line_of(value, offset, key_line, next_key)


def _line_of(value: str, offset: int, key_line: int, next_key: int | None) -> int:
    """The YAML line of character ``offset`` of a value whose key is on ``key_line``: a multi-line value
    written as a block scalar (``text: |``) starts on the line after the key. Any other style (a quoted
    string with ``\\n`` escapes) would put the line at or past the next key: then the key's line is used."""
    if "\n" not in value.rstrip("\n"):
        return key_line
    line = key_line + 1 + value.count("\n", 0, offset)
    return key_line if next_key is not None and line >= next_key else line


def _text_hit(path: str, zh: str, en: str, match: TextMatch, practice: str, line: int | None) -> Hit:
    reveals = match.reveals
    return Hit(
        path=path,
        line=line,
        params={"field": zh, "field_en": en, "term": match.term, "matched": match.matched,
                "quote": match.quote,
                "offset": match.start, "position": match.start + 1,
                "reveals": reveals.zh if reveals else practice, "reveals_en": (reveals.en or reveals.zh)
                if reveals else practice},
        severity=None if match.unambiguous else Severity.WARNING,
        evidence=match.quote,
        data={"practice": practice, "term": match.term, "matched": match.matched, "offset": match.start,
              "end": match.end, "strength": match.entry.strength},
    )


_LABELS = {"text": ("正文", "text"), "title": ("标题", "title"), "description": ("说明", "description"),
           "name": ("名称", "name")}


def _field_label(doc: Document, path: str) -> tuple[str, str]:
    """A reader's name for a text field: 通知「关于征集…的通知」正文 / notice “…” text."""
    parent, _, leaf = path.rpartition(".")
    owner = get_path(doc.data, parent)
    part_zh, part_en = _LABELS.get(leaf, (leaf, leaf))
    if isinstance(owner, Mapping):
        if ".notices[" in f".{parent}":
            title = owner.get("title")
            if isinstance(title, str) and title.strip() and leaf != "title":
                return f"通知「{title.strip()}」{part_zh}", f"notice “{title.strip()}” {part_en}"
            return f"通知{part_zh}", f"notice {part_en}"
        if ".fees[" in f".{parent}":
            name = owner.get("name")
            if isinstance(name, str) and name.strip() and leaf != "name":
                return f"收费项目「{name.strip()}」{part_zh}", f"fee “{name.strip()}” {part_en}"
            return f"收费项目{part_zh}", f"fee {part_en}"
    return path, path


# ---------------------------------------------------------------- fee_frame


@dataclass(frozen=True)
class FramedRule:
    """A ``fee_frame`` rule's options after ``prepare``: the compiled frame and the fields it reads."""

    frame: FrameRule
    fields: tuple[str, ...]


def _prepare_frame(options: Mapping[str, Any]) -> FramedRule:
    return FramedRule(build_frame(options), _text_fields(options))


_FRAME_OPTIONS = {**FRAME_SCHEMA, "additionalProperties": False,
                  "properties": {**FRAME_SCHEMA["properties"], "fields": _FIELD_LIST}}


@kind("fee_frame", _FRAME_OPTIONS, prepare=_prepare_frame, reads=_text_fields)
def fee_frame(doc: Document, options: FramedRule, ctx: Context) -> Iterator[Hit]:
    """Clauses of the free-text ``fields`` where the rule's frame holds (see :mod:`tstd.fees.frames`): at
    the rule's severity where the text ties the payment to the benefit or compulsion (evidence proven),
    as a warning where it only puts them side by side (evidence inferred)."""
    frame = options.frame
    zh_rev, en_rev = frame.reveals
    for path, value in _texts(doc, options.fields):
        # A title or a fee's name names a subject (团体标准立项评审收费说明, 立项专家评审费): only a stated
        # practice counts there, never a payment merely beside a role.
        found = frame.hits(value, infer=not path.endswith((".title", ".name")))
        if not found:
            continue
        fee_demand.mark(doc, path)
        zh, en = _field_label(doc, path)
        line_at = _line_finder(doc, path, value)
        for hit in found:
            line = line_at(hit.start)
            reveals_zh = zh_rev or frame.practice
            if not hit.linked:
                reveals_zh += "（文字未明示二者关联，推断）"
            yield _tempered(doc, path, Hit(
                path=path, line=line,
                params={"field": zh, "field_en": en, "term": hit.matched, "matched": hit.matched,
                        "quote": hit.quote, "offset": hit.start, "position": hit.start + 1,
                        "reveals": reveals_zh,
                        "reveals_en": (en_rev or zh_rev or frame.practice)
                        + ("" if hit.linked else " (not stated, inferred)")},
                # a title names a subject (…收取参编费问题), it demands nothing: a warning at most
                # and the one error gate (tstd.fees.gate) decides whether the clause proves it
                severity=None if hit.linked and not path.endswith(".title")
                and may_error(value, hit.start, hit.end, frame.reading) else Severity.WARNING,
                evidence=hit.quote,
                data={"practice": frame.practice, "matched": hit.matched, "offset": hit.start, "end": hit.end,
                      "evidence": "proven" if hit.linked else "inferred",
                      "amount": hit.amount if hit.amount is not None else ""},
            ))


# ---------------------------------------------------------------- fee_repeat


@dataclass(frozen=True)
class RepeatRule:
    """A ``fee_repeat`` rule's options: the services a promise and a charge share, the fields, what it reveals."""

    words: repeat.RepeatWords
    fields: tuple[str, ...]
    reveals: tuple[str, str]


def _prepare_repeat(options: Mapping[str, Any]) -> RepeatRule:
    rev = options.get("reveals") or {}
    return RepeatRule(repeat.RepeatWords(tuple(options["services"]), tuple(options.get("unless") or ())),
                      _text_fields(options), (str(rev.get("zh", "")), str(rev.get("en", ""))))


_WORDS = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}
_REPEAT_SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["services"],
    "properties": {"fields": _FIELD_LIST, "practice": {"type": "string"}, "services": _WORDS, "unless": _WORDS,
                   "reveals": {"type": "object", "additionalProperties": False,
                               "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}}},
}


@kind("fee_repeat", _REPEAT_SCHEMA, prepare=_prepare_repeat, reads=_text_fields)
def fee_repeat(doc: Document, options: RepeatRule, ctx: Context) -> Iterator[Hit]:
    """A service the text says the dues cover (or members get free) that the same text charges members for
    (see :mod:`tstd.fees.repeat`): at the rule's severity where the charging sentence passes the error gate."""
    zh_rev, en_rev = options.reveals
    for path, value in _texts(doc, options.fields):
        if path.endswith((".title", ".name")):
            continue
        found = repeat.find(value, options.words)
        if not found:
            continue
        reading = read_context(value)
        # a lawful service-fee notice (voluntary, at a price basis) does not clear charging again for what
        # the dues cover: only a report about others, or a quiet sentence, silences the hit
        found = [h for h in found if not reading.report and not reading.is_quiet(h.start)]
        if not found:
            continue
        fee_demand.mark(doc, path)
        zh, en = _field_label(doc, path)
        line_at = _line_finder(doc, path, value)
        for h in found:
            # the gate reads the charge; a promise turned in the same sentence (免费…，但…需另行开通) is not
            # the charge's denial, and a price basis (市场调节价) does not make charging again lawful
            if h.turned:
                proven = may_error(value[h.start:], 0, h.end - h.start, allowed_kind=False)
            else:
                proven = may_error(value, h.start, h.end, allowed_kind=False)
            yield _tempered(doc, path, Hit(
                path=path, line=line_at(h.start),
                params={"field": zh, "field_en": en, "term": h.service, "matched": h.quote, "quote": h.quote,
                        "offset": h.start, "position": h.start + 1,
                        "reveals": f"{zh_rev}（“{h.service}”：{h.promise}）",
                        "reveals_en": f"{en_rev or zh_rev} (“{h.service}”: {h.promise})"},
                severity=None if proven else Severity.WARNING,
                evidence=h.quote,
                data={"practice": "FEE-08", "matched": h.quote, "offset": h.start, "end": h.end,
                      "evidence": "proven", "service": h.service, "promise": h.promise},
            ))


# ---------------------------------------------------------------- fee_demand


@dataclass(frozen=True)
class DemandRule:
    """A ``fee_demand`` rule's options: the fields it reads and what it reveals."""

    fields: tuple[str, ...]
    reveals: tuple[str, str]


def _prepare_demand(options: Mapping[str, Any]) -> DemandRule:
    rev = options.get("reveals") or {}
    return DemandRule(tuple(options.get("fields") or TEXT_FIELDS), (str(rev.get("zh", "")), str(rev.get("en", ""))))


_DEMAND_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "properties": {"fields": _FIELD_LIST, "practice": {"type": "string"},
                   "reveals": {"type": "object", "additionalProperties": False,
                               "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}}},
}


@kind("fee_demand", _DEMAND_SCHEMA, prepare=_prepare_demand, reads=_text_fields,
      last=True)  # reads the other fee rules' marks
def fee_demand_kind(doc: Document, options: DemandRule, ctx: Context) -> Iterator[Hit]:
    """A payment demanded in standardisation or membership work, in a field no specific fee rule reported
    on and with no allowed-kind marker (see :mod:`tstd.fees.demand`): always a warning (inferred)."""
    zh_rev, en_rev = options.reveals
    for path, value in _texts(doc, options.fields):
        if fee_demand.fired(doc, path) or path.endswith((".title", ".name")):
            continue
        found = fee_demand.demands(value)
        if not found:
            continue
        zh, en = _field_label(doc, path)
        line_at = _line_finder(doc, path, value)
        fee_demand.mark(doc, path)  # the model's rule (fee_model) runs after this one and stays silent here
        for d in found[:1]:  # one per field: the first demand is what to check; the rest say the same
            yield _tempered(doc, path, Hit(
                path=path, line=line_at(d.start),
                params={"field": zh, "field_en": en, "term": d.matched, "matched": d.matched, "quote": d.quote,
                        "offset": d.start, "position": d.start + 1, "reveals": zh_rev, "reveals_en": en_rev or zh_rev},
                severity=Severity.WARNING,
                evidence=d.quote,
                data={"practice": "FEE-00", "matched": d.matched, "offset": d.start, "end": d.end,
                      "evidence": "inferred"},
            ))


# ---------------------------------------------------------------- fee_model


def _notice_probability(doc: Document, path: str, settings: ModelSettings) -> float | None:
    """The fee-notice model's probability for the notice holding ``path`` (None: the field is no notice's).
    Computed once per notice and document."""
    owner, _, leaf = path.rpartition(".")
    if leaf not in ("title", "text") or not owner.startswith("organization.notices["):
        return None

    def compute(d: Document) -> float:
        title, body = d.get(f"{owner}.title"), d.get(f"{owner}.text")
        return settings.model.probability(notice_text(title if isinstance(title, str) else None,
                                                       body if isinstance(body, str) else None))

    probability: float = doc.derive(f"fees.model:{owner}", compute)
    return probability


def _tempered(doc: Document, path: str, hit: Hit) -> Hit:
    """A rule's hit on a notice the model reads as lawful, lowered (tstd.fees.model): below ``doubt_below``
    to info, below ``error_below`` an error to a warning. A hit without a severity of its own stands for its
    rule's (an error or a warning rule): the engine lowers a rule's severity to a hit's, never raises it."""
    settings = default_settings()
    probability = None if settings is None else _notice_probability(doc, path, settings)
    if settings is None or probability is None:
        return hit
    if probability < settings.doubt_below:
        lowered = Severity.INFO
    elif probability < settings.error_below and hit.severity is None:
        lowered = Severity.WARNING
    else:
        return hit
    return replace(hit, severity=lowered, data={**hit.data, "model_probability": round(probability, 3)})


@dataclass(frozen=True)
class ModelRule:
    """A ``fee_model`` rule's options: the probability from which it warns, and what it reveals."""

    warn_at: float
    reveals: tuple[str, str]


def _prepare_model(options: Mapping[str, Any]) -> ModelRule:
    rev = options.get("reveals") or {}
    return ModelRule(float(options.get("warn_at", 0.6)), (str(rev.get("zh", "")), str(rev.get("en", ""))))


_MODEL_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "properties": {"warn_at": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                   "reveals": _DEMAND_SCHEMA["properties"]["reveals"]},  # type: ignore[index]
}
_NOTICE_TEXT = ("organization.notices[].text",)


@kind("fee_model", _MODEL_SCHEMA, prepare=_prepare_model, reads=lambda _o: _NOTICE_TEXT, last=True)
def fee_model_kind(doc: Document, options: ModelRule, ctx: Context) -> Iterator[Hit]:
    """A notice about money (tstd.fees.model.money_kind) that the pack's fee-notice model reads as a
    prohibited fee notice (probability ≥ ``warn_at``), on which no fee rule reported and which names no
    allowed kind of fee: one warning (inferred) quoting
    the sentence that weighs most (see :mod:`tstd.fees.model`)."""
    settings = default_settings()
    if settings is None:
        return
    zh_rev, en_rev = options.reveals
    for path, value in _texts(doc, _NOTICE_TEXT):
        title = path[: -len("text")] + "title"
        if fee_demand.fired(doc, path) or fee_demand.fired(doc, title):
            continue
        probability = _notice_probability(doc, path, settings)
        if probability is None or probability < options.warn_at:
            continue
        reading = read_context(value)
        if reading.silent or reading.lawful_kind:
            continue
        money = money_kind(prepare(value).text)
        if money != "fee":  # no money, an open offer, or dues alone: usually lawful (docs/fees.md)
            continue
        heaviest = settings.model.heaviest_sentence(value)
        if reading.is_quiet(heaviest.start):
            continue  # the sentence that weighs most refuses, stops or refunds the fee: it demands nothing
        zh, en = _field_label(doc, path)
        pct = f"{probability:.0%}"
        yield Hit(
            path=path, line=_line_finder(doc, path, value)(heaviest.start),
            params={"field": zh, "field_en": en, "term": heaviest.quote, "matched": heaviest.quote,
                    "quote": heaviest.quote, "offset": heaviest.start, "position": heaviest.start + 1,
                    "reveals": f"{zh_rev}（模型估计 {pct}）", "reveals_en": f"{en_rev or zh_rev} (model: {pct})",
                    "probability": pct},
            severity=Severity.WARNING,
            evidence=heaviest.quote,
            data={"practice": "FEE-00", "matched": heaviest.quote, "offset": heaviest.start, "end": heaviest.end,
                  "evidence": "inferred",
                  "model_probability": round(probability, 3)},
        )


# ---------------------------------------------------------------- dues_approval

# 民发〔2014〕166号 四、五: dues are adopted by the general assembly with 2/3 of the members present, by 1/2 of
# those present, by secret ballot, and published to all members within 30 days. "以上" includes the number
# itself (2/3 present exactly is enough), so the tests are strict inequalities on integers.
APPROVAL_TESTS = ("quorum", "majority", "secret_ballot", "publication")
VOTE_TESTS = (*APPROVAL_TESTS, "body")  # minutes can also show who set the dues (tstd.fees.vote)
_APPROVAL_SCHEMA = {
    "type": "object", "required": ["test"], "additionalProperties": False,
    "properties": {"test": {"enum": list(APPROVAL_TESTS)}, "days": {"type": "integer", "minimum": 1}},
}


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


@kind("dues_approval", _APPROVAL_SCHEMA, reads=_fee_list)
def dues_approval(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Each membership fee whose ``approval`` record shows the breach ``test`` names: fewer than 2/3 of the
    members present (quorum), fewer than 1/2 of those present voting for (majority), an open vote
    (secret_ballot: false), or publication more than ``days`` (30) days after the vote (publication). A
    missing figure proves nothing and is not reported."""
    test = options["test"]
    for item in doc.derive("fees.items", lambda d: fee_items(d.get(FEES_FIELD), FEES_FIELD)):
        approval = item.raw.get("approval")
        if item.purpose != "membership" or not isinstance(approval, Mapping):
            continue
        params = _approval_breach(test, approval, int(options.get("days", 30)))
        if params is None:
            continue
        yield Hit(path=f"{item.path}.approval", params={"name": item.name or "（未命名）", **params},
                  evidence=item.quote() + "；" + "，".join(f"{k}={display(v)}" for k, v in approval.items()),
                  data={"fee": item.name, "test": test})


def _approval_breach(test: str, approval: Mapping[str, Any], days: int) -> dict[str, Any] | None:
    total, present = _count(approval.get("members_total")), _count(approval.get("members_present"))
    votes = _count(approval.get("votes_for"))
    if test == "quorum" and total and present is not None and 3 * present < 2 * total:
        return {"present": present, "total": total}
    if test == "majority" and present and votes is not None and 2 * votes < present:
        return {"votes": votes, "present": present}
    if test == "secret_ballot" and approval.get("secret_ballot") is False:
        return {}
    if test == "publication":
        voted, published = as_date(approval.get("date")), as_date(approval.get("published_date"))
        if voted is not None and published is not None and (published - voted).days > days:
            return {"date": voted.isoformat(), "published": published.isoformat(),
                    "days": (published - voted).days, "limit": days}
    return None


# ---------------------------------------------------------------- dues_vote


_VOTE_SCHEMA = {"type": "object", "additionalProperties": False, "required": ["tests"],
                "properties": {"fields": _FIELD_LIST, "reports": _WORDS,
                               "tests": {"type": "array", "minItems": 1, "uniqueItems": True,
                                         "items": {"enum": list(VOTE_TESTS)}}}}


@kind("dues_vote", _VOTE_SCHEMA, reads=_text_fields)
def dues_vote(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Minutes, resolutions or notices whose own figures show a dues vote that breaks 民发〔2014〕166号 四、五 (see
    :mod:`tstd.fees.vote`), for the ``tests`` the rule names: fewer than 2/3 present, fewer than 1/2 of those
    present for, an open vote named, or a text publishing the decision dated more than 30 days after the vote.
    Arithmetic on the text's own figures: no error gate (minutes narrate; an answer or a self-check that states
    such a vote admits it); a text about another body's fees is not reported."""
    for path, value in _texts(doc, options.get("fields") or TEXT_FIELDS):
        if path.endswith((".title", ".name")):
            continue
        record = read_vote(value)
        if record is None:
            continue
        breaches = [b for b in record.breaches() if b.test in options["tests"]]
        if not breaches:
            continue
        reading = read_context(value)
        folded = prepare(value).text  # Traditional folded: 責令 is 责令
        reported = sum(word in folded for word in options.get("reports") or ())
        if reading.report or reported >= REPORT_MIN:
            continue  # news or a regulator's notice about another body's vote (责令…, 本报讯)
        fee_demand.mark(doc, path)
        zh, en = _field_label(doc, path)
        first = min(b.figure.start for b in breaches)
        quote = " ".join(value[first:max(b.figure.end for b in breaches)].split())[:120]
        # arithmetic on the text's own figures, not a reading of its words: the model does not temper it
        yield Hit(
            path=path, line=_line_finder(doc, path, value)(first),
            params={"field": zh, "field_en": en, "position": first + 1, "matched": quote, "quote": quote,
                    "breaches": "；".join(b.zh for b in breaches), "breaches_en": "; ".join(b.en for b in breaches)},
            evidence=quote,
            data={"practice": "FEE-06" if breaches[0].test == "publication" else "FEE-04", "matched": quote,
                  "tests": ",".join(b.test for b in breaches), "offset": first, "evidence": "proven"},
        )
