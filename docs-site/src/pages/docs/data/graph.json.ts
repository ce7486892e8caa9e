/** The compact graph index (project nodes plus dashboard chart exposures) for the browser. */
import type { APIRoute } from 'astro';
import { loadDocsPages } from '../../../lib/docs/load-docs-pages.ts';

export const GET: APIRoute = () =>
  new Response(JSON.stringify(loadDocsPages().graph), { headers: { 'content-type': 'application/json' } });
