/**
 * A compact inverted index over node names, tags, column names and descriptions, split into
 * one shard per first character of the term. The browser loads only the shards its query
 * needs, so no file grows with the whole project: at 10,000 models the largest shard stays
 * far below the 2 MB budget (BENCHMARKS.md, "Docs at 10,000 models").
 */
import type { SearchShard } from './types.js';
import { selectSearchShardKey, tokenizeSearchText } from './tokenize-search-text.js';

export interface SearchDocument {
  name: string;
  tags: string[];
  columns: Array<{ name: string; description: string }>;
  description: string;
}

/** Score contributed by a term found in each field; a doc's score for a term is their sum. */
export const SEARCH_WEIGHTS = { name: 12, namePart: 6, tag: 4, column: 3, columnPart: 2, description: 1 } as const;

/** Decode a posting list into [doc, score] pairs with absolute doc positions. */
export function decodePostings(postings: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let doc = 0;
  for (let i = 0; i < postings.length; i += 2) {
    doc += postings[i];
    out.push([doc, postings[i + 1]]);
  }
  return out;
}

/** Encode [doc, score] pairs (any order) into a delta-encoded posting list. */
export function encodePostings(pairs: Array<[number, number]>): number[] {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  let previous = 0;
  for (const [doc, score] of sorted) {
    out.push(doc - previous, score);
    previous = doc;
  }
  return out;
}

type Tokenize = (text: string) => string[];

/** Column names and descriptions repeat across models; tokenize each distinct text once. */
function createCachedTokenizer(): Tokenize {
  const cache = new Map<string, string[]>();
  return (text) => {
    let terms = cache.get(text);
    if (!terms) {
      terms = tokenizeSearchText(text);
      cache.set(text, terms);
    }
    return terms;
  };
}

function scoreDocument(doc: SearchDocument, tokenize: Tokenize): Map<string, number> {
  const scores = new Map<string, number>();
  const add = (terms: string[], weight: number) => {
    for (const term of terms) scores.set(term, (scores.get(term) ?? 0) + weight);
  };
  // The whole name scores highest; its words less (`monthly-units` is not named `monthly`).
  const wholeName = doc.name.toLowerCase();
  add([wholeName], SEARCH_WEIGHTS.name);
  add(tokenize(doc.name).filter((t) => t !== wholeName), SEARCH_WEIGHTS.namePart);
  for (const tag of doc.tags) add(tokenize(tag), SEARCH_WEIGHTS.tag);
  for (const column of doc.columns) {
    const terms = tokenize(column.name);
    add(terms.slice(0, 1), SEARCH_WEIGHTS.column);
    add(terms.slice(1), SEARCH_WEIGHTS.columnPart);
  }
  const prose = new Set(tokenize(doc.description));
  for (const column of doc.columns) for (const term of tokenize(column.description)) prose.add(term);
  add([...prose], SEARCH_WEIGHTS.description);
  return scores;
}

/**
 * Build the sharded index. Document `i` is position `offset + i` (its position in the graph index).
 *
 * @example
 * const shards = buildSearchIndex([{ name: 'fct_sales', tags: [], columns: [], description: '' }]);
 * Object.keys(shards); // ['f', 's']
 */
export function buildSearchIndex(docs: SearchDocument[], offset = 0): Record<string, SearchShard> {
  const postings = new Map<string, Array<[number, number]>>();
  const tokenize = createCachedTokenizer();
  docs.forEach((doc, i) => {
    for (const [term, score] of scoreDocument(doc, tokenize)) {
      const list = postings.get(term);
      if (list) list.push([offset + i, score]);
      else postings.set(term, [[offset + i, score]]);
    }
  });
  const shards: Record<string, SearchShard> = {};
  for (const term of [...postings.keys()].sort()) {
    const key = selectSearchShardKey(term);
    shards[key] ??= { version: 1, key, terms: {} };
    shards[key].terms[term] = encodePostings(postings.get(term)!);
  }
  return shards;
}

/** Merge two sharded indexes (e.g. the project's and the dashboard's chart exposures). */
export function mergeSearchIndexes(a: Record<string, SearchShard>, b: Record<string, SearchShard>): Record<string, SearchShard> {
  const out: Record<string, SearchShard> = {};
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const terms: Record<string, number[]> = { ...(a[key]?.terms ?? {}) };
    for (const [term, list] of Object.entries(b[key]?.terms ?? {})) {
      terms[term] = terms[term] ? encodePostings([...decodePostings(terms[term]), ...decodePostings(list)]) : list;
    }
    out[key] = { version: 1, key, terms };
  }
  return out;
}
