import { describe, expect, it } from 'vitest';
import { folderConfigResolver, resolveFolderConfig } from './folder-config.js';

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

describe('folderConfigResolver', () => {
  const tree = {
    '+materialized': 'view',
    p: {
      '+tags': ['p'],
      staging: { '+schema': 'stg', orders: { '+materialized': 'table' }, deep: { '+tags': ['d'] } },
      marts: { '+materialized': 'table', customers: { '+tags': ['c'] }, '+grants': ['r'] },
    },
  };
  const fqns = [
    ['p', 'staging', 'orders'], ['p', 'staging', 'payments'], ['p', 'staging', 'deep', 'x'], ['p', 'marts', 'customers'],
    ['p', 'marts', 'orders'], ['p', 'odd', 'x'], ['p', 'missing', 'x'], ['p', 'staging', '__proto__'], ['p', 'staging', 'constructor'], ['p', 'top'],
  ];

  it('gives every node the config resolveFolderConfig gives it', () => {
    const resolve = folderConfigResolver(tree);
    for (const fqn of [...fqns, ...fqns]) {
      const folders = fqn.slice(0, -1);
      expect(resolve(folders.join('/'), folders, fqn[fqn.length - 1]), fqn.join('.')).toEqual(resolveFolderConfig(tree, fqn));
    }
  });

  it('resolves a folder once for its nodes, and on its own a node the tree names', () => {
    const resolve = folderConfigResolver(tree);
    const folders = ['p', 'staging'];
    const payments = resolve('staging', folders, 'payments');
    expect(resolve('staging', folders, 'refunds')).toBe(payments);
    const orders = resolve('staging', folders, 'orders');
    expect(orders).not.toBe(payments);
    expect(orders).toEqual({ materialized: 'table', tags: ['p'], schema: 'stg' });
    expect(payments).toEqual({ materialized: 'view', tags: ['p'], schema: 'stg' });
  });
});
