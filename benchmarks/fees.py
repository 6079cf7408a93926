"""Fee pack figures, as ratios measured in one run (no absolute timings are meaningful across machines).

    PYTHONPATH=src python benchmarks/fees.py [--rounds 200]

1. False positives: every `fee_text` rule over realistic lawful notices (tests/fees/data/clean_notices.yaml
   and the compliant example's notices) — findings per sentence, and how many sentences mention a lexicon term
   at all (the ones the polarity logic and guards had to clear). Recall: the share of realistic abusive
   sentences (tests/fees/data/abusive_sentences.yaml) found by their practice's rule.
2. Cost: checking the fee examples with every built-in pack vs. the same engine without the `fees` pack
   (baseline), per file; and loading (compiling) the `fees` pack vs. the `disclosure` pack.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml

from tstd.engine.context import Context
from tstd.engine.pack import load_pack
from tstd.engine.runner import Engine
from tstd.fees import items
from tstd.fees import text as fee_text
from tstd.inputs.declaration import DeclarationLoader
from tstd.resources import rules_dir
from tstd.run import CheckOptions, build_engine

REPO = Path(__file__).resolve().parent.parent
FEE_EXAMPLES = sorted((REPO / "examples" / "fees").glob("*.yaml"))
# Ordinary declarations without fee data (the disclosure examples that load).
PLAIN_EXAMPLES = [p for p in sorted((REPO / "examples").glob("*.yaml")) if p.name != "broken-syntax.yaml"]


def clean_texts() -> list[str]:
    corpus_file = REPO / "tests" / "fees" / "data" / "clean_notices.yaml"
    corpus = yaml.safe_load(corpus_file.read_text(encoding="utf-8"))
    texts = [n[k] for n in corpus for k in ("title", "text")]
    clean_file = REPO / "examples" / "fees" / "compliant-association.yaml"
    clean = yaml.safe_load(clean_file.read_text(encoding="utf-8"))
    org = clean["organization"]
    texts += [n[k] for n in org["notices"] for k in ("title", "text")]
    texts += [f["description"] for f in org["fees"] if f.get("description")]
    return texts


def false_positives() -> None:
    rules = [r for r in load_pack(rules_dir() / "fees.yaml").rules if r.info.kind == "fee_text"]
    texts = clean_texts()
    prepared = [fee_text.prepare(t) for t in texts]
    sentences = sum(1 for p in prepared for s in p.sentences if p.text[s.start:s.end].strip())
    tempting: set[tuple[int, int]] = set()
    fired = 0
    for i, t in enumerate(texts):
        for rule in rules:
            for m in rule.options.matcher.candidates(t):
                tempting.add((i, m.sentence))
            fired += len(rule.options.matcher.findings(t))
    print(f"clean corpus: {len(texts)} texts, {sentences} sentences, {len(rules)} text rules")
    print(f"  sentences mentioning a lexicon term: {len(tempting)} ({len(tempting) / sentences:.0%})")
    print(f"  false positives: {fired} ({fired / sentences:.1%} of sentences)")
    abusive_file = REPO / "tests" / "fees" / "data" / "abusive_sentences.yaml"
    abusive = yaml.safe_load(abusive_file.read_text(encoding="utf-8"))
    pairs = [(practice, sentence) for practice, sentences in abusive.items() for sentence in sentences]
    found = sum(1 for practice, sentence in pairs
                if any(r.options.matcher.findings(sentence) for r in rules if r.options.practice == practice))
    print(f"abusive sentences found by their practice's rule: {found}/{len(pairs)} ({found / len(pairs):.0%})")


def per_file(engine: Engine, paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        # A batch meets each text once: empty the per-text caches so rounds do not flatter the fee kinds.
        fee_text.prepare.cache_clear()
        items._normalised.cache_clear()
        engine.check_path(path)
    return time.perf_counter() - start


def ratio(engine: Engine, baseline: Engine, paths: list[Path], rounds: int) -> float:
    """Time with ``engine`` over time with ``baseline``, alternating rounds so machine load hits both."""
    per_file(engine, paths)  # warm the loader's organisation and schema caches
    spent = [0.0, 0.0]
    for _ in range(rounds):
        spent[0] += per_file(baseline, paths)
        spent[1] += per_file(engine, paths)
    return spent[1] / spent[0]


def cost(rounds: int) -> None:
    full = build_engine(CheckOptions())
    baseline = Engine([p for p in full.packs if p.id != "fees"], Context(), DeclarationLoader())
    sets = (("fee-heavy examples/fees", FEE_EXAMPLES), ("plain examples/*.yaml", PLAIN_EXAMPLES))
    for label, paths in sets:
        print(f"check per file, all packs vs. without `fees` ({label}): "
              f"{ratio(full, baseline, paths, rounds):.2f}x")

    def load(name: str) -> float:
        start = time.perf_counter()
        for _ in range(20):
            load_pack(rules_dir() / name)
        return time.perf_counter() - start

    loads = load("fees.yaml") / load("disclosure.yaml")
    print(f"pack load, `fees` (lexicons compiled) vs. `disclosure`: {loads:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    false_positives()
    cost(args.rounds)


if __name__ == "__main__":
    main()
