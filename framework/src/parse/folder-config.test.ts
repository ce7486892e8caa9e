import { describe, expect, it } from 'vitest';
import { resolveFolderConfig } from './folder-config.js';

describe('resolveFolderConfig', () => {
  it('applies nothing from an empty tree, whatever the fqn names', () => {
    for (const fqn of [['p', 'staging', 't'], ['p', 'constructor', '__proto__', 'hasOwnProperty'], []]) expect(resolveFolderConfig({}, fqn)).toEqual({});
    const a = resolveFolderConfig({}, ['p']);
    expect(a).not.toBe(resolveFolderConfig({}, ['p'])); // a fresh object each time
  });

  it('applies package and folder levels, deeper winning', () => {
    const tree = { '+severity': 'warn', p: { '+tags': ['a'], staging: { '+severity': 'error', '+tags': ['b'] } } };
    expect(resolveFolderConfig(tree, ['p', 'staging', 't'])).toEqual({ severity: 'error', tags: ['a', 'b'] });
    expect(resolveFolderConfig(tree, ['p', 'marts', 't'])).toEqual({ severity: 'warn', tags: ['a'] });
  });
});
