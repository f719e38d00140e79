import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (token: string) => createHash('sha256').update(token).digest();

/**
 * Bearer tokens, compared in constant time (against digests, so lengths never leak). A caller is
 * identified by a short hash of its token: logs and rate-limit keys never hold the token itself.
 */
export class BearerAuth {
  private readonly digests: Buffer[];

  constructor(tokens: readonly string[]) {
    this.digests = tokens.map(digest);
  }

  /** The caller's id for a valid `Authorization: Bearer <token>` header, else undefined. */
  identify(header: string | undefined): string | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match?.[1]) return undefined;
    const given = digest(match[1]);
    let found = false;
    for (const known of this.digests) found = timingSafeEqual(given, known) || found;
    return found ? `token:${given.toString('hex').slice(0, 12)}` : undefined;
  }
}
