"""The lexicon data format: typed parsing, defaults, and errors that name the bad place."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from tstd.fees.lexicon import DEFAULT_CUES, LEXICON_SCHEMA, LexiconError, parse_lexicon

GOOD: dict[str, Any] = {
    "practice": "FEE-15",
    "cues": {"rank": ["排名", "座次"]},
    "terms": [
        {"term": "参编费", "variants": ["参编费用"], "strength": "unambiguous",
         "reveals": {"zh": "有偿参编", "en": "paid participation"}},
        {"term": "主编单位", "near": ["money", "rank"], "unless": ["自理"], "exclude": ["主编单位名单"],
         "gap": 8},
    ],
}


def test_parse_types_every_field_and_keeps_defaults() -> None:
    lexicon = parse_lexicon(GOOD)
    first, second = lexicon.entries
    assert lexicon.practice == "FEE-15"
    assert first.forms == ("参编费", "参编费用") and first.unambiguous
    assert first.reveals is not None and first.reveals.en == "paid participation"
    assert second.strength == "suggestive" and second.gap == 8 and second.near == ("money", "rank")
    assert lexicon.cues["rank"] == ("排名", "座次")  # a pack may replace a default class
    assert lexicon.cues["money"] == DEFAULT_CUES["money"]


def test_schema_accepts_the_documented_format() -> None:
    jsonschema.Draft202012Validator(LEXICON_SCHEMA).validate(GOOD)


@pytest.mark.parametrize("options, where", [
    ({"terms": []}, "terms"),
    ({"terms": [{"variants": ["x"]}]}, "terms[0]"),
    ({"terms": [{"term": "参编费", "near": ["moneys"]}]}, "terms[0].near"),
    ({"terms": [{"term": "参编费", "strength": "sure"}]}, "terms[0].strength"),
    ({"terms": [{"term": "参编费", "gap": 0}]}, "terms[0].gap"),
    ({"terms": [{"term": "参编费", "variants": "参编费用"}]}, "terms[0].variants"),
    ({"terms": [{"term": "参编费", "colour": "red"}]}, "terms[0]"),
    ({"terms": [{"term": "参编费"}], "scope": {"negatives": ["不"]}}, "scope"),
    ({"terms": [{"term": "参编费"}], "cues": ["money"]}, "cues"),
])
def test_errors_name_the_bad_place(options: dict[str, Any], where: str) -> None:
    with pytest.raises(LexiconError) as caught:
        parse_lexicon(options)
    assert caught.value.where == where
