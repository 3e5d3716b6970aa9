import { errors, jwtVerify, SignJWT } from 'jose';
import type { AdminRole } from '@platform/db';

export interface TokenSettings {
  /** HS256 key, >= 32 bytes. */
  secret: Uint8Array;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** Who is calling, as carried in the token and re-checked against the database. */
export interface AdminIdentity {
  adminId: string;
  username: string;
  role: AdminRole;
}

// One algorithm, pinned on both sides: a token with `alg: none` or RS256 (the
// classic key-confusion attack) is rejected by jwtVerify before any claim is read.
const ALG = 'HS256';

/**
 * Signs a short-lived admin token.
 *
 * @example
 * const token = await issueToken(settings, { adminId, username: 'ana', role: 'admin' });
 */
export async function issueToken(settings: TokenSettings, admin: AdminIdentity): Promise<{ token: string; expiresAt: Date }> {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + settings.ttlSeconds;
  const token = await new SignJWT({ username: admin.username, role: admin.role })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(admin.adminId)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(settings.secret);
  return { token, expiresAt: new Date(exp * 1000) };
}

/** Why a token was refused; shown to the caller in the problem `detail`. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
  constructor(readonly reason: string) {
    super(`invalid token: ${reason}`);
  }
}

/** Verifies signature, algorithm, issuer, audience and expiry; returns the subject. */
export async function verifyToken(settings: TokenSettings, token: string): Promise<{ adminId: string }> {
  try {
    const { payload } = await jwtVerify(token, settings.secret, {
      algorithms: [ALG],
      issuer: settings.issuer,
      audience: settings.audience,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    if (typeof payload.sub !== 'string') throw new InvalidTokenError('no subject');
    return { adminId: payload.sub };
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    if (error instanceof errors.JWTExpired) throw new InvalidTokenError('expired');
    if (error instanceof errors.JOSEError) throw new InvalidTokenError(error.code);
    throw new InvalidTokenError('malformed');
  }
}
