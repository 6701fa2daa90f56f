"""Map `tolk batch - --stream` over chunks of a JSON Lines file as Ray
tasks on a local Ray (2 CPUs), collect the output in chunk order and write
it to standard output.

    ray-stream.py RECORDS BASE CHUNK > out.jsonl

This is the Ray recipe of docs/batch.md: each task pipes CHUNK records
through one `tolk` process (found on PATH) with one thread, and a fatal
tolk error fails the task (`check=True`) instead of losing its pairs.
"""

import subprocess
import sys

import ray


@ray.remote(num_cpus=1)
def align(lines, base):
    """One chunk: its records in, its output lines back."""
    done = subprocess.run(
        ["tolk", "batch", "-", "--stream", "--base", base, "--jobs", "1"],
        input="".join(line + "\n" for line in lines).encode(),
        stdout=subprocess.PIPE,
        check=True,
    )
    return done.stdout.decode().splitlines()


def main():
    records, base, chunk = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(records, encoding="utf-8") as f:
        lines = f.read().splitlines()
    chunks = [lines[i : i + chunk] for i in range(0, len(lines), chunk)]
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        parts = ray.get([align.remote(c, base) for c in chunks])
    finally:
        ray.shutdown()
    print(f"ray-stream: {len(chunks)} tasks", file=sys.stderr)
    sys.stdout.write("".join(line + "\n" for part in parts for line in part))


if __name__ == "__main__":
    main()
