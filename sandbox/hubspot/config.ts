/** Tunable HubSpot behaviour. Defaults follow a private app on the Free/Starter tier. */
import { isRecord } from '../http';
import { ConfigError } from '../platform';

export interface HubSpotConfig {
	/** Static (private app) tokens accepted as `Authorization: Bearer <token>`. */
	tokens: string[];
	/** Developer API keys accepted as `?hapikey=` by the webhooks v3 API. */
	developerApiKeys: string[];
	/** Apps those keys may manage webhooks for; any other app id is a 404. */
	appIds: string[];
	/** Rolling window and daily quota for every call except search. */
	rateLimit: { max: number; intervalMs: number; daily: number };
	/** The separate search quota (5 per second per account on the real API). */
	searchRateLimit: { max: number; intervalMs: number };
	/** How long after a write the change becomes visible to search (eventual consistency). */
	searchLagMs: number;
	/** HubSpot documents no Retry-After header; turn this on to test clients that honour one. */
	retryAfterHeader: boolean;
	/** `v1Sunset`: when the legacy `/oauth/v1/token` endpoint stops answering (HubSpot: 2027-02-16). */
	oauth: { clientId: string; clientSecret: string; accessTokenTtlMs: number; v1Sunset: string };
}

export type HubSpotConfigInput = {
	[K in keyof HubSpotConfig]?: HubSpotConfig[K] extends unknown[]
		? HubSpotConfig[K]
		: HubSpotConfig[K] extends object
			? Partial<HubSpotConfig[K]>
			: HubSpotConfig[K];
};

export const DEFAULT_HUBSPOT_CONFIG: HubSpotConfig = {
	tokens: ['sandbox-hubspot-token'],
	developerApiKeys: ['sandbox-developer-key'],
	appIds: ['424242'],
	rateLimit: { max: 100, intervalMs: 10_000, daily: 250_000 },
	searchRateLimit: { max: 5, intervalMs: 1_000 },
	searchLagMs: 0,
	retryAfterHeader: false,
	oauth: {
		clientId: 'sandbox-client-id',
		clientSecret: 'sandbox-client-secret',
		accessTokenTtlMs: 1_800_000,
		v1Sunset: '2027-02-16T00:00:00.000Z',
	},
};

export function cloneConfig(config: HubSpotConfig): HubSpotConfig {
	return {
		...config,
		tokens: [...config.tokens],
		developerApiKeys: [...config.developerApiKeys],
		appIds: [...config.appIds],
		rateLimit: { ...config.rateLimit },
		searchRateLimit: { ...config.searchRateLimit },
		oauth: { ...config.oauth },
	};
}

/** Returns `base` with `input` merged in, rejecting unknown keys and wrong types so typos fail loudly. */
export function mergeConfig(base: HubSpotConfig, input: unknown): HubSpotConfig {
	if (input === undefined) return cloneConfig(base);
	if (!isRecord(input)) throw new ConfigError('hubspot config must be an object');
	const next = cloneConfig(base);
	for (const [key, value] of Object.entries(input)) {
		switch (key) {
			case 'tokens':
			case 'developerApiKeys':
				next[key] = strings(key, value, /./, 'non-empty strings');
				break;
			case 'appIds':
				next.appIds = strings(key, value, /^\d+$/, 'numeric strings');
				break;
			case 'rateLimit':
				next.rateLimit = mergeNumbers('rateLimit', next.rateLimit, value);
				break;
			case 'searchRateLimit':
				next.searchRateLimit = mergeNumbers('searchRateLimit', next.searchRateLimit, value);
				break;
			case 'searchLagMs':
				next.searchLagMs = number('searchLagMs', value, 0);
				break;
			case 'retryAfterHeader':
				if (typeof value !== 'boolean') throw new ConfigError('hubspot.retryAfterHeader must be a boolean');
				next.retryAfterHeader = value;
				break;
			case 'oauth':
				next.oauth = mergeOAuth(next.oauth, value);
				break;
			default:
				throw new ConfigError(`unknown hubspot config key: ${key}`);
		}
	}
	return next;
}

function strings(name: string, value: unknown, shape: RegExp, what: string): string[] {
	if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string' && shape.test(entry))) {
		throw new ConfigError(`hubspot.${name} must be an array of ${what}`);
	}
	return [...value];
}

function mergeNumbers<T extends Record<string, number>>(name: string, base: T, input: unknown): T {
	if (!isRecord(input)) throw new ConfigError(`hubspot.${name} must be an object`);
	const next: Record<string, number> = { ...base };
	for (const [key, value] of Object.entries(input)) {
		if (!(key in base)) throw new ConfigError(`unknown hubspot.${name} key: ${key}`);
		next[key] = number(`${name}.${key}`, value, 1);
	}
	return next as T;
}

function mergeOAuth(base: HubSpotConfig['oauth'], input: unknown): HubSpotConfig['oauth'] {
	if (!isRecord(input)) throw new ConfigError('hubspot.oauth must be an object');
	const next = { ...base };
	for (const [key, value] of Object.entries(input)) {
		if (key === 'clientId' || key === 'clientSecret') {
			if (typeof value !== 'string' || value === '')
				throw new ConfigError(`hubspot.oauth.${key} must be a string`);
			next[key] = value;
		} else if (key === 'accessTokenTtlMs') {
			next.accessTokenTtlMs = number('oauth.accessTokenTtlMs', value, 1);
		} else if (key === 'v1Sunset') {
			if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
				throw new ConfigError('hubspot.oauth.v1Sunset must be an ISO date');
			next.v1Sunset = value;
		} else {
			throw new ConfigError(`unknown hubspot.oauth key: ${key}`);
		}
	}
	return next;
}

function number(name: string, value: unknown, min: number): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
		throw new ConfigError(`hubspot.${name} must be a number >= ${min}`);
	}
	return value;
}
