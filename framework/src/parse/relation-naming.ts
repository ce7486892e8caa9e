/**
 * Where a node lands: dbt's default schema naming (`<target schema>_<custom>`) and aliasing,
 * overridable by the project's `generate_schema_name` / `generate_alias_name` macros.
 */
import type { Relation } from '../manifest/types.js';
import type { TargetConfig } from '../project/types.js';
import type { RenderSession } from './template/render-session.js';

export interface NamingInput {
  name: string;
  file: string;
  config: Record<string, unknown>;
}

export function nameRelation(input: NamingInput, target: TargetConfig, session: RenderSession): Relation {
  const custom = typeof input.config.schema === 'string' && input.config.schema !== '' ? input.config.schema : null;
  let schema: string;
  if (session.hasMacro('generate_schema_name')) {
    const record = session.newRecord(input.file, input.name, input.config);
    schema = session.callMacro('generate_schema_name', { custom_schema_name: custom, node: { name: input.name, config: input.config } }, record).trim();
  } else {
    schema = custom ? `${target.schema}_${custom.trim()}` : target.schema;
  }
  let identifier = typeof input.config.alias === 'string' && input.config.alias ? input.config.alias : input.name;
  if (session.hasMacro('generate_alias_name')) {
    const record = session.newRecord(input.file, input.name, input.config);
    identifier = session.callMacro('generate_alias_name', { custom_alias_name: input.config.alias ?? null, node: { name: input.name, config: input.config } }, record).trim();
  }
  const database = (input.config.database as string | undefined) ?? (target.database as string | undefined);
  return database ? { database, schema, identifier } : { schema, identifier };
}
