/**
 * `--engine` resolved to the engine a run records: `auto` becomes the fastest kernel this platform
 * runs, and a kernel the run cannot use is refused naming the flag.
 */
import { RunConfigError, resolveTorusEngine, type InteractionKind, type TorusEngineKind } from '../particles/index.ts';
import { UsageError } from './flags.ts';

export function engineOf(requested: TorusEngineKind | 'auto', interaction: InteractionKind): TorusEngineKind {
  try {
    return resolveTorusEngine(requested, interaction);
  } catch (err) {
    if (err instanceof RunConfigError) throw new UsageError(`--engine (config "engine"): ${err.message}`);
    throw err;
  }
}
