"""Map `tolk batch - --stream` over the partitions of a Dask bag on a local
Dask distributed cluster (two worker processes), collect the output in
partition order and write it to standard output.

    dask-stream.py RECORDS BASE NPARTITIONS > out.jsonl

Each partition's records are piped through one `tolk` process, as an
engine's map step would; tolk must be on PATH. The cluster is closed before
the script exits, whatever happens.
"""

import subprocess
import sys

import dask.bag as db
from dask.distributed import Client, LocalCluster


def run_tolk(lines, base):
    """One partition: its records in, its output lines back."""
    data = "".join(line + "\n" for line in lines).encode()
    done = subprocess.run(
        ["tolk", "batch", "-", "--stream", "--base", base, "--jobs", "1"],
        input=data,
        stdout=subprocess.PIPE,
        check=True,  # a fatal tolk error fails the task, never silently
    )
    return done.stdout.decode().splitlines()


def main():
    records, base, parts = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(records, encoding="utf-8") as f:
        lines = f.read().splitlines()
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    try:
        with Client(cluster):
            bag = db.from_sequence(lines, npartitions=parts)
            if bag.npartitions != parts:
                sys.exit(f"dask-stream: got {bag.npartitions} partitions, wanted {parts}")
            out = bag.map_partitions(run_tolk, base).compute()
    finally:
        cluster.close()
    sys.stdout.write("".join(line + "\n" for line in out))


if __name__ == "__main__":
    main()
