"""Long-run fuzzing of ``tstd check``: mutated declarations, PDFs, zips and rule packs, run through the real CLI.

    python benchmarks/fuzz.py                                 # 10,000 declarations, 1,000 PDFs, 100 zips, 100 packs
    python benchmarks/fuzz.py --declarations 500 --pdfs 50 --zips 10 --packs 10 --seed 7
    nice -n 19 python benchmarks/fuzz.py --out fuzz-report.json

Seeds are the repository's own examples (examples/**/*.yaml), PDFs (tests/fixtures/pdf) and rule packs
(rules/*.yaml). Each mutant is written to a temporary directory; mutants are checked in batches by one
``tstd check - --format json --output R`` subprocess that is given the files by name on standard input (named
files must each get a result, so a file missing from the report is *lost*). Zips and packs get one run each.

Counted, per kind of input:

* **tracebacks** — "Traceback" on stderr, exit code 3 (internal error), or a TSTD-BATCH-004 finding (a check
  raised or its worker died);
* **hangs** — a TSTD-BATCH-005 finding (a file over ``--timeout``) or a subprocess over its wall-clock bound;
* **lost** — a named file without a result in the report;
* **invalid** — a report that does not validate against schemas/report.schema.json, or an exit code other
  than 0/1 (2 for a broken pack is expected and counted as *refused*).

The mutants that produced a failure are kept under ``--keep`` (default ``fuzz-failures/``) with the CLI's
stderr, so every failure is a reproducer. The figures are counts, not timings: they do not depend on the
machine, only on ``--seed``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHECKED_RULES_CRASH = "TSTD-BATCH-004"
CHECKED_RULES_TIMEOUT = "TSTD-BATCH-005"

# Fragments a hostile or careless submission contains; each mutation splices some in.
HOSTILE_YAML = [
    "x: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nz: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "w: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nv: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
    "r: &r [*r]\n", "q: !!bool maybe\n", "t: !!timestamp 2024-99-99\n", "b: !!binary '***'\n",
    "? [a, b]\n: 1\n", "1: 2\n", "~: null\n", "n: " + "9" * 5000 + "\n", "deep: " + "[" * 300 + "]" * 300 + "\n",
    "organization: /etc/passwd\n", "organization: ../../../../../../etc/hostname\n", "organization: /dev/zero\n",
    "standard: {full_text: {file: /etc/passwd}}\n", "standard: {full_text: {file: ../../../../etc/passwd}}\n",
    "title: \"\\e[2J\\e]52;c;cm0gLXJmIH4=\\a全部通过\"\n", "standard: {number: '=cmd|calc'}\n",
    "date: 9999-12-31\n", "release_date: 0001-01-01\n", "standard: {ics: 01.120, ics: [1, 2]}\n",
    "<<: {a: 1}\n", "\ufeff", "\x00", "\t", "key with spaces | and pipes: `x`\n", "'a|b': 1\n",
]
HOSTILE_SCALARS = ["", "~", "null", "yes", "no", "0x1F", "1e999", "-.inf", ".nan", "2024-02-30", "9999-12-31",
                   "T/CAS 1—2020", "ＴＳ／ＣＡＳ　１－２０２０", "\u202e", "\x1b[31m", "a" * 5000, "{", "[", "'", '"',
                   "*undefined", "&anchor", "!!python/object:os.system", "%YAML 1.1"]


@dataclass
class Tally:
    """Counts for one kind of input."""

    inputs: int = 0
    runs: int = 0
    tracebacks: int = 0
    hangs: int = 0
    lost: int = 0
    invalid: int = 0
    refused: int = 0
    seconds: float = 0.0
    rules: Counter[str] = field(default_factory=Counter)


# ---------------------------------------------------------------------- mutators


def mutate_text(rng: random.Random, text: str) -> str:
    """One to four edits of a declaration's text: splice hostile fragments, replace scalars, drop, duplicate
    or swap lines, truncate, flip characters, change the encoding."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(9)
        i = rng.randrange(len(lines)) if lines else 0
        if op == 0:
            lines.insert(i, rng.choice(HOSTILE_YAML).rstrip("\n"))
        elif op == 1 and lines and ":" in lines[i]:
            key, _, _ = lines[i].partition(":")
            lines[i] = f"{key}: {rng.choice(HOSTILE_SCALARS)}"
        elif op == 2 and lines:
            del lines[i]
        elif op == 3 and lines:
            lines.insert(i, lines[i])
        elif op == 4 and len(lines) > 1:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 5:
            lines = lines[: rng.randrange(len(lines) + 1)]
        elif op == 6 and lines and lines[i]:
            k = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:k] + chr(rng.choice([0, 7, 9, 27, 0x85, 0x9B, 0x202E, 0xFEFF, 0x3000, 0xD7FF,
                                                       rng.randrange(32, 0x3000)])) + lines[i][k + 1:]
        elif op == 7 and lines:
            lines[i] = " " * rng.randrange(8) + lines[i]
        else:
            lines.append(rng.choice(HOSTILE_YAML).rstrip("\n"))
    return "\n".join(lines)


