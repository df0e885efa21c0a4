import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id minimum: 19 MiB memory, 2 iterations, 1 lane.
const argonOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let commonPasswords: Promise<Set<string>> | null = null;

/**
 * The ~49,000 most common passwords (zxcvbn's ranked list), lower-cased. Loaded on the first
 * password change, not at start: zxcvbn's dictionaries take ~18 MB that most processes never need.
 */
function loadCommonPasswords(): Promise<Set<string>> {
  commonPasswords ??= import("@zxcvbn-ts/language-common").then(
    ({ dictionary }) => new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase())),
  );
  return commonPasswords;
}

/** Why a new password is refused, or null when it is acceptable (length is checked by the contract). */
export async function passwordProblem(password: string, personal: string[] = []): Promise<string | null> {
  const lower = password.toLowerCase();
  if ((await loadCommonPasswords()).has(lower)) return "This password is one of the most common ones; choose something less guessable";
  if (personal.some((p) => p.length >= 3 && lower === p.toLowerCase())) return "The password must not be your username or name";
  return null;
}

/** Hashes a password with argon2id. */
export const hashPassword = (password: string) => hash(password, argonOptions);

// A real hash to verify against when the account does not exist, so both paths take the same time.
const decoy = hashPassword("decoy-password-for-timing");

/** Checks a password against a stored hash; with no hash it still spends the same time and fails. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** Number of common passwords refused (for tests and docs). */
export const commonPasswordCount = async () => (await loadCommonPasswords()).size;
