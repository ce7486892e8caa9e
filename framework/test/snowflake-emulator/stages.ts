/**
 * Internal stages as local directories. PUT is answered with `locationType: LOCAL_FS`, so the
 * driver itself copies (and gzips) the file into the stage directory; an S3-type answer would
 * make the driver talk HTTPS to a bucket (SNOWFLAKE-S3-TESTING.md §1.3).
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { unsupported, compilationError, type SnowflakeSqlError } from './errors.js';
import type { EmulatorSession } from './session.js';
import type { OptionMap } from './sql-options.js';
import { booleanOption, parseOptions, scalarOption } from './sql-options.js';
import { readQualifiedName } from './sql-rewrite.js';
import { identifierName, significantTokens, tokenizeSql } from './sql-tokens.js';

export interface Stage {
  /** `DB.SCHEMA.NAME`, `~USER` or `%DB.SCHEMA.TABLE`. */
  key: string;
  /** Lower-case name LIST shows in front of each file, '' for the user stage. */
  label: string;
  dir: string;
  /** Temporary stages vanish with the session that created them. */
  ownerSessionId?: number;
  fileFormat: OptionMap;
}

/** A `@stage/path` reference resolved to a directory and a path prefix inside it. */
export interface StageLocation {
  stage: Stage;
  prefix: string;
}

export interface StagedFile {
  /** Path relative to the stage root, with forward slashes. */
  name: string;
  path: string;
  size: number;
  mtimeMs: number;
}

function stageDoesNotExist(name: string): SnowflakeSqlError {
  return compilationError('002003', '02000', `Stage '${name}' does not exist or not authorized.`);
}

/** Split `a."B c".d` on dots outside quotes; unquoted parts fold to upper case. */
function splitQualified(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' && quoted && text[i + 1] === '"') {
      current += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
      wasQuoted = true;
    } else if (ch === '.' && !quoted) {
      parts.push(wasQuoted ? current : current.toUpperCase());
      current = '';
      wasQuoted = false;
    } else current += ch;
  }
  parts.push(wasQuoted ? current : current.toUpperCase());
  return parts;
}

/** Split `@name/path/` into the stage name text and the path (quote-aware). */
function splitStageReference(reference: string): { name: string; path: string } {
  const body = reference.replace(/^@/, '');
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '"') quoted = !quoted;
    else if (body[i] === '/' && !quoted) return { name: body.slice(0, i), path: body.slice(i + 1) };
  }
  return { name: body, path: '' };
}

export class StageRegistry {
  private readonly stages = new Map<string, Stage>();
  /** Table key -> `file|size|mtime` already loaded (COPY skips them unless FORCE = TRUE). */
  private readonly loadHistory = new Map<string, Set<string>>();

  constructor(private readonly root: string) {}