def encode(rng: random.Random, text: str) -> bytes:
    choice = rng.randrange(10)
    if choice == 0:
        return text.encode("gb18030", errors="replace")
    if choice == 1:
        return text.encode("utf-16")
    if choice == 2:
        return b"\xef\xbb\xbf" + text.encode("utf-8", errors="replace")
    raw = text.encode("utf-8", errors="surrogatepass")
    if choice == 3 and raw:
        k = rng.randrange(len(raw))
        raw = raw[:k] + bytes([rng.randrange(256)]) + raw[k + 1:]
    return raw


def mutate_pdf(rng: random.Random, data: bytes) -> bytes:
    """Byte flips, truncation, duplicated or deleted ranges, a decompression bomb or a dense stream spliced in."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(7)
        n = len(out)
        if n == 0:
            break
        i = rng.randrange(n)
        if op == 0:
            for _ in range(rng.randint(1, 20)):
                out[rng.randrange(n)] = rng.randrange(256)
        elif op == 1:
            del out[rng.randrange(n):]
        elif op == 2:
            j = min(n, i + rng.randint(1, 4096))
            out[i:i] = out[i:j]
        elif op == 3:
            del out[i:i + rng.randint(1, 4096)]
        elif op == 4:
            bomb = zlib.compress(b"\0" * rng.choice([1 << 20, 200 << 20]), 9)
            out[i:i] = b"\n99 0 obj <</Length %d /Filter /FlateDecode>>\nstream\n" % len(bomb) + bomb + b"\nendstream\n"
        elif op == 5:
            dense = zlib.compress(b"BT /F1 1 Tf " + b"(x) Tj " * 200_000 + b"ET", 9)
            out[i:i] = b"\n98 0 obj <</Length %d /Filter /FlateDecode>>\nstream\n" % len(dense) + dense + b"\nendstream\n"
        else:
            out[i:i] = rng.choice([b"/Encrypt", b"trailer", b"xref\n0 1\n", b"%%EOF", b"/Type /Page"])
    return bytes(out)


# ---------------------------------------------------------------------- running


def run_cli(args: list[str], stdin: str, timeout: float) -> tuple[int | None, str, float]:
    start = time.monotonic()
    try:
        proc = subprocess.run([sys.executable, "-m", "tstd", *args], input=stdin, capture_output=True, text=True,
                              timeout=timeout, cwd=REPO)
    except subprocess.TimeoutExpired as exc:
        err = exc.stderr.decode("utf-8", "replace") if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        return None, err, time.monotonic() - start
    return proc.returncode, proc.stderr, time.monotonic() - start


def validator() -> Callable[[object], list[str]]:
    import jsonschema

    schema = json.loads((REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    checker = jsonschema.Draft202012Validator(schema)
    return lambda report: [e.message for e in checker.iter_errors(report)]


def check_batch(files: list[Path], tally: Tally, keep: Path, work: Path, per_file: float, validate: Callable,
                extra: list[str] | None = None) -> None:
    report = work / "report.json"
    report.unlink(missing_ok=True)
    args = ["check", "-", "--format", "json", "--output", str(report), "--timeout", str(per_file),
            "--jobs", "1", "--fail-on", "never", *(extra or [])]
    code, stderr, seconds = run_cli(args, "\n".join(str(f) for f in files), timeout=per_file * len(files) + 120)
    tally.runs += 1
    tally.seconds += seconds
    failed: set[Path] = set()
    if code is None:
        tally.hangs += 1
        failed.update(files)
    elif "Traceback" in stderr or code == 3:
        tally.tracebacks += 1
        failed.update(files)
    elif code not in (0, 1):
        tally.invalid += 1
        failed.update(files)
    if code in (0, 1) and report.exists():
        data = json.loads(report.read_text(encoding="utf-8"))
        if validate(data):
            tally.invalid += 1
            failed.update(files)
        seen = {r["file"]: r for r in data["results"]}
        for f in files:
            result = seen.get(str(f))
            if result is None:
                tally.lost += 1
                failed.add(f)
                continue
            rules = [x["rule"] for x in result["findings"]]
            tally.rules.update(r for r in rules if r.startswith(("TSTD-INPUT", "TSTD-BATCH")))
            if CHECKED_RULES_CRASH in rules:
                tally.tracebacks += 1
                failed.add(f)
            if CHECKED_RULES_TIMEOUT in rules:
                tally.hangs += 1
                failed.add(f)
    for f in failed:
        keep.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, keep / f.name)
        (keep / (f.name + ".stderr")).write_text(stderr[-4000:], encoding="utf-8")


def fuzz_declarations(n: int, rng: random.Random, keep: Path, validate: Callable, batch: int) -> Tally:
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in sorted(REPO.glob("examples/**/*.yaml"))]
    seeds = [t for t in texts if "tstd:" in t]
    tally = Tally()
    done = 0
    while done < n:
        with tempfile.TemporaryDirectory(prefix="tstd-fuzz-") as tmp:
            work = Path(tmp)
            files = []
            for k in range(min(batch, n - done)):
                suffix = ".json" if rng.random() < 0.1 else ".yaml"
                text = mutate_text(rng, rng.choice(seeds))
                if suffix == ".json":  # JSON hazards spliced in as text: deep nesting, huge integers, NaN
                    hazard = rng.choice(["[" * 200 + "]" * 200, "1" * 5000, "{}", '"a"', "NaN", "0", '{"a": 1, "a": 2}'])
                    text = ('{"tstd": 1, "standard": {"title": ' + json.dumps(text[:200], ensure_ascii=False)
                            + '}, "x": ' + hazard + "}")
                path = work / f"d{done + k:06d}{suffix}"
                path.write_bytes(encode(rng, text))
                files.append(path)
            (work / "organization.yaml").write_text("name: 某协会\n", encoding="utf-8")
            check_batch(files, tally, keep / "declarations", work, 10.0, validate)
            tally.inputs += len(files)
            done += len(files)
            print(f"declarations {done}/{n}: {tally.tracebacks} tracebacks, {tally.hangs} hangs, {tally.lost} lost, "
                  f"{tally.invalid} invalid", file=sys.stderr, flush=True)
    return tally


def fuzz_pdfs(n: int, rng: random.Random, keep: Path, validate: Callable, batch: int) -> Tally:
    seeds = [p.read_bytes() for p in sorted((REPO / "tests" / "fixtures" / "pdf").glob("*.pdf"))]
    tally = Tally()
    done = 0
    while done < n:
        with tempfile.TemporaryDirectory(prefix="tstd-fuzz-") as tmp:
            work = Path(tmp)
            files = []
            for k in range(min(batch, n - done)):
                path = work / f"p{done + k:05d}.pdf"
                path.write_bytes(mutate_pdf(rng, rng.choice(seeds)))
                files.append(path)
            check_batch(files, tally, keep / "pdfs", work, 30.0, validate)
            tally.inputs += len(files)
            done += len(files)
            print(f"pdfs {done}/{n}: {tally.tracebacks} tracebacks, {tally.hangs} hangs, {tally.lost} lost, "
                  f"{tally.invalid} invalid", file=sys.stderr, flush=True)
    return tally


def fuzz_zips(n: int, rng: random.Random, keep: Path, validate: Callable) -> Tally:
    seeds = [p.read_bytes().decode("utf-8", errors="replace") for p in sorted(REPO.glob("examples/*.yaml"))]
    tally = Tally()
    for z in range(n):
        with tempfile.TemporaryDirectory(prefix="tstd-fuzz-") as tmp:
            work = Path(tmp)
            archive = work / f"z{z:04d}.zip"
            with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                for m in range(rng.randint(1, 8)):
                    name = rng.choice([f"m{m}.yaml", f"sub/m{m}.yaml", f"../m{m}.yaml", f"/abs{m}.yaml",
                                       "标准" + str(m) + ".yaml", "a" * 200 + f"{m}.yaml", "dup.yaml"])
                    zf.writestr(name, mutate_text(rng, rng.choice(seeds)))
            data = bytearray(archive.read_bytes())
            if rng.random() < 0.5 and len(data) > 200:  # corrupt a member's compressed bytes
                at = rng.randrange(40, len(data) - 100)
                data[at:at + 8] = bytes(rng.randrange(256) for _ in range(8))
                archive.write_bytes(bytes(data))
            report = work / "report.json"
            code, stderr, seconds = run_cli(["check", str(archive), "-f", "json", "-o", str(report), "--timeout", "10",
                                             "-j", "1", "--fail-on", "never"], "", 300)
            tally.inputs += 1
            tally.runs += 1
            tally.seconds += seconds
            bad = code is None or "Traceback" in stderr or code not in (0, 1) or not report.exists()
            if code is None:
                tally.hangs += 1
            elif "Traceback" in stderr or code == 3:
                tally.tracebacks += 1
            elif bad:
                tally.invalid += 1
            elif validate(json.loads(report.read_text(encoding="utf-8"))):
                tally.invalid += 1
                bad = True
            if bad:
                (keep / "zips").mkdir(parents=True, exist_ok=True)
                shutil.copy(archive, keep / "zips" / archive.name)
                (keep / "zips" / (archive.name + ".stderr")).write_text(stderr[-4000:], encoding="utf-8")
    return tally


def fuzz_packs(n: int, rng: random.Random, keep: Path, validate: Callable) -> Tally:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "rules").glob("*.yaml"))
             if p.name not in ("input.yaml", "batch.yaml", "conduct.yaml")]
    example = REPO / "examples" / "compliant-rice-cooker.yaml"
    hostile = REPO / "examples" / "fees"  # notices and fee lists: what the text and fee rules read
    tally = Tally()
    for k in range(n):
        with tempfile.TemporaryDirectory(prefix="tstd-fuzz-") as tmp:
            work = Path(tmp)
            text = rng.choice(seeds)
            # A new pack, not a replacement: its own pack id and rule ids (TSTD-DISC-001 → TSTD-FZDISC-001).
            text = text.replace("pack:\n  id: ", f"pack:\n  id: fz{k}", 1).replace("TSTD-", "TSTD-FZ")
            mutations = [
                lambda t: t.replace("regex: ", 'regex: "^(a+)+$" #', 1),  # loads (RE2-valid), must not hang
                lambda t: t.replace("message: {zh: \"", 'message: {zh: "{path:>1000000000}', 1),  # refused
                lambda t: t.replace("message: {zh: \"", 'message: {zh: "{value.__class__}', 1),  # refused
                lambda t: t.replace("    when: {", '    when: {matches: "((", ', 1),  # refused
                lambda t: t.replace("    when: {", "    when: {not: " * 40 + "{", 1),  # refused (depth)
                lambda t: t,  # unchanged: the pack must load and run
                lambda t: mutate_text(rng, t),
            ]
            for _ in range(rng.randint(1, 2)):
                text = rng.choice(mutations)(text)
            pack = work / "pack.yaml"
            pack.write_text(text, encoding="utf-8")
            report = work / "report.json"
            code, stderr, seconds = run_cli(["check", str(example), str(hostile), "--rules", str(pack), "-f", "json", "-o",
                                             str(report), "--timeout", "10", "--fail-on", "never"], "", 120)
            tally.inputs += 1
            tally.runs += 1
            tally.seconds += seconds
            bad = False
            if code is None:
                tally.hangs += 1
                bad = True
            elif "Traceback" in stderr or code == 3:
                tally.tracebacks += 1
                bad = True
            elif code == 2:
                tally.refused += 1
            elif code not in (0, 1) or not report.exists() or validate(json.loads(report.read_text(encoding="utf-8"))):
                tally.invalid += 1
                bad = True
            if bad:
                (keep / "packs").mkdir(parents=True, exist_ok=True)
                shutil.copy(pack, keep / "packs" / f"pack{k}.yaml")
                (keep / "packs" / f"pack{k}.stderr").write_text(stderr[-4000:], encoding="utf-8")
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--declarations", type=int, default=10_000)
    parser.add_argument("--pdfs", type=int, default=1_000)
    parser.add_argument("--zips", type=int, default=100)
    parser.add_argument("--packs", type=int, default=100)
    parser.add_argument("--batch", type=int, default=500, help="declarations per CLI run (PDFs: a fifth)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--keep", type=Path, default=Path("fuzz-failures"))
    parser.add_argument("--out", type=Path, help="write the figures as JSON here too")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    validate = validator()
    os.environ.setdefault("NO_COLOR", "1")
    tallies = {
        "declarations": fuzz_declarations(args.declarations, rng, args.keep, validate, args.batch),
        "pdfs": fuzz_pdfs(args.pdfs, rng, args.keep, validate, max(1, args.batch // 5)),
        "zips": fuzz_zips(args.zips, rng, args.keep, validate),
        "packs": fuzz_packs(args.packs, rng, args.keep, validate),
    }
    figures = {kind: {"inputs": t.inputs, "cli_runs": t.runs, "tracebacks": t.tracebacks, "hangs": t.hangs,
                      "lost": t.lost, "invalid_reports": t.invalid, "refused_exit_2": t.refused,
                      "seconds": round(t.seconds, 1), "input_findings": dict(t.rules.most_common(12))}
               for kind, t in tallies.items()}
    print(json.dumps({"seed": args.seed, "figures": figures}, ensure_ascii=False, indent=2))
    if args.out:
        args.out.write_text(json.dumps({"seed": args.seed, "figures": figures}, ensure_ascii=False, indent=2),
                            encoding="utf-8")
    bad = sum(t.tracebacks + t.hangs + t.lost + t.invalid for t in tallies.values())
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
