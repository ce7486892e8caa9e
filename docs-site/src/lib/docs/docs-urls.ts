/** Links inside the docs: node pages, column anchors and data files, under the site's base path. */
import { encodeNodeSlug } from '../../../../framework/src/docs/node-slug.ts';

/** The base path without a trailing slash (`''` at the root). */
export function readBasePath(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** URL of a node's page. */
export function formatNodeUrl(base: string, uniqueId: string): string {
  return `${base}/docs/nodes/${encodeNodeSlug(uniqueId)}/`;
}

/** Element id of a column row on its node page (`column-<name>`, safe in ids and fragments). */
export function formatColumnAnchor(column: string): string {
  return `column-${column.replace(/[^A-Za-z0-9_-]/g, (c) => `~${c.charCodeAt(0).toString(16)}`)}`;
}

/** URL of one column on its node's page. */
export function formatColumnUrl(base: string, uniqueId: string, column: string): string {
  return `${formatNodeUrl(base, uniqueId)}#${formatColumnAnchor(column)}`;
}

/** URL of the compact graph index and of one search shard. */
export function formatDataUrl(base: string, file: 'graph' | `search/${string}`): string {
  return `${base}/docs/data/${file}.json`;
}

/** An author-supplied link if it is http(s) or site-relative; anything else (`javascript:`) is dropped. */
export function readSafeUrl(url: string | undefined): string | undefined {
  return url && /^(https?:\/\/|\/(?!\/))/i.test(url.trim()) ? url.trim() : undefined;
}