  /** CREATE [OR REPLACE] [TEMPORARY] STAGE [IF NOT EXISTS] name [options]. */
  create(session: EmulatorSession, sql: string): string {
    const sig = significantTokens(tokenizeSql(sql));
    const orReplace = sig[1]?.text.toUpperCase() === 'OR';
    let i = orReplace ? 3 : 1;
    const temporary = /^TEMP(ORARY)?$/i.test(sig[i]?.text ?? '');
    if (temporary) i++;
    i++; // STAGE
    const ifNotExists = sig[i]?.text.toUpperCase() === 'IF';
    if (ifNotExists) i += 3;
    const stageName = readQualifiedName(sig, i);
    const options = parseOptions(sig, stageName.end);
    if (options.URL !== undefined) throw unsupported('external stages (URL = ...)');
    const { database, schema, name } = session.qualify(stageName.parts.map(identifierName));
    const key = `${database}.${schema}.${name}`;
    if (this.stages.has(key) && !orReplace) {
      if (ifNotExists) return `${name} already exists, statement succeeded.`;
      throw compilationError('002002', '42710', `Object '${name}' already exists.`);
    }
    const dir = join(this.root, 'named', database, schema, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const fileFormat = (typeof options.FILE_FORMAT === 'object' && !Array.isArray(options.FILE_FORMAT)
      ? options.FILE_FORMAT
      : {}) as OptionMap;
    this.stages.set(key, {
      key,
      label: name.toLowerCase(),
      dir,
      ownerSessionId: temporary ? session.id : undefined,
      fileFormat,
    });
    return `Stage area ${name} successfully created.`;
  }

  /** DROP STAGE [IF EXISTS] name. */
  drop(session: EmulatorSession, nameText: string, ifExists: boolean): string {
    const { database, schema, name } = session.qualify(splitQualified(nameText));
    const stage = this.stages.get(`${database}.${schema}.${name}`);
    if (!stage) {
      if (ifExists) return `Drop statement executed successfully (${name} already dropped).`;
      throw stageDoesNotExist(`${database}.${schema}.${name}`);
    }
    this.remove(stage);
    return `${name} successfully dropped.`;
  }

  /** Drop the temporary stages of a closing session. */
  dropTemporary(sessionId: number): void {
    for (const stage of [...this.stages.values()]) if (stage.ownerSessionId === sessionId) this.remove(stage);
  }

  private remove(stage: Stage): void {
    this.stages.delete(stage.key);
    rmSync(stage.dir, { recursive: true, force: true });
  }

  /** Resolve `@~/p`, `@%table/p` or `@[db.][schema.]name/p`. */
  resolve(session: EmulatorSession, reference: string): StageLocation {
    const { name, path } = splitStageReference(reference);
    let stage: Stage | undefined;
    if (name === '~') {
      const dir = join(this.root, 'user', session.user);
      stage = { key: `~${session.user}`, label: '', dir, fileFormat: {} };
    } else if (name.includes('%')) {
      const parts = splitQualified(name.replace('%', ''));
      const q = session.qualify(parts);
      const dir = join(this.root, 'table', q.database, q.schema, q.name);
      stage = { key: `%${q.database}.${q.schema}.${q.name}`, label: '', dir, fileFormat: {} };
    } else {
      const q = session.qualify(splitQualified(name));
      stage = this.stages.get(`${q.database}.${q.schema}.${q.name}`);
      if (!stage) throw stageDoesNotExist(`${q.database}.${q.schema}.${q.name}`);
    }
    mkdirSync(stage.dir, { recursive: true });
    return { stage, prefix: path };
  }

  /** Files under the location, sorted by name. */
  listFiles(location: StageLocation, pattern?: string): StagedFile[] {
    const files: StagedFile[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else {
          const name = relative(location.stage.dir, path).split(sep).join('/');
          const stats = statSync(path);
          files.push({ name, path, size: stats.size, mtimeMs: stats.mtimeMs });
        }
      }
    };
    walk(location.stage.dir);
    const regex = pattern === undefined ? undefined : new RegExp(`^(?:${pattern})$`);
    return files
      .filter((f) => f.name.startsWith(location.prefix))
      .filter((f) => !regex || regex.test(f.name))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** True when COPY already loaded this exact file into this table. */
  wasLoaded(tableKey: string, file: StagedFile): boolean {
    return this.loadHistory.get(tableKey)?.has(`${file.path}|${file.size}|${file.mtimeMs}`) ?? false;
  }

  recordLoad(tableKey: string, file: StagedFile): void {
    const history = this.loadHistory.get(tableKey) ?? new Set<string>();
    history.add(`${file.path}|${file.size}|${file.mtimeMs}`);
    this.loadHistory.set(tableKey, history);
  }
}

/** The upload instructions Snowflake returns for `PUT file://<path> @<stage>[/<prefix>] [options]`. */
export function putUploadData(session: EmulatorSession, registry: StageRegistry, sqlText: string): Record<string, unknown> {
  const match = /^\s*PUT\s+('file:\/\/[^']*'|file:\/\/\S+)\s+('@[^']*'|@\S+)(.*)$/is.exec(sqlText.replace(/;\s*$/, ''));
  if (!match) throw compilationError('001003', '42000', 'syntax error in PUT: expected PUT file://<path> @<stage>');
  const source = match[1].replace(/^'|'$/g, '').slice('file://'.length);
  const location = registry.resolve(session, match[2].replace(/^'|'$/g, ''));
  const options = parseOptions(significantTokens(tokenizeSql(match[3])), 0);
  const targetDir = join(location.stage.dir, location.prefix);
  mkdirSync(targetDir, { recursive: true });
  return {
    command: 'UPLOAD',
    src_locations: [source],
    autoCompress: booleanOption(options, 'AUTO_COMPRESS', true),
    sourceCompression: (scalarOption(options, 'SOURCE_COMPRESSION') ?? 'AUTO_DETECT').toLowerCase(),
    parallel: Number(scalarOption(options, 'PARALLEL') ?? 4),
    overwrite: booleanOption(options, 'OVERWRITE', false),
    stageInfo: {
      locationType: 'LOCAL_FS',
      location: targetDir,
      path: location.prefix,
      region: null,
      storageAccount: null,
      isClientSideEncrypted: false,
      creds: {},
      endPoint: null,
    },
    encryptionMaterial: null,
    presignedUrls: [],
    kind: null,
    operation: 'Node',
  };
}

/** Parse `LIST|REMOVE @stage[/path] [PATTERN = '...']`. */
export function parseStageCommand(sqlText: string): { reference: string; pattern?: string } {
  const match = /^\s*(?:LIST|LS|REMOVE|RM)\s+('@[^']*'|@\S+)(.*)$/is.exec(sqlText.replace(/;\s*$/, ''));
  if (!match) throw compilationError('001003', '42000', 'syntax error: expected a stage reference');
  const options = parseOptions(significantTokens(tokenizeSql(match[2])), 0);
  return { reference: match[1].replace(/^'|'$/g, ''), pattern: scalarOption(options, 'PATTERN') };
}
