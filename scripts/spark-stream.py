"""Pipe the records of a JSON Lines file through `tolk batch - --stream`
with PySpark's `RDD.pipe` on a local Spark (2 cores), collect the output
in partition order and write it to standard output.

    spark-stream.py RECORDS BASE MIN_PARTITIONS > out.jsonl

This is the Spark recipe of docs/batch.md: `sc.textFile` cuts the file into
partitions at line boundaries, each partition's records go through one
`tolk` process (found on PATH), and `env=` gives that process a PATH (by
default `pipe` starts it with an empty environment), and `checkCode=True`
fails the job on a fatal tolk error instead of losing the partition's
pairs. Needs Java 17 or later.
"""

import json
import os
import shlex
import sys

from pyspark import SparkConf, SparkContext


def main():
    records, base, parts = sys.argv[1], sys.argv[2], int(sys.argv[3])
    conf = (
        SparkConf()
        .setMaster("local[2]")
        .setAppName("tolk-stream")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
    )
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        lines = sc.textFile("file://" + os.path.abspath(records), minPartitions=parts)
        got = lines.getNumPartitions()
        if got < parts:
            sys.exit(f"spark-stream: got {got} partitions, wanted at least {parts}")
        out = lines.pipe(
            f"tolk batch - --stream --base {shlex.quote(base)} --jobs 1",
            env={"PATH": os.environ["PATH"], "TOLK_JOBS": "1"},
            checkCode=True,
        ).collect()
    finally:
        sc.stop()
    pairs = [r for r in map(json.loads, out) if r["record"] == "pair"]
    print(f"spark-stream: {got} partitions, {len(pairs)} pair records", file=sys.stderr)
    sys.stdout.write("".join(line + "\n" for line in out))


if __name__ == "__main__":
    main()
