/**
 * Exact-value redaction of a credential's secrets in what a platform answers. The core's redaction is
 * pattern-based (`hapikey=…`, `Bearer …`), which misses a key echoed bare ("invalid key abc123…"). Inside
 * n8n the credential is at hand, so its secret values themselves are removed from every answer before the
 * core builds an error, an item or a log line from it.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

const SECRET_FIELD = /key|token|secret|password/i;
/** Shorter values are too likely to be ordinary words to replace everywhere. */
const MIN_SECRET_LENGTH = 8;
const REDACTED = '[redacted]';

/** The secret strings of a credential: fields named like secrets, and OAuth2's issued tokens. */
export function secretValuesOf(data: ICredentialDataDecryptedObject | undefined): string[] {
	const found = new Set<string>();
	const add = (value: unknown) => {
		if (typeof value === 'string' && value.trim().length >= MIN_SECRET_LENGTH) found.add(value.trim());
	};
	for (const [field, value] of Object.entries(data ?? {})) {
		if (SECRET_FIELD.test(field)) add(value);
	}
	const tokens = data?.oauthTokenData;
	if (tokens && typeof tokens === 'object') {
		for (const [field, value] of Object.entries(tokens)) if (SECRET_FIELD.test(field)) add(value);
	}
	// Longest first, so a secret that contains another is replaced whole.
	return [...found].sort((a, b) => b.length - a.length);
}

/** `value` with every occurrence of a secret replaced, in strings at any depth; other values as they are. */
export function withoutSecrets<T>(value: T, secrets: readonly string[]): T {
	if (secrets.length === 0) return value;
	return scrub(value, secrets, 0) as T;
}

function scrub(value: unknown, secrets: readonly string[], depth: number): unknown {
	if (typeof value === 'string') {
		let text = value;
		for (const secret of secrets) if (text.includes(secret)) text = text.split(secret).join(REDACTED);
		return text;
	}
	if (depth > 20 || value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((entry) => scrub(entry, secrets, depth + 1));
	const out: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) out[key] = scrub(entry, secrets, depth + 1);
	return out;
}
