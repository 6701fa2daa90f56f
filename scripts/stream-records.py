"""Write the stream-mode test records the engine tests share:

    stream-records.py WORK

writes WORK/records.jsonl (24 records: 12 inline, 11 by path relative to
WORK/base, 1 whose source is missing) and the files under WORK/base/texts.
"""

import json, sys
work = sys.argv[1]
nb_words = ["Rapporten", "Tiltaket", "Utvalget", "Regjeringen"]
en_words = ["The report", "The measure", "The committee", "The government"]
out = []
for i in range(24):
    a, b = nb_words[i % 4], en_words[i % 4]
    nb = f"{a} kom i {2000 + i}. Den har {i + 3} deler.\n\nVi leste den nøye. Den var god.\n"
    en = f"{b} came in {2000 + i}. It has {i + 3} parts.\n\nWe read it carefully. It was good.\n"
    rid = f"pair-{i:02d}"
    if i == 13:
        out.append({"id": rid, "src": "texts/missing.nb.txt", "tgt": "texts/pair-00.en.txt"})
    elif i % 2 == 0:
        out.append({"id": rid, "src_text": nb, "tgt_text": en, "src_lang": "nb", "tgt_lang": "en"})
    else:
        open(f"{work}/base/texts/{rid}.nb.txt", "w").write(nb)
        open(f"{work}/base/texts/{rid}.en.txt", "w").write(en)
        out.append({"id": rid, "src": f"texts/{rid}.nb.txt", "tgt": f"texts/{rid}.en.txt"})
open(f"{work}/base/texts/pair-00.en.txt", "w").write("The report came in 2000.\n")
with open(f"{work}/records.jsonl", "w") as f:
    for r in out:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
