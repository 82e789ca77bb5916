/**
 * Tunable LinkedIn behaviour: the app (its products, i.e. the scopes it may ask for, and whether it is
 * approved for programmatic refresh), token lifetimes, static test tokens, the active version window, daily
 * quotas and webhook delivery. Defaults follow a standard app that has every product the node can use.
 */
import { isRecord } from '../http';
import { ConfigError } from '../platform';
import { ALL_SCOPES } from './scopes';
import { DEFAULT_MEMBER } from './seed';

export interface StaticToken {
	token: string;
	scopes: string[];
	/** The member (`sub`) the token acts for. */
	member: string;
}

export interface LinkedInConfig {
	oauth: {
		clientId: string;
		clientSecret: string;
		/** The scopes the app's approved products grant; asking for any other is `unauthorized_scope_error`. */
		scopes: string[];
		/** Marketing Developer Platform partners get refresh tokens; standard apps do not. */
		programmaticRefresh: boolean;
		accessTokenTtlMs: number;
		refreshTokenTtlMs: number;
	};
	/** Tokens accepted without an OAuth dance (never expire unless revoked through the control API). */
	tokens: StaticToken[];
	/** `YYYYMM`: versions older than `oldestActive` are retired (426), newer than `latest` do not exist (400). */
	versions: { latest: string; oldestActive: string };
	/**
	 * Daily calls per endpoint, per application and per member. Days are `dayMs` long and aligned to the
	 * epoch, so the default resets at midnight UTC and a test can use a short "day".
	 */
	rateLimit: { appDaily: number; memberDaily: number; dayMs: number };
	webhooks: {
		/** LinkedIn only calls HTTPS endpoints; off by default because tests listen on plain loopback HTTP. */
		requireHttps: boolean;
		/** LinkedIn wants the challenge answered within 3 s. */
		timeoutMs: number;
		/** How long a validation holds before the next delivery validates again (LinkedIn: 2 hours). */
		revalidateMs: number;
	};
}

export type LinkedInConfigInput = {
	[K in keyof LinkedInConfig]?: LinkedInConfig[K] extends unknown[]
		? LinkedInConfig[K]
		: Partial<LinkedInConfig[K]>;
};

const DAY_MS = 86_400_000;

/** `YYYYMM` of the UTC month `monthsBack` months before `now`. */
export function versionOf(now: number, monthsBack = 0): string {
	const date = new Date(now);
	const total = date.getUTCFullYear() * 12 + date.getUTCMonth() - monthsBack;
	return `${Math.floor(total / 12)}${String((total % 12) + 1).padStart(2, '0')}`;
}

/** Computed when the sandbox starts: the current month is the latest, twelve months back the oldest active. */
export function defaultConfig(now = Date.now()): LinkedInConfig {
	return {
		oauth: {
			clientId: 'sandbox-linkedin-client-id',
			clientSecret: 'sandbox-linkedin-client-secret',
			scopes: [...ALL_SCOPES],
			programmaticRefresh: false,
			accessTokenTtlMs: 60 * DAY_MS,
			refreshTokenTtlMs: 365 * DAY_MS,
		},
		tokens: [{ token: 'sandbox-linkedin-token', scopes: [...ALL_SCOPES], member: DEFAULT_MEMBER }],
		versions: { latest: versionOf(now), oldestActive: versionOf(now, 12) },
		rateLimit: { appDaily: 1_000, memberDaily: 250, dayMs: DAY_MS },
		webhooks: { requireHttps: false, timeoutMs: 3_000, revalidateMs: 2 * 60 * 60_000 },
	};
}

export function cloneConfig(config: LinkedInConfig): LinkedInConfig {
	return {
		oauth: { ...config.oauth, scopes: [...config.oauth.scopes] },
		tokens: config.tokens.map((token) => ({ ...token, scopes: [...token.scopes] })),
		versions: { ...config.versions },
		rateLimit: { ...config.rateLimit },
		webhooks: { ...config.webhooks },
	};
}

