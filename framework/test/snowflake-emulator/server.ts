/**
 * A loopback HTTP server speaking enough of Snowflake's REST protocol for the real snowflake-sdk
 * (pointed at it with `accessUrl`) to log in, run statements with binds, read typed and chunked
 * results, PUT files to internal stages and COPY them into tables. Statements run on an
 * in-memory DuckDB instance, one connection per session.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { authenticate, type AuthConfig, type LoginData } from './auth.js';
import { createDatabase, databaseExists } from './catalog.js';
import { SnowflakeSqlError, unsupported } from './errors.js';
import { SESSION_MACROS } from './function-rewrite.js';
import { errorBody, foldIdentifier, readJsonBody, sendJson, sessionTokenOf } from './http-io.js';
import { asyncAcceptedResponse, newQueryId, RESULT_PARAMETERS, rowsResponse, uploadResponse } from './responses.js';
import { EmulatorSession } from './session.js';
import type { BindValue } from './sql-rewrite.js';
import { executeStatement } from './statements.js';
import { StageRegistry } from './stages.js';

export interface SnowflakeEmulatorOptions extends AuthConfig {
  /** Default database of every user (created at start). Default `STRATA_DB`. */
  database?: string;
  /** Account name reported back (the driver requires one). Default `emulator`. */
  account?: string;
  /** Rows inline in the first response before chunking. Default 1000. */
  firstRows?: number;
  /** Rows per result chunk. Default 5000. */
  chunkRows?: number;
}

export interface QueryLogEntry {
  sql: string;
  /** QUERY_TAG in effect for the statement (statement parameter, else session parameter). */
  queryTag?: string;
}

