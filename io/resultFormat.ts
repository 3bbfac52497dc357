/**
 * The format tag every result file carries in its `format` field. In a module of its own, without
 * Node imports, so the browser bundle of the report can check it too.
 */
export const RESULT_FORMAT = 'liouville-result/1';
