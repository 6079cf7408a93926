"""A learned reading of a whole fee notice: how much it reads like a prohibited fee notice (issue 11).

The frames and vocabularies (:mod:`tstd.fees.frames`) state *why* a clause is unlawful, and only they may
prove a practice (an error). On texts nobody tuned them on they miss about one prohibited notice in four
and misread some lawful ones. A small linear model over character uni- and bigrams, trained on every
labelled notice of the spent evaluation corpora (``tools/train_fee_model.py``), generalises better across
writers: trained on two corpora and tested on the third it found 93–100 % of the prohibited notices at a
false-warning rate of 0–8 % (docs/fees.md). It is used only to *temper* and *complete* the rules, never to
prove anything:

* a notice the model finds likely prohibited (``p ≥ warn_at``) on which no fee rule fired gets one
  inferred warning (rule ``fee_model``), quoting the sentence that weighs most;
* a rule's finding on a notice the model reads as lawful is lowered: to info below ``doubt_below``, an error to
  a warning below ``error_below`` — the wording is doubtful, a person should look; the finding stays visible.

The model is plain data (JSON: n-gram → idf and weight, a bias) that a pack names; reading it runs no code.
Inference is pure Python and reproduces scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` followed by
``LogisticRegression.predict_proba``; the model file carries texts with the probabilities scikit-learn gave
them, and the tests recompute them.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from tstd.fees.context import TIES, builtin_pack, other_fee
from tstd.fees.text import prepare
from tstd.resources import rules_dir

FORMAT = 1
QUOTE_MAX = 120


def grams(text: str) -> list[str]:
    """The features of a prepared text: its characters and pairs of adjacent characters.

    The training script passes this very function to scikit-learn as the analyzer, so training and
    inference see the same features. Whitespace runs count as one space (PDF line breaks, aligned tables).
    """
    flat = " ".join(text.split())
    return list(flat) + [flat[i : i + 2] for i in range(len(flat) - 1)]


def notice_text(title: str | None, body: str | None) -> str:
    """The text a notice is judged on: its title and its body, prepared (normalised, Simplified)."""
    return prepare("\n".join(part for part in (title, body) if part)).text


class ModelError(ValueError):
    """A model file that cannot be used (unreadable, wrong format): reported with the pack."""


@dataclass(frozen=True)
class Heaviest:
    """The sentence of a text whose features push the model's score up most: the evidence of its finding."""

    start: int  # offsets in the original text
    end: int
    quote: str


@dataclass(frozen=True)
class NoticeModel:
    """A trained linear model: per feature its idf and weight, and the bias."""

    features: Mapping[str, tuple[float, float]]
    bias: float
    source: str = ""

    def probability(self, prepared: str) -> float:
        """P(prohibited) of an already prepared text (:func:`notice_text`)."""
        counts = Counter(g for g in grams(prepared) if g in self.features)
        if not counts:
            return _sigmoid(self.bias)
        score = norm = 0.0
        for gram, n in counts.items():
            idf, weight = self.features[gram]
            value = (1.0 + math.log(n)) * idf
            score += weight * value
            norm += value * value
        return _sigmoid(score / math.sqrt(norm) + self.bias)

    def heaviest_sentence(self, text: str) -> Heaviest:
        """The sentence of a raw text whose features weigh most towards "prohibited" (empty when none)."""
        ready = prepare(text)
        best, best_span = -math.inf, None
        for span in ready.sentences:
            sentence = ready.text[span.start : span.end]
            if not sentence.strip():
                continue
            weight = sum(self.features[g][0] * self.features[g][1] for g in set(grams(sentence)) if g in self.features)
            if weight > best:
                best, best_span = weight, span
        if best_span is None:
            return Heaviest(0, 0, "")
        start, end = ready.original_span(best_span.start, best_span.end)
        quote = " ".join(text[start:end].split())
        return Heaviest(start, end, quote if len(quote) <= QUOTE_MAX else quote[: QUOTE_MAX - 1] + "…")