export interface SnowflakeEmulator {
  port: number;
  /** `http://127.0.0.1:<port>`, for the driver's `accessUrl`. */
  accessUrl: string;
  account: string;
  database: string;
  /** Every query-request's SQL text, in arrival order. */
  queryLog: QueryLogEntry[];
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
/** Query results kept for `/queries/<id>/result` and `/monitoring/queries/<id>`. */
const KEPT_RESULTS = 200;

/** Start an emulator on an ephemeral loopback port. Always `close()` it (tests: afterAll). */
export async function startSnowflakeEmulator(options: SnowflakeEmulatorOptions = {}): Promise<SnowflakeEmulator> {
  const database = options.database ?? 'STRATA_DB';
  const account = options.account ?? 'emulator';
  const chunking = { firstRows: options.firstRows ?? 1000, chunkRows: options.chunkRows ?? 5000 };
  const root = mkdtempSync(join(tmpdir(), 'strata-sf-emulator-'));
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const admin = await instance.connect();
  await createDatabase(admin, database);

  const stages = new StageRegistry(join(root, 'stages'));
  const sessions = new Map<string, EmulatorSession>();
  const chunks = new Map<string, { sessionId: number; body: string }>();
  const results = new Map<string, Record<string, unknown>>();
  const queryLog: QueryLogEntry[] = [];
  let nextSessionId = 1;
  let accessUrl = '';

  const chunkSink = {
    store(sessionId: number, body: string): string {
      const id = randomBytes(16).toString('hex');
      chunks.set(id, { sessionId, body });
      return `${accessUrl}/emulator-chunks/${id}`;
    },
  };

  const keepResult = (queryId: string, body: Record<string, unknown>) => {
    results.set(queryId, body);
    if (results.size > KEPT_RESULTS) results.delete(results.keys().next().value as string);
  };

  async function login(req: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
    const body = await readJsonBody(req);
    const data = (body.data ?? {}) as LoginData & { SESSION_PARAMETERS?: Record<string, unknown> };
    const outcome = authenticate(data, options);
    if (!outcome.ok) return outcome.body;
    const dbName = foldIdentifier(url.searchParams.get('databaseName')) ?? database;
    // The login database is attached on first use, so 3-part names into it always resolve.
    if (!(await databaseExists(admin, dbName))) await createDatabase(admin, dbName);
    const conn = await instance.connect();
    // Snowflake functions that are plain expressions of their arguments (function-rewrite.ts).
    for (const macro of SESSION_MACROS) await conn.run(macro);
    const session = new EmulatorSession(nextSessionId++, conn, {
      user: outcome.user,
      role: foldIdentifier(url.searchParams.get('roleName')) ?? 'PUBLIC',
      warehouse: foldIdentifier(url.searchParams.get('warehouse')),
    });
    await session.use(dbName, foldIdentifier(url.searchParams.get('schemaName')));
    for (const [key, value] of Object.entries(data.SESSION_PARAMETERS ?? {})) session.parameters.set(key.toUpperCase(), String(value));
    sessions.set(session.token, session);
    return {
      success: true,
      code: null,
      message: null,
      data: {
        token: session.token,
        masterToken: session.masterToken,
        validityInSeconds: 3600,
        masterValidityInSeconds: 14400,
        sessionId: session.id,
        displayUserName: session.user,
        serverVersion: 'strata-emulator',
        firstLogin: false,
        parameters: RESULT_PARAMETERS,
        sessionInfo: { databaseName: session.database, schemaName: session.schema, warehouseName: session.warehouse, roleName: session.role },
      },
    };
  }

  async function query(session: EmulatorSession, req: IncomingMessage): Promise<Record<string, unknown>> {
    const body = await readJsonBody(req);
    const sqlText = String(body.sqlText ?? '');
    const parameters = (body.parameters ?? {}) as Record<string, unknown>;
    const tag = parameters.QUERY_TAG !== undefined ? String(parameters.QUERY_TAG) : session.queryTag;
    queryLog.push(tag === undefined ? { sql: sqlText } : { sql: sqlText, queryTag: tag });
    const queryId = newQueryId();
    let response: Record<string, unknown>;
    try {
      // Array binds above CLIENT_STAGE_ARRAY_BINDING_THRESHOLD arrive as a staged file instead.
      if (body.bindStage !== undefined) throw unsupported('stage array binds (bindStage)');
      const outcome = await session.serialize(() =>
        executeStatement(session, stages, {
          sqlText,
          bindings: body.bindings as Record<string, BindValue> | undefined,
          parameters,
          describeOnly: body.describeOnly === true,
        }),
      );
      response = outcome.kind === 'upload' ? uploadResponse(queryId, outcome.data) : rowsResponse(session, queryId, outcome.result, chunkSink, chunking);
    } catch (err) {
      const e = err instanceof SnowflakeSqlError ? err : new SnowflakeSqlError('000603', 'XX000', `SQL execution internal error:\n${String(err)}`);
      response = errorBody(e.code, e.message, { sqlState: e.sqlState, queryId, ...(e.detail ? { emulatorDetail: e.detail } : {}) });
    }
    keepResult(queryId, response);
    return body.asyncExec === true ? asyncAcceptedResponse(queryId) : response;
  }

  function closeSession(session: EmulatorSession): void {
    sessions.delete(session.token);
    stages.dropTemporary(session.id);
    for (const [id, chunk] of chunks) if (chunk.sessionId === session.id) chunks.delete(id);
    session.conn.closeSync();
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', accessUrl);
    const path = url.pathname;
    if (req.method === 'POST' && path === '/session/v1/login-request') return sendJson(res, 200, await login(req, url));
    if (req.method === 'GET' && path.startsWith('/emulator-chunks/')) {
      const chunk = chunks.get(path.slice('/emulator-chunks/'.length));
      if (!chunk) return sendJson(res, 404, { message: 'no such chunk' });
      // Not application/json: the driver JSON-parses such bodies, and a chunk is `[..],[..]`.
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      return void res.end(chunk.body);
    }
    const session = sessions.get(sessionTokenOf(req) ?? '');
    if (!session) {
      // 401 + 390104 is how Snowflake says "this session token is gone"; the driver fails fast.
      return sendJson(res, 401, { success: false, code: '390104', message: 'User must login again to access the service.', data: null });
    }
    if (req.method === 'POST' && path === '/queries/v1/query-request') return sendJson(res, 200, await query(session, req));
    if (req.method === 'POST' && path === '/session' && url.searchParams.get('delete') === 'true') {
      await session.serialize(async () => closeSession(session));
      return sendJson(res, 200, { success: true, code: null, message: null, data: null });
    }
    if (req.method === 'POST' && (path === '/session/heartbeat' || path === '/telemetry/send' || path.endsWith('/abort-request'))) {
      await readJsonBody(req).catch(() => undefined);
      return sendJson(res, 200, { success: true, code: null, message: null, data: null });
    }
    if (req.method === 'POST' && path === '/session/token-request') {
      return sendJson(res, 200, {
        success: true,
        data: { sessionToken: session.token, validityInSecondsST: 3600, masterToken: session.masterToken, validityInSecondsMT: 14400 },
      });
    }
    const resultMatch = /^\/queries\/([^/]+)\/result$/.exec(path);
    if (req.method === 'GET' && resultMatch) {
      return sendJson(res, 200, results.get(resultMatch[1]) ?? errorBody('000709', `Statement ${resultMatch[1]} not found`, { sqlState: '02000' }));
    }
    const monitorMatch = /^\/monitoring\/queries\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && monitorMatch) {
      const stored = results.get(monitorMatch[1]);
      const status = !stored ? 'NO_DATA' : stored.success ? 'SUCCESS' : 'FAILED_WITH_ERROR';
      return sendJson(res, 200, {
        success: true,
        data: { queries: [{ id: monitorMatch[1], status, errorCode: stored?.code ?? undefined, errorMessage: stored?.success ? undefined : stored?.message }] },
      });
    }
    return sendJson(res, 404, { success: false, code: '000404', message: `The Snowflake emulator does not implement ${req.method} ${path}` });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 200, errorBody('000603', `Snowflake emulator internal error: ${String(err)}`, { sqlState: 'XX000' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  accessUrl = `http://${LOOPBACK}:${port}`;

  return {
    port,
    accessUrl,
    account,
    database,
    queryLog,
    async close() {
      for (const session of [...sessions.values()]) closeSession(session);
      // The driver's keep-alive agent holds sockets open; without this close() would wait for them.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      admin.closeSync();
      instance.closeSync();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
