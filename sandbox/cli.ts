/**
 * Runs the sandbox as a process for n8n end-to-end tests, benchmarks and the demo:
 *   npx tsx sandbox/cli.ts --port 0 --host 127.0.0.1 [--rate-max 100 --rate-interval-ms 10000 ...]
 * Prints exactly one line of JSON, `{"url":"http://127.0.0.1:PORT"}`, once listening, so a parent process
 * can read the port; everything else goes to stderr.
 */
import { parseArgs } from 'node:util';
import { APOLLO_OPTIONS, APOLLO_USAGE, apolloConfigFromFlags } from './apollo/cli-flags';
import type { HubSpotConfigInput } from './hubspot';
import { LINKEDIN_OPTIONS, LINKEDIN_USAGE, linkedinConfigFromFlags } from './linkedin/cli-flags';
import { startSandbox } from './server';

const USAGE = `Usage: tsx sandbox/cli.ts [options]
  --port N                      port to listen on (default 0 = any free port)
  --host H                      address to bind (default 127.0.0.1)
  --token T                     accepted HubSpot private-app token (repeatable; default sandbox-hubspot-token)
  --developer-key K             accepted HubSpot developer API key, ?hapikey= (repeatable; default sandbox-developer-key)
  --app-id ID                   HubSpot app whose webhooks those keys manage (repeatable; default 424242)
  --rate-max N                  HubSpot requests per rolling window (default 100)
  --rate-interval-ms N          rolling window length (default 10000)
  --rate-daily N                HubSpot requests per day (default 250000)
  --search-rate-max N           HubSpot search requests per search window (default 5)
  --search-rate-interval-ms N   search window length (default 1000)
  --search-lag-ms N             delay before writes become visible to search (default 0)
  --retry-after                 send a Retry-After header with 429s (HubSpot does not document one)
  --access-token-ttl-ms N       OAuth access token lifetime (default 1800000)
  --client-id ID                OAuth client id (default sandbox-client-id)
  --client-secret S             OAuth client secret (default sandbox-client-secret)
${APOLLO_USAGE}
${LINKEDIN_USAGE}
  --help                        show this text`;

function fail(message: string): never {
	process.stderr.write(`${message}\n\n${USAGE}\n`);
	process.exit(2);
}

function numberFlag(values: Record<string, unknown>, name: string): number | undefined {
	const raw = values[name];
	if (raw === undefined) return undefined;
	const parsed = Number(raw);
	if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(parsed) || parsed < 0) {
		fail(`--${name} needs a non-negative number, got ${String(raw)}`);
	}
	return parsed;
}

/** Drops keys whose value is undefined so only the flags given override the defaults. */
function defined<T extends object>(input: T): Partial<T> | undefined {
	const entries = Object.entries(input).filter(([, value]) => value !== undefined);
	return entries.length === 0 ? undefined : (Object.fromEntries(entries) as Partial<T>);
}

async function main(): Promise<void> {
	let parsed: ReturnType<typeof parseOptions>;
	try {
		parsed = parseOptions();
	} catch (error) {
		fail((error as Error).message);
	}
	const { values } = parsed;
	if (values.help) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	const hubspot: HubSpotConfigInput =
		defined({
			tokens: values.token,
			developerApiKeys: values['developer-key'],
			appIds: values['app-id'],
			rateLimit: defined({
				max: numberFlag(values, 'rate-max'),
				intervalMs: numberFlag(values, 'rate-interval-ms'),
				daily: numberFlag(values, 'rate-daily'),
			}),
			searchRateLimit: defined({
				max: numberFlag(values, 'search-rate-max'),
				intervalMs: numberFlag(values, 'search-rate-interval-ms'),
			}),
			searchLagMs: numberFlag(values, 'search-lag-ms'),
			retryAfterHeader: values['retry-after'],
			oauth: defined({
				accessTokenTtlMs: numberFlag(values, 'access-token-ttl-ms'),
				clientId: values['client-id'],
				clientSecret: values['client-secret'],
			}),
		}) ?? {};
	const sandbox = await startSandbox({
		port: numberFlag(values, 'port') ?? 0,
		host: values.host ?? '127.0.0.1',
		hubspot,
		apollo: apolloConfigFromFlags(values, fail),
		linkedin: linkedinConfigFromFlags(values, fail),
	});
	process.stdout.write(`${JSON.stringify({ url: sandbox.url })}\n`);

	let stopping = false;
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		process.stderr.write(`[sandbox] ${signal}: shutting down\n`);
		sandbox.close().then(
			() => process.exit(0),
			(error: unknown) => {
				process.stderr.write(`[sandbox] close failed: ${String(error)}\n`);
				process.exit(1);
			},
		);
	};
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
}

function parseOptions() {
	return parseArgs({
		options: {
			port: { type: 'string' },
			host: { type: 'string' },
			token: { type: 'string', multiple: true },
			'developer-key': { type: 'string', multiple: true },
			'app-id': { type: 'string', multiple: true },
			'rate-max': { type: 'string' },
			'rate-interval-ms': { type: 'string' },
			'rate-daily': { type: 'string' },
			'search-rate-max': { type: 'string' },
			'search-rate-interval-ms': { type: 'string' },
			'search-lag-ms': { type: 'string' },
			'retry-after': { type: 'boolean' },
			'access-token-ttl-ms': { type: 'string' },
			'client-id': { type: 'string' },
			'client-secret': { type: 'string' },
			...APOLLO_OPTIONS,
			...LINKEDIN_OPTIONS,
			help: { type: 'boolean' },
		},
		strict: true,
		allowPositionals: false,
	});
}

main().catch((error: unknown) => {
	process.stderr.write(
		`[sandbox] failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
	);
	process.exit(1);
});
