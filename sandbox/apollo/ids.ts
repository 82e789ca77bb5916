/** Apollo ids are 24 hex characters (Mongo object ids); derived from a seed string so seeds are stable. */
import { createHash, randomBytes } from 'node:crypto';

export function stableId(seed: string): string {
	return createHash('sha256').update(seed).digest('hex').slice(0, 24);
}

export function newId(): string {
	return randomBytes(12).toString('hex');
}
