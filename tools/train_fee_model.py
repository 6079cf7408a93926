"""Train the fee-notice model of the built-in fee pack (rules/models/fee-notices.json) from the spent corpora.

    pip install -e ".[train]"
    python tools/train_fee_model.py            # write rules/models/fee-notices.json
    python tools/train_fee_model.py --cv       # leave one corpus out: how the model does on a corpus it never saw

Only the *spent* evaluation corpora train it (tests/fees/spent.txt: every corpus whose held half was
measured once, blind, and then tuned on) and the team's labelled texts in tests/fees/data; a corpus still
blind is never read here. The model is a logistic regression over the
tf-idf of character uni- and bigrams (:func:`tstd.fees.model.grams`, the analyzer used at run time too);
inference in :mod:`tstd.fees.model` is pure Python, and this script checks it reproduces scikit-learn's
probabilities before it writes the file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from tstd.fees.model import FORMAT, grams, model_from, notice_text  # noqa: E402

CORPORA = REPO / "tests" / "fees"
# (corpus, halves) that train the model: both halves of every spent corpus.
SPENT = tuple(line.strip() for line in (CORPORA / "spent.txt").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#"))
TRAINING = tuple((corpus, ("dev", "held")) for corpus in SPENT)
# The team's own labelled fee texts (the tests' data files): hard lawful look-alikes and abusive sentences.
TEAM = CORPORA / "data"
ORDINARY = CORPORA / "ordinary"
C = 4.0  # inverse regularisation: chosen by --cv across corpora, not on any test set
OUT = REPO / "rules" / "fee-notice-model.json"
SIGNIFICANT = 7


def items(corpus: str, halves: tuple[str, ...]) -> list[dict[str, Any]]:
    out = []
    for half in halves:
        data = yaml.safe_load((CORPORA / corpus / f"{half}.yaml").read_text(encoding="utf-8"))
        for item in data:
            out.append({**item, "corpus": corpus, "half": half})
    return out


def team_items() -> list[dict[str, Any]]:
    """The labelled texts of tests/fees/data: abusive sentences (prohibited), clean notices (lawful), paraphrases."""
    def load(name: str) -> Any:
        return yaml.safe_load((TEAM / name).read_text(encoding="utf-8"))

    out = [{"label": "prohibited", "text": t, "corpus": "team"} for ts in load("abusive_sentences.yaml").values() for t in ts]
    out += [{"label": "lawful", "title": i.get("title"), "text": i["text"], "corpus": "team"} for i in load("clean_notices.yaml")]
    out += [{"label": i["label"], "text": i["text"], "corpus": "team"} for i in load("paraphrases.yaml")]
    # ordinary lawful notices (dues reminders, meetings, calls for comments …): the train half only; the held
    # half measures how often the pack speaks on ordinary text (benchmarks/fees.py)
    ordinary = yaml.safe_load((ORDINARY / "train.yaml").read_text(encoding="utf-8"))
    out += [{"label": "lawful", "title": i.get("title"), "text": i["text"], "corpus": "ordinary"} for i in ordinary]
    return out


def fit(texts: list[str], labels: list[bool]) -> tuple[Any, Any]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer=grams, sublinear_tf=True, min_df=2)
    matrix = vectorizer.fit_transform(texts)
    classifier = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(matrix, labels)
    return vectorizer, classifier


def _round(x: float) -> float:
    return float(f"{x:.{SIGNIFICANT}g}")


def cross_validate(data: list[dict[str, Any]]) -> None:
    """Train on all corpora but one, test on that one: the model's figures on writers it never saw."""
    for held_out in sorted({d["corpus"] for d in data}):
        train = [d for d in data if d["corpus"] != held_out]
        test = [d for d in data if d["corpus"] == held_out]
        vec, clf = fit([notice_text(d.get("title"), d["text"]) for d in train], [d["label"] == "prohibited" for d in train])
        probs = clf.predict_proba(vec.transform([notice_text(d.get("title"), d["text"]) for d in test]))[:, 1]
        bad = [p for d, p in zip(test, probs, strict=True) if d["label"] == "prohibited"]
        good = [p for d, p in zip(test, probs, strict=True) if d["label"] == "lawful"]
        for at in (0.6, 0.65, 0.7):
            print(f"{held_out:<6} warn_at {at}: prohibited found {sum(p >= at for p in bad)}/{len(bad)}, "
                  f"lawful flagged {sum(p >= at for p in good)}/{len(good)}; lawful below 0.3 "
                  f"{sum(p < 0.3 for p in good)}/{len(good)}, prohibited below 0.3 {sum(p < 0.3 for p in bad)}, "
                  f"below 0.1 {sum(p < 0.1 for p in bad)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cv", action="store_true", help="leave-one-corpus-out figures; write nothing")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = [d for corpus, halves in TRAINING for d in items(corpus, halves)] + team_items()
    if args.cv:
        cross_validate(data)
        return
    texts = [notice_text(d.get("title"), d["text"]) for d in data]
    vec, clf = fit(texts, [d["label"] == "prohibited" for d in data])
    weights = clf.coef_[0]
    features = {g: [_round(vec.idf_[i]), _round(weights[i])] for g, i in sorted(vec.vocabulary_.items())}
    doc = {"format": FORMAT, "kind": "fee-notice logistic regression over character 1-2-gram tf-idf",
           "trained_on": [f"tests/fees/{c}/{h}.yaml" for c, halves in TRAINING for h in halves]
           + [f"tests/fees/data/{n}" for n in ("abusive_sentences.yaml", "clean_notices.yaml", "paraphrases.yaml")]
           + ["tests/fees/ordinary/train.yaml"],
           "items": len(data), "C": C, "bias": _round(clf.intercept_[0]), "features": features}
    # The pure-Python inference on the rounded weights must give scikit-learn's probabilities.
    model = model_from(doc, "new model")
    expected = clf.predict_proba(vec.transform(texts))[:, 1]
    worst = max(abs(model.probability(t) - p) for t, p in zip(texts, expected, strict=True))
    if worst > 1e-4:
        raise SystemExit(f"pure-Python inference differs from scikit-learn by {worst:.2e}")
    picks = [0, 1, len(data) // 3, len(data) // 2, 2 * len(data) // 3, len(data) - 1]
    doc["checks"] = [{"text": texts[i], "p": model.probability(texts[i]), "sklearn": float(expected[i])} for i in picks]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    tmp.replace(args.out)
    print(f"{args.out}: {len(features)} features from {len(data)} texts; max |p - sklearn| {worst:.1e}")


if __name__ == "__main__":
    main()
