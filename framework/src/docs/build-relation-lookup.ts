/**
 * Map relation names found in compiled SQL (`"db"."schema"."table"`, `schema.table`, `table`)
 * back to node unique ids, case-insensitively as DuckDB and Snowflake resolve unquoted names.
 */
import { isEphemeral, type Manifest, type Relation } from '../manifest/types.js';
import { nodeValues } from '../manifest/node-list.js';

export interface RelationRef {
  catalog?: string;
  schema?: string;
  table: string;
}

/** A function from a relation reference to the unique id of the node that builds it. */
export type RelationLookup = (ref: RelationRef) => string | undefined;

/** Nodes that own a warehouse relation: models, seeds, snapshots (not ephemeral) and sources. */
export function listRelationNodes(manifest: Manifest): Array<{ uniqueId: string; relation: Relation }> {
  const out: Array<{ uniqueId: string; relation: Relation }> = [];
  for (const node of nodeValues(manifest.nodes)) {
    if (node.resourceType === 'test') continue;
    if (isEphemeral(node)) continue;
    out.push({ uniqueId: node.uniqueId, relation: node.relation });
  }
  for (const source of Object.values(manifest.sources)) out.push({ uniqueId: source.uniqueId, relation: source.relation });
  return out;
}

/**
 * Build a lookup over the manifest's relations.
 *
 * @example
 * const lookup = buildRelationLookup(manifest);
 * lookup({ schema: 'main', table: 'stg_sales' }); // 'model.sales.stg_sales'
 */
export function buildRelationLookup(manifest: Manifest): RelationLookup {
  const full = new Map<string, string>();
  const bySchema = new Map<string, string[]>();
  const byName = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, id: string) => map.set(key, [...(map.get(key) ?? []), id]);
  for (const { uniqueId, relation } of listRelationNodes(manifest)) {
    const table = relation.identifier.toLowerCase();
    const schema = relation.schema.toLowerCase();
    if (relation.database) full.set(`${relation.database.toLowerCase()}.${schema}.${table}`, uniqueId);
    add(bySchema, `${schema}.${table}`, uniqueId);
    add(byName, table, uniqueId);
  }
  return ({ catalog, schema, table }) => {
    const t = table.toLowerCase();
    if (catalog && schema) {
      const exact = full.get(`${catalog.toLowerCase()}.${schema.toLowerCase()}.${t}`);
      if (exact) return exact;
    }
    if (schema) {
      const ids = bySchema.get(`${schema.toLowerCase()}.${t}`);
      return ids?.[0];
    }
    const ids = byName.get(t);
    return ids?.length === 1 ? ids[0] : undefined;
  };
}
