// Password hashing with argon2id, and a verification that takes as long for unknown users as for known ones.
import argon2 from 'argon2';
import type { HashOptions } from 'argon2';

// Parameters of every new hash (argon2's defaults, spelled out so that a library update cannot weaken them).
const HASH_OPTIONS: HashOptions = {
  type: argon2.argon2id,
  memoryCost: 65_536,
  timeCost: 3,
  parallelism: 4,
};

// A hash of a random password nobody knows, made with the same parameters. Verifying against it
// when the e-mail is unknown makes a failed login cost the same time either way.
const DUMMY_HASH =
  '$argon2id$v=19$m=65536,p=4,t=3$Mw1wGb18JWqO1rsXVGPdzA$hjsJMSPWZGJhBcc6QM3Pt680k8XdACs3oA24dRxmgdg';

/** Hashes a password with argon2id; the result starts with `$argon2id$`. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

/**
 * Checks a password against a stored hash, or against a dummy hash when there is no user,
 * so that the answer takes the same time whether the account exists or not.
 */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  try {
    const ok = await argon2.verify(hash ?? DUMMY_HASH, password);
    return ok && hash !== undefined;
  } catch {
    // A malformed stored hash must read as "wrong password", never as a server error.
    return false;
  }
}
