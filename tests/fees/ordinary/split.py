"""Regenerate train.yaml / held.yaml / held.sha256 of the ordinary-notice corpus from its source files.

    python tests/fees/ordinary/split.py          # rewrite the three files
    python tests/fees/ordinary/split.py --check  # exit 1 if the committed files differ from a fresh split

Every item is an ordinary lawful notice (label lawful, expect none). Ids follow the order of the items in
``source/*.yaml`` (files in name order); each kind is shuffled with one ``random.Random(SEED)`` stream, walked in
sorted kind order, and split in half: ``train`` may train the fee-notice model, ``held`` only measures how often
the fee pack speaks on ordinary text. The odd item of an odd-sized kind alternates between the halves.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Any

import yaml

SEED = 20261212
HERE = Path(__file__).resolve().parent
# The evaluation corpora's splitter (tests/fees/eval/split.py) halves this corpus too.
sys.path.insert(0, str(HERE.parent / "eval"))
import split as eval_split  # noqa: E402

KINDS = {"dues_reminder", "meeting", "call_comments", "publication", "drafting_call", "training", "award_result",
         "membership", "finance", "other"}


def load_items(source: Path) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    counters: dict[str, int] = {}
    for path in sorted(source.glob("*.yaml")):
        for n, entry in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or [], 1):
            kind = str(entry["kind"])
            if kind not in KINDS:
                raise ValueError(f"{path.name} item {n}: bad kind {kind!r}")
            counters[kind] = counters.get(kind, 0) + 1
            item: dict[str, Any] = {"id": f"O-{kind}-{counters[kind]:02d}", "label": "lawful", "practice": "LAWFUL-ORDINARY",
                                    "expect": "none", "kind": kind, "script": str(entry.get("script", "zh-Hans"))}
            if entry.get("title"):
                item["title"] = str(entry["title"])
            item["text"] = str(entry["text"]).strip() + "\n"
            items.append(item)
    return items


def split(items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """train, held: halved by kind, as the evaluation corpora are halved by practice."""
    return eval_split.halves(items, lambda it: it["kind"], SEED)


def dump(items: list[dict[str, Any]]) -> str:
    return yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=1000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    train, held = split(load_items(HERE / "source"))
    texts = {"train.yaml": dump(train), "held.yaml": dump(held)}
    digest = hashlib.sha256(texts["held.yaml"].encode("utf-8")).hexdigest()
    texts["held.sha256"] = f"{digest}  held.yaml\n"
    outputs = {HERE / name: text.encode("utf-8") for name, text in texts.items()}
    return eval_split.write_or_check(outputs, args.check, f"{len(train)} train + {len(held)} held items")


if __name__ == "__main__":
    sys.exit(main())
