#!/bin/bash
# Submit an aligned corpus as a Slurm array of SHARDS tasks plus a merge job
# that starts only when all of them succeeded.
#
#   docs/recipes/submit-slurm.sh MANIFEST OUT_DIR SHARDS
set -euo pipefail
manifest="$(realpath "$1")"
out_dir="$(realpath -m "$2")"
shards="$3"
here="$(dirname "$(realpath "$0")")"
array=$(sbatch --parsable --array="1-$shards" \
    --export=ALL,MANIFEST="$manifest",OUT_DIR="$out_dir" "$here/slurm-align.sbatch")
sbatch --dependency="afterok:$array" \
    --export=ALL,MANIFEST="$manifest",OUT_DIR="$out_dir" "$here/slurm-merge.sbatch"
