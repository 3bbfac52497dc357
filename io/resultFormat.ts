/**
 * The format tag every result file carries in its `format` field, and the history of the tag. In a
 * module of its own, without Node imports, so the browser bundle of the report can check it too.
 *
 * The tag changes whenever a field of a result file changes meaning or name, and readers refuse a
 * file of another tag (`readResult.ts`); `liouville reanalyse` rewrites an older file in the current
 * format (`upgradeResult.ts`).
 *
 * - `liouville-result/1`: the first format.
 * - `liouville-result/2`: a `solve` file's `config` records the method's settings under their own
 *   names: the remeshed solver's interval is `tau` (was `dt`), the Lagrangian quadrature is `ny`,
 *   `nc` (was `quadrature: { ny, nc }`), and `config.check` holds the check run's full settings.
 */
export const RESULT_FORMAT = 'liouville-result/2';

/** Tags of earlier versions, oldest first: files `liouville reanalyse` can bring to `RESULT_FORMAT`. */
export const EARLIER_RESULT_FORMATS: readonly string[] = ['liouville-result/1'];
