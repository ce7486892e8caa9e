/** Types for serve.mjs (a plain-JS module so Node 20 runs it without a build step). */
export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}
export function startStaticServer(options: { dir: string; port?: number; host?: string }): Promise<StaticServer>;
