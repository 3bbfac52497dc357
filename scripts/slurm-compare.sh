#!/usr/bin/env bash
# A large `liouville compare` study as a Slurm job array: one slice of the members per array task,
# then a merge job. The whole path, with recovery, is in docs/cluster.md.
#
# Submit (from the project folder, on a login node):
#   scripts/slurm-compare.sh --slices 32 --cpus 16 --time 04:00:00 [--partition P] [--account A]
#       [--module "nodejs/20"] [--out results] [--logs logs] [--sbatch --mem=8G …] -- clt --n 32..65536 --seeds 256 --t 0,1,10,100
# Everything after `--` is the `liouville compare` study: a claim and its flags (or a claim and --config file);
# it is checked (--dry-run on slice 1) before anything is queued.
#
# The same script is the array task (--task) and the merge job (--merge); sbatch runs it so.
set -euo pipefail

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
die() { echo "slurm-compare: $*" >&2; exit 2; }

mode=submit slices="" cpus=16 time=04:00:00 partition="" account="" module="" out=results logs="" submission="" resubmit="" extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --task) mode=task ;;
    --merge) mode=merge ;;
    --slices) slices="${2:-}"; shift ;;
    --cpus) cpus="${2:-}"; shift ;;
    --time) time="${2:-}"; shift ;;
    --partition) partition="${2:-}"; shift ;;
    --account) account="${2:-}"; shift ;;
    --module) module="${2:-}"; shift ;;
    --out) out="${2:-}"; shift ;;
    --logs) logs="${2:-}"; shift ;;
    --submission) submission="${2:-}"; shift ;;
    --resubmit) resubmit="${2:-}"; shift ;;
    --sbatch) extra+=("${2:-}"); shift ;;
    --help|-h) usage ;;
    --) shift; break ;;
    *) die "unknown option \"$1\" before --; the study goes after --" ;;
  esac
  shift
done
study=("$@")
[ ${#study[@]} -gt 0 ] || die "no study: give it after --, e.g. -- clt --n 32..8192 --seeds 64"
# `-- --config study.json`: the claim is the file's own where it records one (a result file does)
if [ "${study[0]}" = --config ] || [[ "${study[0]}" == --config=* ]]; then
  file="${study[1]:-}"
  [[ "${study[0]}" == --config=* ]] && file="${study[0]#--config=}"
  command -v node >/dev/null || die "node not found here: it reads the claim of $file (load Node first)"
  claim_of=$(node -e 'try { const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).claim; if (typeof c === "string") console.log(c) } catch {}' "$file")
  [ -n "$claim_of" ] || die "the study after -- starts with its claim, e.g. -- clt --config $file (the file records none)"
  study=("$claim_of" "${study[@]}")
fi
case "${study[0]}" in -*) die "the study after -- starts with its claim (clt, lln, all, sgd, asymptotic, healing, spin3), got \"${study[0]}\"" ;; esac
[[ "$slices" =~ ^[1-9][0-9]*$ ]] || die "--slices: got \"$slices\", must be an integer >= 1"
[[ "$cpus" =~ ^[1-9][0-9]*$ ]] || die "--cpus: got \"$cpus\", must be an integer >= 1"
for a in "${study[@]}"; do
  case "$a" in
    --shard|--shard=*|--out|--out=*|--workers|--workers=*|--resume|--resume=*|--submission|--submission=*)
      die "the study must not set ${a%%=*}: the script sets it (use --out before --)" ;;
  esac
