import http from 'node:http';
import { request } from './http-load.js';

export const sleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms));

/** A JSON POST/GET that must succeed; the answer parsed. */
export async function api<T>(
  agent: http.Agent,
  port: number,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  token?: string,
): Promise<T> {
  const r = await request(agent, port, method, path, body, token ? { authorization: `Bearer ${token}` } : {});
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${r.body}`);
  return JSON.parse(r.body) as T;
}

export const keepAlive = () => new http.Agent({ keepAlive: true, maxSockets: 16 });
