#!/usr/bin/env python3
"""Plant translation inconsistencies into copies of aligned documents.

usage: scripts/plant-inconsistencies.py BASELINE_TERMS_CSV OUT_DIR BASE.csv [BASE.csv ...]
           [--editions N] [--sentences 40] [--terms 40] [--lexicon FREEDICT_TSV] [--seed 17]

Each BASE.csv is an aligned-pairs CSV (`tolk align --format csv`); its
editions OUT_DIR/<name>.e1.csv … <name>.eN.csv are copies of it, as if the
report had been published N times with the same text. Then, in editions
other than the first:

- SENTENCES repeated source sentences (every sentence repeats, since the
  editions are copies) get a different translation: a connective is put in
  front of the English sentence ("Moreover, the …"), a retranslation that
  keeps every word the original had;
- TERMS term occurrences get a different rendering: a source term of
  BASELINE_TERMS_CSV (`tolk consistency` on the unplanted editions) whose
  dominant rendering is one word, in a pair whose English contains that word
  once (and no other term of the sentence has that dominant rendering),
  has it replaced by another English translation of the term from the
  dictionary (--lexicon), or when it lists none, by a synonym of the
  rendering (an English word sharing a Norwegian translation with it);
  terms with neither are skipped, and so are terms of the least frequency
  in the list (a planted pair can push them out of it).

Rows touched by a sentence plant are never used for a term plant. What was
planted goes to OUT_DIR/plants.jsonl, one object per plant:
{"kind": "sentence"|"term", "doc", "pair", "term", "rendering", "was"}.

The unplanted editions are what BASELINE_TERMS_CSV was computed from; to
make them, run this script with --sentences 0 --terms 0 (no terms file is
read then: give `-` for BASELINE_TERMS_CSV).
"""

import csv
import json
import os
import random
import re
import sys

CONNECTIVES = [
    "Moreover", "Furthermore", "In addition", "Likewise", "Notably", "Indeed",
    "Similarly", "Accordingly", "Consequently", "Evidently",
]


def die(msg):
    print("plant-inconsistencies: " + msg, file=sys.stderr)
    sys.exit(2)


