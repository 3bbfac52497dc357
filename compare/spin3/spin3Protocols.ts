/**
 * The paper's Sec. 5 protocols as presets of the 3-spin study, and the list of what a run reduced.
 *
 * What the paper's text says (Sec. 5, "Single layer sigmoid / ReLU neural network", and Fig. 1's
 * caption): ReLU at d = 50, batch P = 50, n = i·10⁴ for i = 1…6, 2·10⁶ steps of Δt = 10⁻³, then a
 * quench with P = 2500 for 2·10⁵ steps; "for the largest networks" Δt = 5·10⁻⁴ with the steps
 * doubled so the training time stays fixed; sigmoid at d = 10 and 25 "trained as above but with
 * P = ⌊n/5⌋ with a quench of P²"; the loss averaged over 10⁶ points; 10 realizations of the
 * couplings. What it does not say, and what we chose (recorded as `readings`): which networks are
 * "the largest" (we read: all but the two smallest, n ≥ 3·10⁴; the quench's steps doubled with
 * the rest), and the sigmoid runs' widths (Fig. 1's d = 10 panel spans n = 10²…10³; we use six
 * widths over it, and the same for d = 25).
 */
import type { Activation } from '../../particles/index.ts';
import { valueAt, type PerN } from './spin3Schedule.ts';
import type { Spin3Readings } from './spin3Study.ts';

export type Spin3ProtocolName = 'sigmoid-d10' | 'sigmoid-d25' | 'relu-d50';

/** A run's settings, as far as a protocol fixes them. */
export interface Spin3ProtocolSettings {
  readonly d: number;
  readonly activation: Activation;
  readonly ns: readonly number[];
  readonly batch: PerN;
  readonly dt: PerN;
  readonly steps: PerN;
  readonly quench: { readonly batch: PerN; readonly steps: PerN };
  readonly realizations: number;
  readonly testPoints: number;
  /** The readings of the text's silences the preset makes (absent fields: the default reading). */
  readonly readings?: Spin3Readings;
}

export interface Spin3Protocol {
  readonly name: Spin3ProtocolName;
  /** The paper's protocol. */
  readonly paper: Spin3ProtocolSettings;
  /** What the preset runs: the paper's protocol except where `deviations` says. */
  readonly preset: Spin3ProtocolSettings;
  /** Each place the preset departs from the paper, and why. */
  readonly deviations: readonly string[];
  /** Where the text is silent or ambiguous, what we read. */
  readonly readings: readonly string[];
}

const SIGMOID_NS = [100, 200, 400, 600, 800, 1000] as const;
// "for the largest networks": all but the two smallest (n ≥ 3·10⁴) halve Δt and double the steps
const RELU_LARGEST = 'min(1, floor(n / 30000))';

function sigmoid(name: Spin3ProtocolName, d: number): Spin3Protocol {
  const paper: Spin3ProtocolSettings = {
    d, activation: 'sigmoid', ns: SIGMOID_NS, batch: 'floor(n/5)', dt: 1e-3, steps: 2_000_000,
    quench: { batch: 'floor(n/5)^2', steps: 200_000 }, realizations: 10, testPoints: 1_000_000,
  };
  return {
    name, paper,
    preset: { ...paper, quench: { batch: 'min(floor(n/5)^2, 2500)', steps: 200_000 } },
    deviations: ['the quench batch is capped at 2500 (the ReLU runs\' quench batch): uncapped, P² = 40000 at n = 1000 makes the quench 20× the cost of the training'],
    readings: [`the text gives no widths for the sigmoid runs; Fig. 1's d = 10 panel spans n = 10²…10³: we use n = ${SIGMOID_NS.join(', ')}${d === 10 ? '' : ' (the d = 10 range)'}`],
  };
}

