import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1) is the library default; we
// raise memory to 64 MiB, ~60 ms per hash on one core here: slow for an
// offline guesser, still fine for a rate-limited login.
const OPTIONS = { memoryCost: 65_536, timeCost: 3, parallelism: 1 } as const;

/** argon2id PHC string for storage in `platform.admin_users.password_hash`. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed login, not a 500.
    return false;
  }
}

// Verified against when the username does not exist, so "no such user" takes as
// long as "wrong password" and the response time does not reveal usernames.
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy-password-never-matches');
  return decoy;
}
