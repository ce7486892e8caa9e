/**
 * Names whose value differs between invocations: a template (or macro) that mentions one renders
 * differently every run, so neither the parse cache nor the project state may reuse its render.
 */
export const VOLATILE = /\b(invocation_id|run_started_at|modules\.datetime)\b/;