done
project="$(cd "$(dirname "$0")/.." && pwd)"
claim="${study[0]}"
# both folders relative to the project (the jobs run there: --chdir), whatever the current folder
case "$out" in /*) outdir="$out" ;; *) outdir="$project/$out" ;; esac
case "$logs" in /*) ;; "") logs="$project/logs" ;; *) logs="$project/$logs" ;; esac

# one id per submission, written into every shard and required by the merge job, so that slices
# left in the folder by an earlier submission of the same study are never merged as this one's
if [ "$mode" = submit ] && [ -z "$submission" ]; then submission="$(date -u +%Y%m%dT%H%M%SZ)-$$"; fi
[[ -z "$submission" || "$submission" =~ ^[A-Za-z0-9._:-]{1,80}$ ]] || die "--submission: got \"$submission\", must be letters, digits and . _ : -"

# the argument list for re-running this script as a task or the merge, quoted for sbatch --wrap
again() { printf '%q ' "$project/scripts/slurm-compare.sh" "$1" --slices "$slices" --out "$outdir" ${module:+--module "$module"} ${submission:+--submission "$submission"} "${@:2}" -- "${study[@]}"; }

case "$mode" in
  submit)
    command -v sbatch >/dev/null || die "sbatch not found: run this on a Slurm login node (or see docs/cluster.md to run a task by hand)"
    # a task asking for more cores than any node of the partition has would pend forever, silently
    if command -v sinfo >/dev/null; then
      most=$(sinfo -h -o '%c' ${partition:+-p "$partition"} 2>/dev/null | tr -d '+' | sort -n | tail -n 1)
      if [[ "$most" =~ ^[0-9]+$ ]] && [ "$cpus" -gt "$most" ]; then
        die "--cpus $cpus: the nodes of ${partition:-the default partition} have at most $most cores (sinfo); give --cpus $most or fewer"
      fi
    fi
    command -v node >/dev/null || die "node not found here: the study is checked before it is queued (load Node first, e.g. module load ${module:-nodejs})"
    # the study's own checks before anything is queued: its flags, its spec, and the size guard of
    # one slice on its cores; a typo fails here, not in every task after the wait
    (cd "$project" && node bin/liouville.js compare "${study[@]}" --shard "1/$slices" --workers "$cpus" --out "$outdir" --dry-run --quiet) \
      || die "the study was refused (above); nothing was submitted"
    mkdir -p "$logs" "$outdir"
    # append: a requeued or resubmitted task adds to its log instead of erasing the killed attempt's
    opts=(--chdir "$project" --cpus-per-task "$cpus" --time "$time" --open-mode append)
    [ -n "$partition" ] && opts+=(--partition "$partition")
    [ -n "$account" ] && opts+=(--account "$account")
    [ ${#extra[@]} -eq 0 ] || opts+=("${extra[@]}")
    array=$(sbatch --parsable "${opts[@]}" --job-name liouville-compare --array "1-$slices" \
      --output "$logs/compare-%A_%a.out" --wrap "$(again --task)")
    array=${array%%;*}
    # ready to paste once <i> is replaced by the slice's number (the wrapped command quoted once, for the shell)
    line="sbatch $(printf '%q ' "${opts[@]}")--job-name liouville-compare --array=<i> --output $(printf '%q' "$logs/compare-%A_%a.out") --wrap $(printf '%q' "$(again --task)")"
    # afterany: the merge runs however the tasks ended (a task that timed out after writing its
    # shard is fine); it checks every shard itself and prints the line above for the missing ones
    merge=$(sbatch --parsable "${opts[@]}" --cpus-per-task 1 --job-name liouville-merge --dependency "afterany:$array" \
      --output "$logs/merge-%j.out" --wrap "$(again --merge --resubmit "$line")")
    echo "submitted array job $array ($slices slices of $cpus cores) and merge job ${merge%%;*} (submission $submission); logs in $logs/"
    echo "resubmit slice <i> alone: $line"
    ;;
  task)
    [ -n "${SLURM_ARRAY_TASK_ID:-}" ] || die "--task runs inside a Slurm array task (SLURM_ARRAY_TASK_ID is not set)"
    index="$SLURM_ARRAY_TASK_ID"
    [ "$index" -ge 1 ] && [ "$index" -le "$slices" ] || die "array task $index is outside the slices 1..$slices"
    [ -n "$module" ] && module load $module
    cd "$project"
    echo "slice $index/$slices of: liouville compare ${study[*]} (job ${SLURM_JOB_ID:-?}, ${SLURM_CPUS_PER_TASK:-1} cores)"
    # exec: scancel's signal reaches node itself, not only this shell
    exec node bin/liouville.js compare "${study[@]}" --shard "$index/$slices" --workers "${SLURM_CPUS_PER_TASK:-1}" \
      --out "$outdir" --resume --quiet ${submission:+--submission "$submission"}
    ;;
  merge)
    [ -n "$module" ] && module load $module
    cd "$project"
    # a slice is missing when its shard is absent, unreadable, or left by another submission (its task this time wrote nothing)
    read -r -a missing <<< "$(node -e '
      const [dir, claim, count, id] = process.argv.slice(1);
      const out = [];
      for (let i = 1; i <= Number(count); i++) {
        let ok = false;
        try {
          const shard = JSON.parse(require("fs").readFileSync(`${dir}/compare-${claim}.shard-${i}-of-${count}.json`, "utf8"));
          ok = !id || shard.study?.submission === id;
        } catch {}
        if (!ok) out.push(i);
      }
      console.log(out.join(" "));' "$outdir" "$claim" "$slices" "$submission")"
    if [ ${#missing[@]} -gt 0 ]; then
      echo "slices missing: ${missing[*]} (of $slices${submission:+; absent, or left by another submission than $submission}); resubmit them and then merge by hand:" >&2
      if [ -n "$resubmit" ]; then
        echo "  ${resubmit//<i>/$(IFS=,; echo "${missing[*]}")}" >&2
      else
        echo "  the command printed at submission, with --array=$(IFS=,; echo "${missing[*]}")" >&2
      fi
      echo "  node bin/liouville.js merge $outdir/compare-$claim.shard-*-of-$slices.json --out $outdir${submission:+ --submission $submission}" >&2
      exit 1
    fi
    exec node bin/liouville.js merge "$outdir"/compare-"$claim".shard-*-of-"$slices".json --out "$outdir" ${submission:+--submission "$submission"}
    ;;
esac
