/** Turn a nunjucks error into a diagnostic with the template file and line. */
import { StrataError, type Diagnostic } from '../../errors/strata-error.js';

/** `pkg.macro(...)` where `pkg` is not a variable of the project: a dbt package call. */
const PACKAGE_NAMESPACE = /Unable to call `(dbt_utils|dbt_expectations|dbt_date|codegen|audit_helper|metrics|elementary|fivetran_utils|\w+_utils)\[/;

export function templateErrorToDiagnostic(err: unknown, file: string, lineOffset = 0, source?: string): Diagnostic[] {
  const cause = (err as { cause?: unknown }).cause;
  if (err instanceof StrataError) return err.diagnostics.map((d) => ({ ...d, file: d.file ?? file }));
  if (cause instanceof StrataError) return cause.diagnostics.map((d) => ({ ...d, file: d.file ?? file }));
  const message = String((err as Error).message ?? err);
  const pos = /\[Line (\d+), Column (\d+)\]/.exec(message);
  const detail = message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^\(.*\)( \[Line|$)/.test(l) && !l.startsWith('Template render error'))
    .join(' ')
    .replace(/^Error: /, '');
  let hint = 'Check the Jinja syntax around that line.';
  if (/unknown block tag: (\w+)/.test(detail)) hint = `'${/unknown block tag: (\w+)/.exec(detail)?.[1]}' is not a supported tag; supported: set, if, for, macro, call, filter, raw, do.`;
  else if (/Unable to call `(\w+)\["\w+"\]`/.test(detail) && PACKAGE_NAMESPACE.test(detail)) {
    const pkg = /Unable to call `(\w+)\["(\w+)"\]`/.exec(detail)!;
    hint = `${pkg[1]}.${pkg[2]} comes from the dbt package '${pkg[1]}'; Strata does not install packages: copy the macro into macros/ (and call it as ${pkg[2]}(...)) or write the SQL inline.`;
  } else if (/undefined|null/.test(detail)) hint = 'A variable or macro used here is not defined; check its spelling, or define it with {% set %} or in macros/.';
  else if (/expected|unexpected/i.test(detail)) hint = 'A tag or expression is not closed: check {{ }}, {% %} and matching end tags.';
  return [{
    code: 'E_TEMPLATE', severity: 'error', file,
    // Errors at end of file (an unclosed block) carry no position: point at the last line.
    line: pos ? Number(pos[1]) + lineOffset : /end of file/.test(detail) && source ? source.replace(/\n+$/, '').split('\n').length + lineOffset : undefined,
    column: pos ? Number(pos[2]) : undefined,
    message: detail || 'Template error',
    hint,
  }];
}

/**
 * An error thrown while rendering `file`. nunjucks numbers run-time positions from 0 (its parser
 * from 1, which templateErrorToDiagnostic reads from the message); the position is the call in
 * `file` even when the error comes from inside a macro.
 */
export function renderErrorToDiagnostic(err: unknown, file: string): Diagnostic[] {
  const { lineno, colno } = (err ?? {}) as { lineno?: unknown; colno?: unknown };
  const line = typeof lineno === 'number' ? lineno + 1 : undefined;
  const column = line !== undefined && typeof colno === 'number' ? colno + 1 : undefined;
  const fromContext = err instanceof StrataError || (err as { cause?: unknown })?.cause instanceof StrataError;
  return templateErrorToDiagnostic(err, file).map((d) => {
    if (d.file !== file || line === undefined) return d;
    // A StrataError from ref()/var()/... keeps a line it already has; nunjucks' own errors get the corrected one.
    return fromContext && d.line !== undefined ? d : { ...d, line, column };
  });
}
