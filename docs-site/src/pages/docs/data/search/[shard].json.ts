/** One search index shard (terms starting with one character) for the browser. */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { SearchShard } from '../../../../../../framework/src/docs/types.ts';
import { loadDocsPages } from '../../../../lib/docs/load-docs-pages.ts';

export const getStaticPaths: GetStaticPaths = () =>
  Object.values(loadDocsPages().shards).map((shard) => ({ params: { shard: shard.key }, props: { shard } }));

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify((props as { shard: SearchShard }).shard), { headers: { 'content-type': 'application/json' } });
