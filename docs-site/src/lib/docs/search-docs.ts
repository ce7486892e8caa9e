/**
 * Query the prebuilt, sharded search index in the browser. Each query term loads only its
 * shard (by first character); a term matches exactly or, with a lower score, as a prefix.
 * All terms must match (AND); results are ranked by summed score, then by shorter name.
 */
import type { GraphIndex, SearchShard } from '../../../../framework/src/docs/types.ts';
import { decodePostings } from '../../../../framework/src/docs/build-search-index.ts';
import { selectSearchShardKey, splitQueryWords } from '../../../../framework/src/docs/tokenize-search-text.ts';

export interface SearchHit {
  node: number;
  score: number;
}

/** Loads a shard by key; undefined when the shard does not exist. */
export type ShardLoader = (key: string) => Promise<SearchShard | undefined>;

const PREFIX_FACTOR = 0.6;
const MAX_PREFIX_TERMS = 200;

function scoreTerm(shard: SearchShard | undefined, term: string): Map<number, number> {
  const scores = new Map<number, number>();
  if (!shard) return scores;
  const exact = shard.terms[term];
  if (exact) for (const [doc, score] of decodePostings(exact)) scores.set(doc, score);
  let prefixTerms = 0;
  for (const [candidate, postings] of Object.entries(shard.terms)) {
    if (candidate === term || !candidate.startsWith(term)) continue;
    if (++prefixTerms > MAX_PREFIX_TERMS) break;
    for (const [doc, score] of decodePostings(postings)) {
      const partial = score * PREFIX_FACTOR;
      if ((scores.get(doc) ?? 0) < partial) scores.set(doc, partial);
    }
  }
  return scores;
}

/**
 * Search the index.
 *
 * @example
 * const hits = await searchDocs('monthly revenue', graph, (key) => fetchShard(key));
 * hits.map((h) => graph.names[h.node]);
 */
export async function searchDocs(query: string, graph: GraphIndex, loadShard: ShardLoader, limit = 20): Promise<SearchHit[]> {
  const words = splitQueryWords(query);
  if (words.length === 0) return [];
  const shards = new Map<string, SearchShard | undefined>();
  for (const key of new Set(words.map(selectSearchShardKey))) shards.set(key, await loadShard(key));
  let total: Map<number, number> | undefined;
  for (const word of words) {
    const scores = scoreTerm(shards.get(selectSearchShardKey(word)), word);
    if (!total) total = scores;
    else {
      const next = new Map<number, number>();
      for (const [doc, score] of scores) if (total.has(doc)) next.set(doc, total.get(doc)! + score);
      total = next;
    }
    if (total.size === 0) break;
  }
  return [...(total ?? new Map<number, number>())]
    .filter(([node]) => node < graph.ids.length)
    .map(([node, score]) => ({ node, score }))
    .sort((a, b) => b.score - a.score || graph.names[a.node].length - graph.names[b.node].length || a.node - b.node)
    .slice(0, limit);
}
