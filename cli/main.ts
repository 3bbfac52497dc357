/**
 * The `liouville` command line: dispatches to a command, turns every expected failure into a
 * one-line message on standard error and a non-zero exit code, and writes no partial output.
 */
import { formatFlags, UsageError } from './flags.ts';
import { ResultFileError } from '../io/readResult.ts';
import { provenance, RESULT_FORMAT } from '../io/resultFile.ts';
import { PARTICLES_FLAGS, PARTICLES_USAGE, particlesCommand } from './particlesCommand.ts';
import { SOLVE_FLAGS, SOLVE_USAGE, solveCommand } from './solveCommand.ts';
import { COMPARE_FLAGS, COMPARE_USAGE, compareCommand } from './compareCommand.ts';
import { MERGE_FLAGS, MERGE_USAGE, mergeCommand } from './mergeCommand.ts';
import { REANALYSE_FLAGS, REANALYSE_USAGE, reanalyseCommand } from './reanalyseCommand.ts';
import { REPORT_FLAGS, REPORT_USAGE, reportCommand } from './reportCommand.ts';
import { EXPORT_FLAGS, EXPORT_USAGE, exportCommand } from './exportCommand.ts';
import { PREDICT_FLAGS, PREDICT_USAGE, predictCommand } from './predictCommand.ts';
import { UNITS_FLAGS, UNITS_USAGE } from './unitsCommand.ts';
import { SPIN3_FLAGS, SPIN3_USAGE } from './spin3Command.ts';
import { SPIN3_EXACT_FLAGS, SPIN3_EXACT_USAGE } from './spin3ExactCommand.ts';

const COMMANDS: Record<string, { usage: string; flags: typeof PARTICLES_FLAGS; run(argv: readonly string[]): number | Promise<number> }> = {
  particles: { usage: PARTICLES_USAGE, flags: PARTICLES_FLAGS, run: particlesCommand },
  solve: { usage: SOLVE_USAGE, flags: SOLVE_FLAGS, run: solveCommand },
  predict: { usage: PREDICT_USAGE, flags: PREDICT_FLAGS, run: predictCommand },
  compare: { usage: COMPARE_USAGE, flags: COMPARE_FLAGS, run: compareCommand },
  merge: { usage: MERGE_USAGE, flags: MERGE_FLAGS, run: mergeCommand },
  reanalyse: { usage: REANALYSE_USAGE, flags: REANALYSE_FLAGS, run: reanalyseCommand },
  report: { usage: REPORT_USAGE, flags: REPORT_FLAGS, run: reportCommand },
  export: { usage: EXPORT_USAGE, flags: EXPORT_FLAGS, run: exportCommand },
};

const OVERVIEW = `liouville — the mean-field theory of neural-network training, checked numerically
(Rotskoff & Vanden-Eijnden, "Parameters as interacting particles").

Usage: liouville <command> [flags]       liouville <command> --help       liouville --version

Commands:
  particles   one finite-n GD or SGD run on a torus problem, recorded at given times
  solve       the mean-field limit ρ₀ at given times (remeshed particles by default; finite volumes; Lagrangian)
  predict     the CLT prefactor n·E‖f_n − f₀‖² from the linearised flow (predict clt)
  compare     ensembles against ρ₀: LLN, CLT n^-1/2, healing, Prop. 3.3, SGD, units, 3-spin (lln|clt|healing|all|asymptotic|sgd|units|spin3|spin3-exact)
  merge       join the slices of a sharded compare run
  reanalyse   decide a compare result's verdicts again from its stored members (no rerun)
  report      one self-contained HTML page (d3 views) from a compare result file
  export      a compare result as tidy CSV tables (members, cells, verdicts) for pandas, R, Observable
`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined;
    const entry = topic ? COMMANDS[topic] : undefined;
    process.stdout.write(entry ? entry.usage + formatFlags(entry.flags) + '\n' : OVERVIEW);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-V') {
    // what every result file records as its provenance, so a user can match a file to the code
    const p = provenance();
    process.stdout.write(`${p.name} ${p.version} (commit ${p.commit ?? 'unknown: not a git checkout'}; Node ${p.node}; result format ${RESULT_FORMAT})\n`);
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!entry) {
    process.stderr.write(`liouville: unknown command "${command}"; commands: ${Object.keys(COMMANDS).join(', ')}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    const sub = command === 'compare' ? rest[0] : undefined;
    const [usage, flags] = sub === 'units' ? [UNITS_USAGE, UNITS_FLAGS] : sub === 'spin3' ? [SPIN3_USAGE, SPIN3_FLAGS] : sub === 'spin3-exact' ? [SPIN3_EXACT_USAGE, SPIN3_EXACT_FLAGS] : [entry.usage, entry.flags];
    process.stdout.write(usage + formatFlags(flags) + '\n');
    return 0;
  }
  // the code version is read before the run: a commit made while a long run works must not be recorded as the code that ran
  provenance();
  try {
    return await entry.run(rest);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ResultFileError) {
      process.stderr.write(`liouville ${command}: ${err.message}\n`);
      return 2;
    }
    const e = err as Error;
    process.stderr.write(`liouville ${command}: ${e.name === 'Error' ? '' : `${e.name}: `}${e.message}\n`);
    return 1;
  }
}
