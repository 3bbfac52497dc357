import { main } from '../../cli/main.ts';

/** Runs the CLI in-process (much faster than spawning) with stdout suppressed and stderr captured. */
export async function runInProcess(argv: string[]): Promise<{ status: number; stderr: string }> {
  const out = process.stdout.write;
  const err = process.stderr.write;
  const log = console.log;
  let stderr = '';
  process.stdout.write = (() => true) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  console.log = () => {};
  try {
    return { status: await main(argv), stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    console.log = log;
  }
}
