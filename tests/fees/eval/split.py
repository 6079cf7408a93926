"""Regenerate dev.yaml / held.yaml / held.sha256 from the hand-written source files.

Usage (from the repository root)::

    python tests/fees/eval/split.py          # rewrite dev.yaml, held.yaml, held.sha256
    python tests/fees/eval/split.py --check  # exit 1 if the committed files differ from a fresh split
    python tests/fees/eval/split.py --dir tests/fees/eval2 --seed 20261201 [--check]   # the second corpus

The split is deterministic: ids are assigned from the order of the items in
``source/*.yaml`` (files read in name order), and each stratum (label + practice)
is shuffled with one ``random.Random(20261129)`` stream, walked in sorted stratum
order. Half of every stratum goes to dev and half to held; the odd item of an
odd-sized stratum alternates between the two halves so the totals stay balanced.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

SEED = 20261129
HERE = Path(__file__).resolve().parent
LABELS = {"prohibited", "lawful"}
EXPECTS = {"error", "warning", "none"}
SCRIPTS = {"zh-Hans", "zh-Hant"}
FORMS = {"sentence", "notice", "table", "long"}
KEY_ORDER = ("id", "label", "practice", "expect", "script", "form", "title", "text")


def _practice_code(practice: str) -> str:
    """Short code used in ids: FEE-15 -> 015, ALLOW-03 -> A03, LAWFUL-OTHER -> OTH."""
    if practice.startswith("FEE-"):
        return f"{int(practice[4:]):03d}"
    if practice.startswith("ALLOW-"):
        return f"A{int(practice[6:]):02d}"
    if practice == "LAWFUL-OTHER":
        return "OTH"
    raise ValueError(f"unknown practice {practice!r}")


def _valid_practice(practice: str) -> bool:
    if practice == "LAWFUL-OTHER":
        return True
    for prefix, top in (("FEE-", 24), ("ALLOW-", 7)):
        if practice.startswith(prefix):
            tail = practice[len(prefix) :]
            return len(tail) == 2 and tail.isdigit() and 1 <= int(tail) <= top
    return False


def load_items(source: Path) -> list[dict[str, Any]]:
    """Read every source file, validate each item and give it its final id."""
    items: list[dict[str, Any]] = []
    counters: dict[str, int] = {}
    for path in sorted(source.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for n, entry in enumerate(raw, 1):
            where = f"{path.name} item {n}"
            practice = str(entry["practice"])
            if not _valid_practice(practice):
                raise ValueError(f"{where}: bad practice {practice!r}")
            label = "prohibited" if practice.startswith("FEE-") else "lawful"
            expect = str(entry.get("expect", "none" if label == "lawful" else "error"))
            script = str(entry.get("script", "zh-Hans"))
            form = str(entry["form"])
            text = str(entry["text"]).strip() + "\n"
            if expect not in EXPECTS or (label == "lawful") != (expect == "none"):
                raise ValueError(f"{where}: expect {expect!r} does not fit label {label}")
            if script not in SCRIPTS or form not in FORMS:
                raise ValueError(f"{where}: bad script/form {script!r}/{form!r}")
            code = _practice_code(practice)
            counters[code] = counters.get(code, 0) + 1
            item: dict[str, Any] = {
                "id": f"{'P' if label == 'prohibited' else 'L'}-{code}-{counters[code]:02d}",
                "label": label,
                "practice": practice,
                "expect": expect,
                "script": script,
                "form": form,
            }
            if entry.get("title"):
                item["title"] = str(entry["title"])
            item["text"] = text
            items.append(item)
    return items


Item = dict[str, Any]


def halves(items: list[Item], stratum: Callable[[Item], Any], seed: int) -> tuple[list[Item], list[Item]]:
    """Stratified half split with a fixed seed: each stratum (in sorted order) is shuffled by one
    ``random.Random(seed)`` stream and halved; the odd item of odd-sized strata alternates between the halves,
    starting with the first. Also used by the ordinary-notice corpus (tests/fees/ordinary/split.py)."""
    rng = random.Random(seed)
    strata: dict[Any, list[Item]] = {}
    for item in items:
        strata.setdefault(stratum(item), []).append(item)
    first: list[Item] = []
    second: list[Item] = []
    odd_to_first = True
    for key in sorted(strata):
        group = sorted(strata[key], key=lambda it: it["id"])
        rng.shuffle(group)
        half = len(group) // 2
        if len(group) % 2:
            half += 1 if odd_to_first else 0
            odd_to_first = not odd_to_first
        first.extend(group[:half])
        second.extend(group[half:])
    return sorted(first, key=lambda it: it["id"]), sorted(second, key=lambda it: it["id"])


def split(items: list[Item], seed: int = SEED) -> tuple[list[Item], list[Item]]:
    """Stratified (label, practice) half split with the fixed seed: dev, held."""
    return halves(items, lambda it: (it["label"], it["practice"]), seed)


def write_or_check(outputs: dict[Path, bytes], check: bool, counts: str) -> int:
    """Write the split's files, or with ``check`` compare them with the committed ones (exit status 1 if stale)."""
    if check:
        stale = [p.name for p, data in outputs.items() if not p.exists() or p.read_bytes() != data]
        if stale:
            print("out of date: " + ", ".join(stale))
            return 1
        print(f"ok: {counts}")
        return 0
    for path, data in outputs.items():
        path.write_bytes(data)
    print(f"wrote {counts}")
    return 0


class _Dumper(yaml.SafeDumper):
    """Block scalars for multi-line text so the files stay readable."""


def _str_repr(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_repr)


def dump(items: list[dict[str, Any]]) -> bytes:
    ordered = [{k: it[k] for k in KEY_ORDER if k in it} for it in items]
    text = yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return text.encode("utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="split a fee evaluation corpus into dev and held halves")
    parser.add_argument("--dir", type=Path, default=HERE, help="corpus folder (with source/)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed files differ")
    args = parser.parse_args(argv)
    folder: Path = args.dir
    items = load_items(folder / "source")
    ids = [it["id"] for it in items]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate ids")
    dev, held = split(items, args.seed)
    outputs = {
        folder / "dev.yaml": dump(dev),
        folder / "held.yaml": dump(held),
    }
    digest = hashlib.sha256(outputs[folder / "held.yaml"]).hexdigest()
    outputs[folder / "held.sha256"] = (digest + "  held.yaml\n").encode("ascii")
    return write_or_check(outputs, args.check, f"{len(dev)} dev + {len(held)} held items")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