def words(text):
    """The words of a text as tolk's terms are: words joined by a hyphen or
    an apostrophe are one (a term does not occur inside `MIDI-lyd`)."""
    return re.findall(r"[^\W_]+(?:['’-](?=[^\W\d_])[^\W_]+)*", text.lower())


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_rows(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def lexicon(path):
    """nb word -> set of English single-word translations (freedict), and
    English word -> set of nb words."""
    out, back = {}, {}
    if not path:
        return out, back
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = next(i for i, h in enumerate(header) if "translation" in h)
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if len(cells) <= col or " " in cells[0]:
                continue
            for t in re.split(r"[,;]", cells[col]):
                t = t.strip().lower()
                if t and " " not in t:
                    out.setdefault(t, set()).add(cells[0].lower())
                    back.setdefault(cells[0].lower(), set()).add(t)
    return out, back


def main(argv):
    opts = {"--editions": "3", "--sentences": "40", "--terms": "40", "--lexicon": "", "--seed": "17"}
    pos = []
    i = 0
    while i < len(argv):
        if argv[i] in opts:
            if i + 1 >= len(argv):
                die("%s needs a value" % argv[i])
            opts[argv[i]] = argv[i + 1]
            i += 2
        else:
            pos.append(argv[i])
            i += 1
    if len(pos) < 3:
        die("usage: plant-inconsistencies.py BASELINE_TERMS_CSV OUT_DIR BASE.csv [BASE.csv ...]")
    terms_csv, out_dir, bases = pos[0], pos[1], pos[2:]
    n_ed, n_sent, n_term = int(opts["--editions"]), int(opts["--sentences"]), int(opts["--terms"])
    rng = random.Random(int(opts["--seed"]))
    os.makedirs(out_dir, exist_ok=True)

    # editions: doc id -> (header, rows)
    eds = {}
    order = []
    for base in bases:
        name = os.path.basename(base)
        name = name[:-4] if name.endswith(".csv") else name
        rows = read_rows(base)
        if not rows:
            die("%s: no rows" % base)
        header = list(rows[0].keys())
        for k in range(1, n_ed + 1):
            doc = "%s.e%d" % (name, k)
            eds[doc] = (header, [dict(r) for r in rows])
            order.append(doc)
    planted_docs = [d for d in order if not d.endswith(".e1")]
    plants = []
    touched = set()

    # Sentences: source sentences of 6+ words, unique in their document.
    if n_sent:
        cands = []
        for doc in planted_docs:
            rows = eds[doc][1]
            counts = {}
            for r in rows:
                counts[r["src_text"].strip()] = counts.get(r["src_text"].strip(), 0) + 1
            for k, r in enumerate(rows):
                s, t = r["src_text"].strip(), r["tgt_text"].strip()
                if len(words(s)) >= 6 and len(words(t)) >= 6 and counts[s] == 1 and s != t:
                    cands.append((doc, k))
        rng.shuffle(cands)
        used_src = set()
        for doc, k in cands:
            if len([p for p in plants if p["kind"] == "sentence"]) >= n_sent:
                break
            r = eds[doc][1][k]
            base_doc = doc.rsplit(".e", 1)[0]
            key = (base_doc, r["src_text"].strip())
            if key in used_src:
                continue  # one plant per sentence: the other copies stay as they were
            used_src.add(key)
            c = CONNECTIVES[len(plants) % len(CONNECTIVES)]
            t = r["tgt_text"].strip()
            was = t
            r["tgt_text"] = "%s, %s" % (c, t[0].lower() + t[1:] if t[:2] != t[:2].upper() else t)
            touched.add((doc, k))
            plants.append({"kind": "sentence", "doc": doc, "pair": int(r["pair"]), "was": was,
                           "rendering": r["tgt_text"]})

    # Terms.
    if n_term:
        lex, back = lexicon(opts["--lexicon"])
        terms = []
        with open(terms_csv, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
            # The least frequency of a single-word term in the list: terms
            # at it are not planted, since a planted pair (one that had the
            # same text on both sides and so did not count) can move
            # another term of that frequency into the list in their place.
            floor = min((int(r["frequency"]) for r in rows if r["words"] == "1" and r["glossary"] != "yes"),
                        default=0)
            seen = set()
            dominant = {}
            for row in rows:
                t = row["term"]
                if t in seen:
                    continue
                seen.add(t)  # the first row of a term is its dominant rendering
                r = row["rendering"]
                if row["words"] == "1":
                    dominant[t] = r
                if (row["words"] == "1" and r and " " not in r and row["evidence"] == "associated"
                        and float(row["share"]) >= 0.5 and int(row["frequency"]) >= 3 * n_ed
                        and int(row["frequency"]) > floor):
                    # the term's other translations, else synonyms of the
                    # rendering (English words sharing a Norwegian translation)
                    alts = set(lex.get(t, ()))
                    if not alts - {r}:
                        for n in back.get(r, ()):
                            alts |= lex.get(n, set())
                    alts = sorted(a for a in alts if a != r and a.isalpha() and " " not in a)
                    if alts:
                        terms.append((t, r, alts))
        rng.shuffle(terms)
        for t, r, alts in terms:
            if len([p for p in plants if p["kind"] == "term"]) >= n_term:
                break
            places = []
            for doc in planted_docs:
                for k, row in enumerate(eds[doc][1]):
                    if (doc, k) in touched:
                        continue
                    src = words(row["src_text"])
                    # Another term of the sentence rendered the same way
                    # would make the plant ambiguous (»fil, og denne filen«:
                    # one "file" for two terms).
                    if (t in src and words(row["tgt_text"]).count(r) == 1
                            and not any(dominant.get(w) == r for w in set(src) - {t})):
                        places.append((doc, k))
            if not places:
                continue
            doc, k = rng.choice(places)
            row = eds[doc][1][k]
            tgt_words = set(words(row["tgt_text"]))
            choices = [a for a in alts if a not in tgt_words]
            if not choices:
                continue
            alt = rng.choice(choices)

            def swap(m):
                w = m.group(0)
                return alt.capitalize() if w[0].isupper() else alt

            row["tgt_text"] = re.sub(r"(?<![\w'’-])%s(?![\w'’-])" % re.escape(r), swap, row["tgt_text"],
                                     count=1, flags=re.IGNORECASE)
            touched.add((doc, k))
            plants.append({"kind": "term", "doc": doc, "pair": int(row["pair"]), "term": t,
                           "rendering": alt, "was": r})

    for doc in order:
        header, rows = eds[doc]
        write_rows(os.path.join(out_dir, doc + ".csv"), header, rows)
    with open(os.path.join(out_dir, "plants.jsonl"), "w", encoding="utf-8") as f:
        for p in plants:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    with open(os.path.join(out_dir, "editions.txt"), "w", encoding="utf-8") as f:
        for doc in order:
            f.write(os.path.join(out_dir, doc + ".csv") + "\n")
    kinds = [p["kind"] for p in plants]
    print("planted %d sentences and %d terms in %d editions" % (
        kinds.count("sentence"), kinds.count("term"), len(order)), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
