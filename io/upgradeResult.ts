/**
 * Bringing a result file of an earlier format to `RESULT_FORMAT` without recomputing anything: the
 * renamed fields of `resultFormat.ts`'s history, applied in order. `liouville reanalyse` uses it for
 * the files it has no analysis to redo for (`solve`, `particles`, `predict`); a study's file is
 * re-analysed from its members instead.
 */
import { RESULT_FORMAT } from './resultFormat.ts';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `liouville-result/1` → `/2`: a solve file's settings under the solvers' own names. */
function fromVersion1(record: Json): Json {
  if (record['command'] !== 'solve' || !isObject(record['config'])) return record;
  const config = record['config'];
  const method = config['method'];
  const { check, times, input, ...main } = config;
  let settings: Json = main;
  let checkOut: unknown = check;
  if (method === 'remeshed') {
    const { dt, ...rest } = main;
    settings = renameInto(rest, 'L', 'tau', dt);
    if (isObject(check)) {
      // the check ran the same settings with its own cells, interval and steps
      const { dt: checkDt, ...c } = check;
      checkOut = { ...settings, ...c, tau: checkDt };
    }
  } else if (method === 'lagrangian' && isObject(main['quadrature'])) {
    const { quadrature, ...rest } = main;
    settings = { method: rest['method'], ...(quadrature as Json), ...rest };
  }
  let inputOut: unknown = input;
  if (isObject(input) && input['dt'] !== undefined && input['method'] !== 'lagrangian') {
    // --dt meant the remesh interval with the remeshed solver and nothing with the grid solver
    const { dt, ...rest } = input;
    inputOut = input['method'] === 'grid' ? rest : { ...rest, tau: dt };
  }
  return { ...record, config: { ...settings, ...(checkOut === undefined ? {} : { check: checkOut }), times, input: inputOut } };
}

/** `object` with `key: value` inserted after `after` (so the upgraded file reads like a new one). */
function renameInto(object: Json, after: string, key: string, value: unknown): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(object)) {
    out[k] = v;
    if (k === after) out[key] = value;
  }
  if (!(key in out)) out[key] = value;
  return out;
}

const STEPS: Readonly<Record<string, (record: Json) => Json>> = {
  'liouville-result/1': fromVersion1,
};

const NEXT: Readonly<Record<string, string>> = { 'liouville-result/1': RESULT_FORMAT };

/** The record in the current format (its header's `format` included); a current record is returned as it is. */
export function upgradeResult(record: Json): Json {
  let out = record;
  while (out['format'] !== RESULT_FORMAT) {
    const format = String(out['format']);
    const step = STEPS[format];
    if (!step) throw new Error(`upgradeResult: no upgrade from format ${JSON.stringify(format)}`);
    out = { ...step(out), format: NEXT[format] };
  }
  return out;
}
