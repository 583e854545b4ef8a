/**
 * The one-time token that guards an inspector, as Jupyter's does: made fresh for each
 * inspector (or given), and required on every request — in the address (`?token=`), or as
 * `Authorization: Bearer <token>` — compared in constant time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A new token: 24 random bytes, as 48 hex digits. */
export function newToken(): string {
  return randomBytes(24).toString('hex');
}

/** The token a request carries, if any. */
export function tokenOf(request: IncomingMessage, url: URL): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return url.searchParams.get('token') ?? undefined;
}

/** True when `given` is `token`, compared in constant time. */
export function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