/** Returns `base` with `input` merged in, rejecting unknown keys and wrong types so typos fail loudly. */
export function mergeConfig(base: LinkedInConfig, input: unknown): LinkedInConfig {
	if (input === undefined) return cloneConfig(base);
	if (!isRecord(input)) throw new ConfigError('linkedin config must be an object');
	const next = cloneConfig(base);
	for (const [key, value] of Object.entries(input)) {
		switch (key) {
			case 'oauth':
				next.oauth = mergeOAuth(next.oauth, value);
				break;
			case 'tokens':
				next.tokens = staticTokens(value);
				break;
			case 'versions':
				next.versions = mergeVersions(next.versions, value);
				break;
			case 'rateLimit':
				next.rateLimit = mergeFields('rateLimit', next.rateLimit, value, (name, raw) => number(name, raw, 1));
				break;
			case 'webhooks':
				next.webhooks = mergeFields('webhooks', next.webhooks, value, (name, raw) =>
					name === 'webhooks.requireHttps' ? boolean(name, raw) : number(name, raw, 1),
				);
				break;
			default:
				throw new ConfigError(`unknown linkedin config key: ${key}`);
		}
	}
	return next;
}

function mergeOAuth(base: LinkedInConfig['oauth'], input: unknown): LinkedInConfig['oauth'] {
	return mergeFields('oauth', base, input, (name, raw) => {
		switch (name) {
			case 'oauth.clientId':
			case 'oauth.clientSecret':
				if (typeof raw !== 'string' || raw === '') throw new ConfigError(`linkedin.${name} must be a string`);
				return raw;
			case 'oauth.scopes':
				return scopes(name, raw);
			case 'oauth.programmaticRefresh':
				return boolean(name, raw);
			default:
				return number(name, raw, 1);
		}
	});
}

function mergeVersions(base: LinkedInConfig['versions'], input: unknown): LinkedInConfig['versions'] {
	const next = mergeFields('versions', base, input, (name, raw) => {
		if (typeof raw !== 'string' || !/^\d{4}(0[1-9]|1[0-2])$/.test(raw)) {
			throw new ConfigError(`linkedin.${name} must be a YYYYMM string`);
		}
		return raw;
	});
	if (next.oldestActive > next.latest)
		throw new ConfigError('linkedin.versions.oldestActive is after latest');
	return next;
}

function staticTokens(input: unknown): StaticToken[] {
	if (!Array.isArray(input))
		throw new ConfigError('linkedin.tokens must be an array of {token, scopes, member}');
	return input.map((entry, index) => {
		if (!isRecord(entry) || typeof entry.token !== 'string' || entry.token === '') {
			throw new ConfigError(`linkedin.tokens[${index}].token must be a non-empty string`);
		}
		const member = entry.member ?? DEFAULT_MEMBER;
		if (typeof member !== 'string')
			throw new ConfigError(`linkedin.tokens[${index}].member must be a string`);
		return {
			token: entry.token,
			scopes: scopes(`tokens[${index}].scopes`, entry.scopes ?? ALL_SCOPES),
			member,
		};
	});
}

function mergeFields<T extends object>(
	name: string,
	base: T,
	input: unknown,
	check: (path: string, value: unknown) => unknown,
): T {
	if (!isRecord(input)) throw new ConfigError(`linkedin.${name} must be an object`);
	const next = { ...base } as Record<string, unknown>;
	for (const [key, value] of Object.entries(input)) {
		if (!(key in base)) throw new ConfigError(`unknown linkedin.${name} key: ${key}`);
		next[key] = check(`${name}.${key}`, value);
	}
	return next as T;
}

function scopes(name: string, value: unknown): string[] {
	if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string' && /^\S+$/.test(entry))) {
		throw new ConfigError(`linkedin.${name} must be an array of scope names`);
	}
	return [...value];
}

function boolean(name: string, value: unknown): boolean {
	if (typeof value !== 'boolean') throw new ConfigError(`linkedin.${name} must be a boolean`);
	return value;
}

function number(name: string, value: unknown, min: number): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
		throw new ConfigError(`linkedin.${name} must be a number >= ${min}`);
	}
	return value;
}
