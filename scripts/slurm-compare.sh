#!/bin/bash
# A large `liouville compare` study as a Slurm job array: each array task runs one slice of the
# ensemble members on all the cores of its node; a dependent job merges the slices.
#
#   sbatch scripts/slurm-compare.sh                  # 32 slices
#   sbatch --dependency=afterok:<jobid> --wrap "npx liouville merge results/compare-clt.shard-*-of-32.json --out results"
#
# Every slice must be given the same flags (the merge refuses slices of another configuration).
#SBATCH --job-name=liouville-compare
#SBATCH --array=1-32
#SBATCH --cpus-per-task=16
#SBATCH --time=04:00:00
#SBATCH --output=logs/compare-%A_%a.out

set -euo pipefail
cd "$SLURM_SUBMIT_DIR"
npx liouville compare clt \
  --n 32..65536 --seeds 256 --t 0,1,10,100 \
  --workers "$SLURM_CPUS_PER_TASK" \
  --shard "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}" \
  --out results --resume --quiet   # --resume: a requeued task continues from its checkpoint
