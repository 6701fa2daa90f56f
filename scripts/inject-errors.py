#!/usr/bin/env python3
"""Inject translation errors into clean aligned pairs, for evaluating `tolk check`.

Usage: inject-errors.py CLEAN.csv OUT.csv TRUTH.tsv [--per-kind N] [--seed S]

CLEAN.csv has the `tolk align` columns (pair,src_ids,tgt_ids,type,confidence,
src_text,tgt_text), one clean 1-1 pair per row. OUT.csv gets the same pairs
with errors injected into some of them (each pair gets at most one):

  number        a digit number in the target changed to another value
  omission      the target sentence dropped (the pair becomes 1-0)
  name          a name in the target swapped for another name of the corpus
  untranslated  the target replaced by the source sentence
  inconsistent  the source duplicated further on, translated slightly differently

TRUTH.tsv lists `pair<TAB>kind` for every injected pair (pair ids of OUT.csv).
The generator is ours; it only reads the clean pairs it is given.
"""

import argparse
import csv
import random
import re
import sys

NUM = re.compile(r"(?<![\w.,])(\d{1,4})(?![\w.,]?\d)")
CAP = re.compile(r"(?<=[a-zæøå,;] )([A-ZÆØÅ][a-zæøå]{3,})\b")
WORD = re.compile(r"\b([a-zæøå]{5,})\b")


def change_number(src, tgt, rng):
    cands = [m for m in NUM.finditer(tgt)]
    rng.shuffle(cands)
    for m in cands:
        v = int(m.group(1))
        # a new value that appears nowhere in the pair
        for delta in rng.sample([3, 7, 11, 13, 17, 19, 23], 7):
            nv = v + delta if v < 1000 else v + delta * 10
            s = str(nv)
            if s not in src and s not in tgt:
                return tgt[: m.start()] + s + tgt[m.end():]
    return None


def swap_name(src, tgt, names, rng):
    cands = [m for m in CAP.finditer(tgt) if m.group(1) in src]
    rng.shuffle(cands)
    for m in cands:
        pool = [n for n in names if n not in src and n not in tgt
                and n[:3].lower() != m.group(1)[:3].lower()]
        if pool:
            return tgt[: m.start()] + rng.choice(pool) + tgt[m.end():]
    return None


def reword(tgt, rng):
    """A slightly different translation: drop one longer word."""
    words = list(WORD.finditer(tgt))
    if not words:
        return None
    m = rng.choice(words)
    out = (tgt[: m.start()] + tgt[m.end():]).replace("  ", " ")
    return out if out != tgt else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("clean")
    ap.add_argument("out")
    ap.add_argument("truth")
    ap.add_argument("--per-kind", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with open(a.clean, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit(f"{a.clean}: no pairs")
    # names of the corpus: capitalised words inside target sentences that
    # also occur in the source (so they are names, not English capitals)
    names = sorted({m.group(1) for r in rows for m in CAP.finditer(r["tgt_text"])
                    if m.group(1) in r["src_text"]})
    order = list(range(len(rows)))
    rng.shuffle(order)
    used = set()
    kinds = {}  # original row index -> kind
    dup_after = {}  # original row index -> (src, reworded tgt)
    want = ["number", "omission", "name", "untranslated", "inconsistent"]
    count = {k: 0 for k in want}
    for k in want:
        for i in order:
            if count[k] >= a.per_kind:
                break
            # keep injected pairs apart so each finding has one cause
            if i in used or i - 1 in used or i + 1 in used:
                continue
            r = rows[i]
            src, tgt = r["src_text"], r["tgt_text"]
            new = None
            if k == "number":
                new = change_number(src, tgt, rng)
            elif k == "name":
                new = swap_name(src, tgt, names, rng)
            elif k == "omission":
                new = ""
            elif k == "untranslated":
                new = src
            elif k == "inconsistent":
                t2 = reword(tgt, rng)
                if t2 is None:
                    continue
                # the duplicate goes a few pairs later, at a clean place
                j = i + rng.randint(3, 10)
                if j >= len(rows) or any(x in used for x in (j - 1, j, j + 1)):
                    continue
                dup_after[j] = (src, t2)
                used.update({i, j})
                kinds[("dup", j)] = "inconsistent"
                count[k] += 1
                continue
            if new is None:
                continue
            r["tgt_text"] = new
            kinds[i] = k
            used.add(i)
            count[k] += 1
    out_rows, truth = [], []
    for i, r in enumerate(rows):
        pid = len(out_rows)
        empty = r["tgt_text"] == ""
        out_rows.append({
            "pair": pid, "src_ids": str(i), "tgt_ids": "" if empty else str(i),
            "type": "1-0" if empty else "1-1", "confidence": "1.000",
            "src_text": r["src_text"], "tgt_text": r["tgt_text"],
        })
        if i in kinds:
            truth.append((pid, kinds[i]))
        if i in dup_after:
            src, t2 = dup_after[i]
            pid = len(out_rows)
            out_rows.append({
                "pair": pid, "src_ids": str(100000 + i), "tgt_ids": str(100000 + i),
                "type": "1-1", "confidence": "1.000", "src_text": src, "tgt_text": t2,
            })
            truth.append((pid, "inconsistent"))
    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["pair", "src_ids", "tgt_ids", "type",
                                          "confidence", "src_text", "tgt_text"])
        w.writeheader()
        w.writerows(out_rows)
    with open(a.truth, "w", encoding="utf-8") as f:
        f.write("pair\tkind\n")
        for pid, k in truth:
            f.write(f"{pid}\t{k}\n")
    print(" ".join(f"{k}={count[k]}" for k in want), file=sys.stderr)


if __name__ == "__main__":
    main()
