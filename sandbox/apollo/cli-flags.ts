/** Apollo's command-line flags for sandbox/cli.ts, kept here so the CLI only wires them in. */
import type { ApolloConfigInput, WindowLimits } from './config';

export const APOLLO_USAGE = `  --apollo-key K                accepted Apollo x-api-key (repeatable; default sandbox-apollo-key)
  --apollo-enrichment-limits M,H,D  enrichment calls per minute,hour,day (default 50,200,600; bulk_match a tenth)
  --apollo-other-limits M,H,D   other Apollo calls per minute,hour,day (default 200,600,2000)
  --apollo-credits N            starting credit balance (default 10000)
  --apollo-callback-delay-ms N  delay before phone/waterfall callbacks (default 1000)
  --apollo-no-default-seed      start with no people or organizations`;

export const APOLLO_OPTIONS = {
	'apollo-key': { type: 'string', multiple: true },
	'apollo-enrichment-limits': { type: 'string' },
	'apollo-other-limits': { type: 'string' },
	'apollo-credits': { type: 'string' },
	'apollo-callback-delay-ms': { type: 'string' },
	'apollo-no-default-seed': { type: 'boolean' },
} as const;

export function apolloConfigFromFlags(
	values: Record<string, unknown>,
	fail: (message: string) => never,
): ApolloConfigInput {
	const number = (name: string): number | undefined => {
		const raw = values[name];
		if (raw === undefined) return undefined;
		const parsed = Number(raw);
		if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(parsed) || parsed < 0) {
			fail(`--${name} needs a non-negative number, got ${String(raw)}`);
		}
		return parsed;
	};
	const limits = (name: string): WindowLimits | undefined => {
		const raw = values[name];
		if (raw === undefined) return undefined;
		const parts = String(raw).split(',').map(Number);
		if (parts.length !== 3 || !parts.every((part) => Number.isInteger(part) && part >= 1)) {
			fail(`--${name} needs three positive integers minute,hour,day, got ${String(raw)}`);
		}
		return { minute: parts[0], hourly: parts[1], daily: parts[2] };
	};
	const config: ApolloConfigInput = {};
	if (values['apollo-key'] !== undefined) config.apiKeys = values['apollo-key'] as string[];
	const enrichment = limits('apollo-enrichment-limits');
	if (enrichment) config.enrichmentLimits = enrichment;
	const other = limits('apollo-other-limits');
	if (other) config.otherLimits = other;
	const credits = number('apollo-credits');
	if (credits !== undefined) config.credits = credits;
	const delay = number('apollo-callback-delay-ms');
	if (delay !== undefined) config.callbackDelayMs = delay;
	if (values['apollo-no-default-seed'] === true) config.defaultSeed = false;
	return config;
}
