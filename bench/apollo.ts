/**
 * Apollo people enrichment of 1,000 people: the provider's bulk path (10 per bulk_match call, 3 calls in
 * flight) against one call per person (people/match, in turn, as Apollo's own community node does it),
 * through the same client, in the same process, against the same sandbox. Reports requests, time and
 * credits as the sandbox saw them, each as a ratio.
 *
 * The sandbox's limits are raised so that neither run is paced (the governor would otherwise spread both
 * over Apollo's minute windows); a small latency on every enrichment call stands in for the network.
 */
import { createFetchTransport } from '../src/core/fetch-transport';
import type { Clock } from '../src/core/http';
import type { ContactInput } from '../src/core/models';
import { ApolloProvider } from '../src/providers/apollo/provider';
import type { Sandbox } from '../sandbox/server';

const KEY = 'sandbox-apollo-key';
const LATENCY_MS = 10;
const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export interface EnrichmentRun {
	requests: number;
	rateLimited: number;
	ms: number;
	credits: number;
	matched: number;
	noMatch: number;
}

export interface ApolloBenchResult {
	n: number;
	unknown: number;
	latencyMs: number;
	bulk: EnrichmentRun;
	perPerson: EnrichmentRun;
}

function provider(sandbox: Sandbox): ApolloProvider {
	return new ApolloProvider({
		transport: createFetchTransport({ headers: { 'x-api-key': KEY } }),
		clock: realClock,
		baseUrl: `${sandbox.url}/apollo/api/v1`,
	});
}

/** `n` people, every twentieth unknown to Apollo (a no-match costs nothing either way). */
function people(n: number): { inputs: ContactInput[]; seed: Array<Record<string, string>>; unknown: number } {
	const inputs: ContactInput[] = [];
	const seed: Array<Record<string, string>> = [];
	for (let i = 0; i < n; i++) {
		const email = `bench-${i}@${i % 20 === 19 ? 'unknown' : 'enrich'}.example`;
		inputs.push({ email });
		if (i % 20 !== 19)
			seed.push({ first_name: `B${i}`, last_name: 'Bench', email, domain: 'enrich.example' });
	}
	return { inputs, seed, unknown: n - seed.length };
}

function prepare(sandbox: Sandbox, seed: Array<Record<string, string>>): void {
	sandbox.reset();
	sandbox.configure({
		apollo: {
			enrichmentLimits: { minute: 1_000_000, hourly: 10_000_000, daily: 100_000_000 },
			credits: 1_000_000,
		},
	});
	sandbox.apollo.seedPeople(seed);
	sandbox.faults.add({
		platform: 'apollo',
		path: '/people/',
		kind: 'latency',
		latencyMs: LATENCY_MS,
		times: 0,
	});
}

function measured(sandbox: Sandbox, ms: number, statuses: string[]): EnrichmentRun {
	const requests = sandbox.requests.list({ platform: 'apollo' }).filter((r) => r.path.includes('/people/'));
	return {
		requests: requests.length,
		rateLimited: requests.filter((r) => r.status === 429).length,
		ms,
		credits: sandbox.apollo.creditSnapshot().consumed,
		matched: statuses.filter((s) => s === 'matched').length,
		noMatch: statuses.filter((s) => s === 'noMatch').length,
	};
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const start = process.hrtime.bigint();
	const value = await fn();
	return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export async function apolloEnrichment(sandbox: Sandbox, n: number): Promise<ApolloBenchResult> {
	const { inputs, seed, unknown } = people(n);

	prepare(sandbox, seed);
	const bulk = await timed(() => provider(sandbox).enrichPeople(inputs));
	const bulkRun = measured(
		sandbox,
		bulk.ms,
		bulk.value.map((r) => r.status),
	);

	prepare(sandbox, seed);
	const client = provider(sandbox);
	const single = await timed(async () => {
		const statuses: string[] = [];
		// Same client and pacing; one person per call (a batch of one goes to people/match).
		for (const input of inputs) statuses.push((await client.enrichPeople([input]))[0].status);
		return statuses;
	});
	const perPersonRun = measured(sandbox, single.ms, single.value);
	sandbox.reset();
	return { n, unknown, latencyMs: LATENCY_MS, bulk: bulkRun, perPerson: perPersonRun };
}

/** Prints the figures; returns false when a person was lost or a 429 reached the client. */
export function printApollo(r: ApolloBenchResult): boolean {
	const f = (x: number) => x.toFixed(1);
	const line = (run: EnrichmentRun) =>
		`${run.requests} requests, ${f(run.ms)} ms, ${run.credits} credits, ${run.matched} matched, ${run.noMatch} no match, ${run.rateLimited} x 429`;
	console.log(`apollo enrich ${r.n} people (${r.unknown} unknown; ${r.latencyMs} ms latency per call)`);
	console.log(`  bulk:       ${line(r.bulk)}`);
	console.log(`  per person: ${line(r.perPerson)}`);
	console.log(
		`  ratio:      ${f(r.perPerson.requests / r.bulk.requests)}x fewer requests, ${f(r.perPerson.ms / r.bulk.ms)}x faster, credits ${(r.bulk.credits / Math.max(r.perPerson.credits, 1)).toFixed(2)}x`,
	);
	const complete = (run: EnrichmentRun) =>
		run.matched === r.n - r.unknown && run.noMatch === r.unknown && run.rateLimited === 0;
	return complete(r.bulk) && complete(r.perPerson);
}
