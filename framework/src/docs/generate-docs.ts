/**
 * `strata docs generate` in one call: catalog from the warehouse, column lineage from the
 * compiled SQL, then the docs data files. The caller writes `catalog.json` with the artifacts
 * writer (the catalog is returned), and builds the site with {@link buildDocsSite}.
 */
import type { Adapter, Connection } from '../adapters/adapter.js';
import type { CatalogArtifact, ManifestArtifact, RunResultsArtifact } from '../artifacts/types.js';
import { parseCompiledModels, resolveColumnLineage } from './compute-column-lineage.js';
import { generateCatalog, type GenerateCatalogOptions } from './generate-catalog.js';
import type { ColumnLineage } from './types.js';
import { writeDocsData, type DocsDataSummary } from './write-docs-data.js';

export interface GenerateDocsRequest {
  adapter: Adapter;
  /** An open connection; one is opened (and closed) when absent. */
  connection?: Connection;
  manifest: ManifestArtifact;
  runResults?: RunResultsArtifact;
  /** The project's `target/` folder. */
  targetDir: string;
  catalog?: GenerateCatalogOptions;
  now?: () => Date;
}

export interface GenerateDocsResult {
  catalog: CatalogArtifact;
  lineage: ColumnLineage;
  written: DocsDataSummary;
  /** `lineageMs` is the part after the catalog (SQL parsing overlaps the catalog). */
  timings: { catalogMs: number; lineageMs: number; writeMs: number; totalMs: number };
}

/**
 * Generate the catalog, column lineage and docs data.
 *
 * @example
 * const { catalog } = await generateDocs({ adapter, manifest, runResults, targetDir: 'target' });
 * await writeCatalogArtifact('target/catalog.json', catalog); // the artifacts writer
 */
export async function generateDocs(request: GenerateDocsRequest): Promise<GenerateDocsResult> {
  const t0 = performance.now();
  // Parsing needs no warehouse: it runs while the catalog is read.
  const parsing = parseCompiledModels(request.manifest);
  const connection = request.connection ?? (await request.adapter.connect());
  let catalog: CatalogArtifact;
  try {
    catalog = await generateCatalog(request.adapter, connection, request.manifest, { now: request.now, ...request.catalog });
  } finally {
    if (!request.connection) await connection.close();
  }
  const t1 = performance.now();
  const lineage = resolveColumnLineage(request.manifest, catalog, await parsing);
  const t2 = performance.now();
  const written = await writeDocsData(request.targetDir, request.manifest, request.runResults, catalog, lineage, { now: request.now });
  const t3 = performance.now();
  const ms = (a: number, b: number) => Math.round(b - a);
  return { catalog, lineage, written, timings: { catalogMs: ms(t0, t1), lineageMs: ms(t1, t2), writeMs: ms(t2, t3), totalMs: ms(t0, t3) } };
}
