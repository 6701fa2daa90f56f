#!/usr/bin/env python3
"""Build the tolk sample corpus from its hand-written interleaved source.

The source (corpora/tools/utsyn-2026.pairs) holds both editions side by side,
one *unit* per N:/E: line pair, grouped into typed blocks:

    @h1 @h2        Markdown headings ("# ", "## ")
    @nh            numbered heading on its own line ("1 Russland")
    @p             body paragraph (hard-wrapped at 90 columns)
    @ul- @ulb @ol  list with "– ", "• " or "1) " items (one unit = one item)
    @cap           caption paragraph ("Figur 2.1 ...")
    @fn            footnote definitions, one "[^n]: text" line per unit
    @pg            page-number-only line

Within a unit, " || " separates sentences (so "N: A. || B." + "E: AB." is a
2-1 bead), and "~" means the side is empty (a 1-0 or 0-1 bead).  A block whose
units are all "~" on one side is left out of that edition.  "¦" inside a word
forces a line-end soft hyphen at that point ("etterretnings-" / "tjenesten").

Usage: build.py SOURCE STEM [--nb-only]
writes STEM.nb.md, STEM.en.md, STEM.{nb,en}.sentences.txt and STEM.gold.beads.
With --nb-only only STEM.nb.md is written (the revised edition for `tolk diff`).
"""
import re
import sys

WIDTH = 90
BULLET = {"@ul-": "– ", "@ulb": "• "}
BAD_LINE_START = re.compile(r"^(#|– |• |- |\* |\d+\) |[a-z]\) |\[\^|Figur |Figure |Tabell |Table )")


def parse(path):
    blocks = []
    cur = None
    pending_n = None
    for lineno, raw in enumerate(open(path, encoding="utf-8"), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("%"):
            continue
        if line.startswith("@"):
            cur = {"type": line.split()[0], "units": [], "line": lineno}
            blocks.append(cur)
            continue
        if line.startswith("N: ") or line == "N:":
            if pending_n is not None:
                sys.exit(f"{path}:{lineno}: N: without E:")
            pending_n = line[3:].strip()
        elif line.startswith("E: ") or line == "E:":
            if pending_n is None:
                sys.exit(f"{path}:{lineno}: E: without N:")
            cur["units"].append((pending_n, line[3:].strip(), lineno))
            pending_n = None
        else:
            sys.exit(f"{path}:{lineno}: unexpected line: {line!r}")
    return blocks


def sentences(unit):
    if unit == "~":
        return []
    return [s.strip() for s in unit.split(" || ")]


def wrap(text, indent=""):
    """Greedy wrap at WIDTH; '¦' forces a soft-hyphen break."""
    lines = []
    cur = ""
    for word in text.split(" "):
        parts = word.split("¦")
        for k, part in enumerate(parts):
            last = k == len(parts) - 1
            piece = part if last else part + "-"
            if cur and len(cur) + 1 + len(piece) > WIDTH:
                lines.append(cur)
                cur = indent + piece
            elif cur and k == 0:
                cur += " " + piece
            elif k == 0:
                cur = piece
            else:
                cur += piece
            if not last:
                lines.append(cur)
                cur = indent
    if cur.strip():
        lines.append(cur)
    for ln in lines[1:]:
        if BAD_LINE_START.match(ln.strip()) or re.fullmatch(r"\d+", ln.strip()):
            sys.exit(f"continuation line looks like structure: {ln!r}")
    return lines


def render(blocks, side):
    """Return (markdown paragraphs, segments, per-unit segment counts)."""
    paras, segs, counts = [], [], []
    for b in blocks:
        t = b["type"]
        texts = [u[side] for u in b["units"]]
        unit_sents = [sentences(x) for x in texts]
        counts.extend(len(s) for s in unit_sents)
        flat = [s for ss in unit_sents for s in ss]
        if not flat:
            continue
        segs.extend(s.replace("¦", "") for s in flat)
        if t == "@h1":
            paras.append("# " + flat[0])
        elif t == "@h2":
            paras.append("## " + flat[0])
        elif t in ("@nh", "@pg", "@cap"):
            assert len(flat) == 1, b
            paras.append("\n".join(wrap(flat[0])))
        elif t == "@p":
            paras.append("\n".join(wrap(" ".join(flat))))
        elif t in BULLET:
            paras.append("\n".join("\n".join(wrap(BULLET[t] + s, "  ")) for s in flat))
        elif t == "@ol":
            paras.append(
                "\n".join("\n".join(wrap(f"{i}) " + s, "   ")) for i, s in enumerate(flat, 1))
            )
        elif t == "@fn":
            out = []
            for s in flat:
                m = re.match(r"\[\^(\d+)\] ", s)
                assert m, s
                out.append(f"[^{m.group(1)}]: " + s[m.end():])
            paras.append("\n".join(out))
            # segment text is the footnote text without its marker
            del segs[len(segs) - len(flat):]
            segs.extend(re.sub(r"^\[\^\d+\] ", "", s) for s in flat)
        else:
            sys.exit(f"unknown block type {t} (line {b['line']})")
    return "\n\n".join(paras) + "\n", segs, counts


def main():
    src, stem = sys.argv[1], sys.argv[2]
    nb_only = "--nb-only" in sys.argv
    blocks = parse(src)
    units = []
    for b in blocks:
        for n, e, ln in b["units"]:
            units.append((n, e, ln))
    nb_md, nb_segs, nb_counts = render([{**b, "units": [(u[0],) for u in b["units"]]} for b in blocks], 0)
    open(stem + ".nb.md", "w", encoding="utf-8").write(nb_md)
    if nb_only:
        return
    en_md, en_segs, en_counts = render([{**b, "units": [(u[1],) for u in b["units"]]} for b in blocks], 0)
    beads = []
    i = j = 0
    for (n, e, ln), cn, ce in zip(units, nb_counts, en_counts):
        if cn == 0 and ce == 0:
            sys.exit(f"line {ln}: unit empty on both sides")
        left = ", ".join(str(x) for x in range(i, i + cn))
        right = ", ".join(str(x) for x in range(j, j + ce))
        beads.append(f"[{left}]:[{right}]")
        i += cn
        j += ce
    open(stem + ".en.md", "w", encoding="utf-8").write(en_md)
    open(stem + ".nb.sentences.txt", "w", encoding="utf-8").write("\n".join(nb_segs) + "\n")
    open(stem + ".en.sentences.txt", "w", encoding="utf-8").write("\n".join(en_segs) + "\n")
    open(stem + ".gold.beads", "w", encoding="utf-8").write("\n".join(beads) + "\n")


if __name__ == "__main__":
    main()
