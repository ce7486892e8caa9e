/**
 * The docs stage: catalog, column lineage and the data files of the docs site.
 * See README.md for where it sits in the data flow.
 */
export { generateCatalog, type GenerateCatalogOptions, type BulkColumnIntrospector } from './generate-catalog.js';
export { computeColumnLineage, parseCompiledModels, resolveColumnLineage, type ParsedModelSql } from './compute-column-lineage.js';
export { writeDocsData, type DocsDataSummary, type WriteDocsDataOptions } from './write-docs-data.js';
export { generateDocs, type GenerateDocsRequest, type GenerateDocsResult } from './generate-docs.js';
export { buildDocsSite, serveDocsSite, type BuildDocsSiteRequest, type BuiltDocsSite, type DocsServer } from './build-docs-site.js';
export { encodeNodeSlug, decodeNodeSlug } from './node-slug.js';
export * from './types.js';
