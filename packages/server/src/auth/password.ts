import { hash, verify } from '@node-rs/argon2';

/** argon2id (the library's Algorithm.Argon2id; a const enum cannot be imported under isolatedModules). */
const argon2id = 2;
const options = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const minimumPasswordLength = 12;

export function passwordProblem(password: string): string | undefined {
  if (password.length < minimumPasswordLength)
    return `must be at least ${minimumPasswordLength} characters`;
  if (password.length > 512) return 'must be at most 512 characters';
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
