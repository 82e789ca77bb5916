/**
 * Tunable Apollo behaviour. Defaults follow the Free plan (enrichment 50/min, 200/h, 600/day); the window
 * lengths can be shrunk so tests see a "minute" or "day" roll over in milliseconds.
 */
import { isRecord } from '../http';
import { ConfigError } from '../platform';

export interface WindowLimits {
	minute: number;
	hourly: number;
	daily: number;
}

export interface ApolloConfig {
	/** Master API keys, accepted as `x-api-key`. */
	apiKeys: string[];
	/** Valid keys that are not master keys: master-only endpoints answer 403 to them. */
	nonMasterApiKeys: string[];
	/** OAuth partner-app access tokens, accepted as `Authorization: Bearer` (treated as master). */
	bearerTokens: string[];
	/** People and organization enrichment. `/people/bulk_match` gets a tenth of each (at least 1). */
	enrichmentLimits: WindowLimits;
	/** Every other endpoint (search, contacts, auth/health). */
	otherLimits: WindowLimits;
	/** Length of the three fixed windows; shrink them in tests. */
	windowMs: { minute: number; hourly: number; daily: number };
	/** Send `Retry-After` (seconds to the end of the exhausted window) with 429s. */
	retryAfterHeader: boolean;
	/** The account's credit balance at start and after reset. */
	credits: number;
	/** How long after the request the phone / waterfall callback is POSTed to `webhook_url`. */
	callbackDelayMs: number;
	/** Extra deliveries when the receiver does not answer 2xx (Apollo "may retry"). */
	callbackRetries: number;
	/** Deliver every callback twice even when the first succeeds, to test receivers' deduplication. */
	duplicateCallbacks: boolean;
	/** Load the built-in people and organizations at start and on reset. */
	defaultSeed: boolean;
}

export type ApolloConfigInput = {
	[K in keyof ApolloConfig]?: ApolloConfig[K] extends unknown[]
		? ApolloConfig[K]
		: ApolloConfig[K] extends object
			? Partial<ApolloConfig[K]>
			: ApolloConfig[K];
};

export const DEFAULT_APOLLO_CONFIG: ApolloConfig = {
	apiKeys: ['sandbox-apollo-key'],
	nonMasterApiKeys: [],
	bearerTokens: ['sandbox-apollo-oauth-token'],
	enrichmentLimits: { minute: 50, hourly: 200, daily: 600 },
	// Apollo documents about 200/min and 400-600/h for paid plans and "much lower" on Free without numbers.
	otherLimits: { minute: 200, hourly: 600, daily: 2_000 },
	windowMs: { minute: 60_000, hourly: 3_600_000, daily: 86_400_000 },
	retryAfterHeader: true,
	credits: 10_000,
	callbackDelayMs: 1_000,
	callbackRetries: 2,
	duplicateCallbacks: false,
	defaultSeed: true,
};

export function cloneConfig(config: ApolloConfig): ApolloConfig {
	return {
		...config,
		apiKeys: [...config.apiKeys],
		nonMasterApiKeys: [...config.nonMasterApiKeys],
		bearerTokens: [...config.bearerTokens],
		enrichmentLimits: { ...config.enrichmentLimits },
		otherLimits: { ...config.otherLimits },
		windowMs: { ...config.windowMs },
	};
}

/** Returns `base` with `input` merged in, rejecting unknown keys and wrong types so typos fail loudly. */
export function mergeConfig(base: ApolloConfig, input: unknown): ApolloConfig {
	if (input === undefined) return cloneConfig(base);
	if (!isRecord(input)) throw new ConfigError('apollo config must be an object');
	const next = cloneConfig(base);
	for (const [key, value] of Object.entries(input)) {
		switch (key) {
			case 'apiKeys':
			case 'nonMasterApiKeys':
			case 'bearerTokens':
				next[key] = strings(key, value);
				break;
			case 'enrichmentLimits':
			case 'otherLimits':
			case 'windowMs':
				next[key] = mergeNumbers(key, next[key], value);
				break;
			case 'credits':
			case 'callbackDelayMs':
			case 'callbackRetries':
				next[key] = number(key, value, 0);
				break;
			case 'retryAfterHeader':
			case 'duplicateCallbacks':
			case 'defaultSeed':
				if (typeof value !== 'boolean') throw new ConfigError(`apollo.${key} must be a boolean`);
				next[key] = value;
				break;
			default:
				throw new ConfigError(`unknown apollo config key: ${key}`);
		}
	}
	return next;
}

function strings(name: string, value: unknown): string[] {
	if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string' && entry !== '')) {
		throw new ConfigError(`apollo.${name} must be an array of non-empty strings`);
	}
	return [...value];
}

function mergeNumbers<T extends object>(name: string, base: T, input: unknown): T {
	if (!isRecord(input)) throw new ConfigError(`apollo.${name} must be an object`);
	const next: Record<string, number> = { ...(base as Record<string, number>) };
	for (const [key, value] of Object.entries(input)) {
		if (!(key in base)) throw new ConfigError(`unknown apollo.${name} key: ${key}`);
		next[key] = number(`${name}.${key}`, value, 1);
	}
	return next as T;
}

function number(name: string, value: unknown, min: number): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
		throw new ConfigError(`apollo.${name} must be a number >= ${min}`);
	}
	return value;
}
