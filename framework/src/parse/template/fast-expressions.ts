/**
 * A shorter way down nunjucks' expression grammar for the expressions templates are mostly made
 * of. nunjucks parses every expression through one method per precedence level, fourteen of them
 * above the operand (parseInlineIf, parseOr, parseAnd, parseNot, parseIn, parseIs, parseCompare,
 * parseConcat, parseAdd, parseSub, parseMul, parseDiv, parseFloorDiv, parseMod, parsePow), each
 * looking at the token after its operand for its operator. In a model template nearly every
 * expression is one operand (`ref('x')`, `cols`, `"base.amount"`, `k`) followed by `}}`, `%}`,
 * `,` or `)`: about a third of the render worker's parse time went to those levels at 10k models.
 *
 * parseInlineIf here reads the operand first (parseUnary, the method all the levels end in) and
 * looks at the token after it: when that token is one no level acts on, the operand is the
 * expression. Otherwise the levels run as before, and their first parseUnary returns the operand
 * already read, so every tree is the one nunjucks builds, node for node (fast-expressions.test.ts
 * compares them). Only parseNot looks at a token before its operand (a leading `not`): an
 * expression starting with `not` takes nunjucks' way, and with an operand already read parseNot
 * goes straight to parseIn, as it would have for that operand's first token.
 */

interface Token {
  type: string;
  value: unknown;
}

interface ExpressionParser {
  peekToken(): Token | null;
  parseIn(): unknown;
  parseUnary(noFilters?: boolean): unknown;
  /** The operand parseInlineIf read, until the levels' first parseUnary takes it. */
  pendingOperand?: unknown;
}

type Method<A extends unknown[] = []> = (this: ExpressionParser, ...args: A) => unknown;

export interface ExpressionMethods {
  parseInlineIf: Method;
  parseNot: Method;
  parseUnary: Method<[boolean?]>;
}

/** Tokens that end an expression: no precedence level acts on them. */
const ENDS = new Set(['block-end', 'variable-end', 'comma', 'right-paren', 'right-bracket', 'right-curly', 'colon']);

/** Words the levels act on after an operand (`else` only after `if`, which is one of them). */
const OPERATOR_WORDS = new Set(['if', 'or', 'and', 'not', 'in', 'is']);

function endsExpression(token: Token | null): boolean {
  return token == null || ENDS.has(token.type) || (token.type === 'symbol' && !OPERATOR_WORDS.has(token.value as string));
}

const installed = new WeakSet<object>();

/** nunjucks' own methods, kept when the faster ones are installed (the tests parse with both). */
export let originalExpressionMethods: ExpressionMethods | undefined;

/** Install the shorter way on nunjucks' Parser (once; the trees are nunjucks' own). */
export function installFastExpressions(proto: ExpressionMethods & object): void {
  if (installed.has(proto)) return;
  installed.add(proto);
  const original: ExpressionMethods = { parseInlineIf: proto.parseInlineIf, parseNot: proto.parseNot, parseUnary: proto.parseUnary };
  originalExpressionMethods = original;
  (proto as { pendingOperand?: unknown }).pendingOperand = undefined;
  proto.parseInlineIf = function parseInlineIf(this: ExpressionParser): unknown {
    const first = this.peekToken();
    if (first == null || (first.type === 'symbol' && first.value === 'not')) return original.parseInlineIf.call(this);
    const operand = this.parseUnary();
    if (endsExpression(this.peekToken())) return operand;
    this.pendingOperand = operand;
    return original.parseInlineIf.call(this);
  };
  proto.parseNot = function parseNot(this: ExpressionParser): unknown {
    return this.pendingOperand !== undefined ? this.parseIn() : original.parseNot.call(this);
  };
  proto.parseUnary = function parseUnary(this: ExpressionParser, noFilters?: boolean): unknown {
    const operand = this.pendingOperand;
    if (operand === undefined) return original.parseUnary.call(this, noFilters);
    this.pendingOperand = undefined;
    return operand;
  };
}