# Below this many Chinese characters a notice gives the model too few features to weigh (年份|金额（元）).
MIN_CHARACTERS = 15
_CJK = re.compile(r"[\u4e00-\u9fff]")
# The model only speaks on a notice about money: a fee, a payment, an account or an amount (钱 and 支持 too: a
# voice message says 谁家钱先到, a notice asks for 一定的支持), or joining as a condition.
_MONEY = re.compile(r"[费缴款元钱]|赞助|出资|认购|资助|捐|入会|支持|资金|基金|经费|账户|账号|到账|转账|汇款|付款|支付|价格"
                    r"|定价|报价|会员价|价目|\d万|[一二三四五六七八九十百千]万")
# A standardisation role or benefit that dues would have to be tied to for a dues notice to be suspect.
_ROLE = re.compile(r"起草|参编|署名|排名|排序|立项|主编|编制|评比|评选|证书|前言")
# Nothing demanded: a free, voluntary or not-charged fee (the reading of tstd.fees.context covers the rest).
_OPEN = re.compile(r"自愿|自主选择|自行选择|可选|非强制|不强制|如需|若需|如有需要|有需要的|免费|免收|免交|免缴|无偿"
                   r"|不(?:另行|再|额外|单独)?(?:收费|收取)")


def money_kind(text: str) -> str:
    """What a prepared notice says about money, for the model's rule: ``"none"`` (too short to weigh, or no
    money and no joining), ``"open"`` (only a free, voluntary or not-charged offer, nothing tying it),
    ``"dues"`` (dues only, no standardisation role or benefit named) or ``"fee"``.

    The model was trained on fee notices only: a notice about anything else (a call for comments, a
    timetable) is outside what it knows. A plain dues notice is usually lawful, and the model cannot tell
    one from a badly adopted schedule (a leave-one-corpus-out trial at 0.7 found 2 % more prohibited
    notices but warned on ordinary dues notices the team wrote), so the rule leaves dues alone; an open
    offer is lawful unless a word ties it (TIES of tstd.fees.context)."""
    if len(_CJK.findall(text)) < MIN_CHARACTERS or not _MONEY.search(text):
        return "none"
    if "会费" in text and not other_fee(text) and not _ROLE.search(text):
        return "dues"
    if not TIES.search(text) and _OPEN.search(text):
        return "open"
    return "fee"


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def model_from(data: Any, source: str = "") -> NoticeModel:
    """Build a model from its parsed JSON; ModelError (in Chinese and English) when it is not one."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise ModelError(f"{source}: 不是 tstd 收费通知模型（format {FORMAT}）/ not a tstd fee-notice model")
    try:
        features = {str(g): (float(v[0]), float(v[1])) for g, v in data["features"].items()}
        bias = float(data["bias"])
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise ModelError(f"{source}: 模型数据不完整 / incomplete model data: {exc}") from exc
    return NoticeModel(features, bias, source)


@lru_cache(maxsize=4)
def load_model(path: Path) -> NoticeModel:
    """Read a model file (JSON), once per path."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: 无法读取模型文件 / cannot read the model file: {exc}") from exc
    return model_from(data, str(path))


@dataclass(frozen=True)
class ModelSettings:
    """How the built-in fee pack uses its model (``x-fee-model`` of rules/fees.yaml)."""

    file: Path
    doubt_below: float = 0.45  # a rule finding below this becomes info
    error_below: float = 0.5  # a rule error below this becomes a warning

    @property
    def model(self) -> NoticeModel:
        return load_model(self.file)


@lru_cache(maxsize=1)
def default_settings() -> ModelSettings | None:
    """The built-in pack's model settings, read once; None when the pack names no model."""
    raw = builtin_pack().get("x-fee-model")
    if not isinstance(raw, Mapping) or not raw.get("file"):
        return None
    thresholds = {key: float(raw[key]) for key in ("doubt_below", "error_below") if key in raw}
    return ModelSettings(rules_dir() / str(raw["file"]), **thresholds)