export const SPIN3_PROTOCOLS: Readonly<Record<Spin3ProtocolName, Spin3Protocol>> = {
  'sigmoid-d10': sigmoid('sigmoid-d10', 10),
  'sigmoid-d25': sigmoid('sigmoid-d25', 25),
  'relu-d50': (() => {
    const paper: Spin3ProtocolSettings = {
      d: 50, activation: 'relu', ns: [10_000, 20_000, 30_000, 40_000, 50_000, 60_000], batch: 50,
      dt: `1e-3 / (1 + ${RELU_LARGEST})`, steps: `2e6 * (1 + ${RELU_LARGEST})`,
      quench: { batch: 2500, steps: `2e5 * (1 + ${RELU_LARGEST})` }, realizations: 10, testPoints: 1_000_000,
    };
    return {
      name: 'relu-d50' as const, paper, preset: paper, deviations: [],
      readings: ['"for the largest networks we used Δt = 5·10⁻⁴": we read all but the two smallest (n ≥ 3·10⁴), with the steps of the training and of the quench doubled'],
    };
  })(),
};

export const SPIN3_PROTOCOL_NAMES = Object.keys(SPIN3_PROTOCOLS) as Spin3ProtocolName[];

/** The ladder as text: `a…b (k widths)` beyond four widths. */
function ladderText(ns: readonly number[]): string {
  return ns.length > 4 ? `${compact(ns[0]!)}…${compact(ns[ns.length - 1]!)} (${ns.length} widths)` : ns.map(compact).join(', ');
}

/** `2000000` as `2e6`; other numbers as they are. */
export function compact(x: PerN): string {
  if (typeof x === 'string') return `"${x}"`;
  if (Number.isInteger(x) && Math.abs(x) >= 1e4) {
    const [m, e] = x.toExponential().split('e');
    return `${m}e${Number(e)}`;
  }
  return String(x);
}

/** What a run does differently from the paper's protocol: one line per field that differs. */
export function spin3Reductions(run: Omit<Spin3ProtocolSettings, 'quench'> & { readonly quench: Spin3ProtocolSettings['quench'] | null },
  paper: Spin3ProtocolSettings): string[] {
  const out: string[] = [];
  const differ = (field: string, ours: string, theirs: string): void => {
    if (ours !== theirs) out.push(`${field} ${ours} (paper ${theirs})`);
  };
  // the paper's rules of n with their values at its ladder's ends, so the reader sees the numbers
  const first = paper.ns[0]!;
  const last = paper.ns[paper.ns.length - 1]!;
  const paperRule = (rule: PerN, kind: 'integer' | 'positive'): string => {
    if (typeof rule === 'number') return compact(rule);
    const at = (n: number): string => compact(valueAt(rule, n, 'paper', kind));
    return `"${rule}": ${at(first)} at n = ${compact(first)} … ${at(last)} at n = ${compact(last)}`;
  };
  differ('d', String(run.d), String(paper.d));
  differ('activation', run.activation, paper.activation);
  differ('n', ladderText(run.ns), ladderText(paper.ns));
  if (run.batch !== paper.batch) differ('batch', compact(run.batch), paperRule(paper.batch, 'integer'));
  if (run.dt !== paper.dt) differ('Δt', compact(run.dt), paperRule(paper.dt, 'positive'));
  if (run.steps !== paper.steps) differ('steps', compact(run.steps), paperRule(paper.steps, 'integer'));
  if (run.quench) {
    if (run.quench.batch !== paper.quench.batch) differ('quench batch', compact(run.quench.batch), paperRule(paper.quench.batch, 'integer'));
    if (run.quench.steps !== paper.quench.steps) differ('quench steps', compact(run.quench.steps), paperRule(paper.quench.steps, 'integer'));
  } else {
    out.push(`no quench (paper ${paperRule(paper.quench.steps, 'integer')} steps with batch ${paperRule(paper.quench.batch, 'integer')})`);
  }
  differ('realizations', String(run.realizations), String(paper.realizations));
  differ('test points', compact(run.testPoints), compact(paper.testPoints));
  return out;
}
