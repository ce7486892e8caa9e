import { describe, expect, it } from 'vitest';
import { ANCHORS } from './anchors.js';
import { buildCatalogue, compareNames } from './catalogue.js';
import { allocateGrid } from './grid-allocation.js';
import { CATEGORY_ITEMS, ITEM_COUNT, NAMED_ITEMS } from './reference-facts.fixture.js';

describe('allocateGrid', () => {
  it('meets row and column totals exactly under caps', () => {
    const x = allocateGrid([3, 2], [1, 4], [[1, 3], [1, 2]]);
    expect(x.map((row) => row[0] + row[1])).toEqual([3, 2]);
    expect(x[0][0] + x[1][0]).toBe(1);
    expect(x.every((row, r) => row.every((v, c) => v >= 0 && v <= [[1, 3], [1, 2]][r][c]))).toBe(true);
  });
  it('reports impossible totals', () => {
    expect(() => allocateGrid([3], [3], [[2]])).toThrow(/unreachable/);
  });
});

describe('buildCatalogue', () => {
  const items = buildCatalogue();

  it('has 22,170 unique, trimmed names sorted with item_id = row', () => {
    expect(items).toHaveLength(ITEM_COUNT);
    expect(new Set(items.map((item) => item.name)).size).toBe(ITEM_COUNT);
    for (let id = 1; id < items.length; id++) expect(compareNames(items[id - 1].name, items[id].name)).toBe(-1);
    expect(items.filter((item) => item.name !== item.name.trim() || item.name.length > 150)).toEqual([]);
  });

  it('has exactly the items per category of DATASET.md §5', () => {
    const counts = new Array(CATEGORY_ITEMS.length).fill(0);
    for (const item of items) counts[item.category]++;
    expect(counts).toEqual(CATEGORY_ITEMS);
  });

  it('keeps every anchored and named item at its id', () => {
    for (const anchor of ANCHORS) expect(items[anchor.id]).toEqual({ name: anchor.name, category: anchor.category });
    for (const [id, category, name] of NAMED_ITEMS) {
      expect(items[id].category).toBe(category);
      if (typeof name === 'string') expect(items[id].name).toBe(name);
      else expect(items[id].name).toMatch(name);
    }
  });

  it('uses the real naming styles', () => {
    const names = items.map((item) => item.name);
    const count = (pattern: RegExp): number => names.filter((name) => pattern.test(name)).length;
    expect(count(/\[PC, Цифровая версия\]$/)).toBeGreaterThan(500);
    expect(count(/\[PS3, русская версия\]$/)).toBeGreaterThan(100);
    expect(count(/ {3,}D$/)).toBeGreaterThan(300); // padded legacy DVD names
    expect(count(/"/)).toBeGreaterThan(500);
    expect(count(/[A-Za-z]/) > 5000 && count(/[А-Яа-я]/) > 10_000).toBe(true);
    // DATASET.md §1: 5,920 of the 22,170 lines start with a quote (comma or quote in the name).
    expect(count(/[",]/)).toBeGreaterThan(4500);
    expect(count(/[",]/)).toBeLessThan(7500);
  });
});
