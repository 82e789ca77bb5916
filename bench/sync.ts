/**
 * The sync engine on 10,000 contacts, HubSpot → Apollo: a full sync into an empty Apollo, then an
 * incremental run after 1% of the HubSpot contacts changed. Reports the requests each platform saw, the
 * wall time, and the share of each platform's rate ceiling the run reached (the busiest window's
 * requests against what the window allows), with the real clock and the governors pacing as in production.
 *
 * Both platforms keep their documented limits (issue 11's B2: the share of the real ceilings): HubSpot's
 * private-app window of 100 requests per 10 s and search at 5 per second, Apollo 200 per minute for
 * ordinary endpoints (its governor keeps a real minute, so a scaled sandbox window would only make it
 * wait). The seeded contacts changed one a second until an hour ago, as real ones would, so the
 * incremental run's cursor (minus its search-lag overlap) is past all but the last minute of them.
 */
import { createFetchTransport } from '../src/core/fetch-transport';
import type { Clock, Transport } from '../src/core/http';
import { runSync } from '../src/core/sync/engine';
import { emptyState } from '../src/core/sync/state';
import type { SyncReport } from '../src/core/sync/types';
import { ApolloProvider } from '../src/providers/apollo/provider';
import { HubSpotProvider } from '../src/providers/hubspot/provider';
import type { Sandbox } from '../sandbox/server';

const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
const HUBSPOT = { max: 100, intervalMs: 10_000, search: 5 };
const APOLLO = { minute: 200, minuteMs: 60_000 };

export interface SyncRun {
	ms: number;
	hubspot: { requests: number; search: number; rateLimited: number };
	apollo: { requests: number; rateLimited: number };
	/** The busiest window's requests as a share of what the window allows (1 = at the ceiling). */
	share: { hubspot: number; hubspotSearch: number; apollo: number };
	report: SyncReport;
}

export interface SyncBenchResult {
	n: number;
	changed: number;
	full: SyncRun;
	incremental: SyncRun;
	exact: boolean;
}

/**
 * When each request left the client. The sandbox logs a request once it has answered it, so under load
 * its log bunches answers together (a sliding window over it showed 6 searches in one second while the
 * sandbox's own rolling window, which counts arrivals, had refused none); the share of the ceiling is
 * what the governors sent per window.
 */
interface SentRequest {
	platform: 'hubspot' | 'apollo';
	path: string;
	at: number;
}

function logged(platform: SentRequest['platform'], sent: SentRequest[], transport: Transport): Transport {
	return async (request) => {
		sent.push({ platform, path: new URL(request.url).pathname, at: Date.now() });
		return await transport(request);
	};
}

function providers(sandbox: Sandbox, sent: SentRequest[]) {
	return {
		hubspot: new HubSpotProvider({
			transport: logged('hubspot', sent, createFetchTransport({ headers: { Authorization: 'Bearer sandbox-hubspot-token' } })),
			clock: realClock,
			baseUrl: `${sandbox.url}/hubspot`,
			limits: { max: HUBSPOT.max, intervalMs: HUBSPOT.intervalMs, searchPerSecond: HUBSPOT.search },
		}),
		apollo: new ApolloProvider({
			transport: logged('apollo', sent, createFetchTransport({ headers: { 'x-api-key': 'sandbox-apollo-key' } })),
			clock: realClock,
			baseUrl: `${sandbox.url}/apollo/api/v1`,
		}),
	};
}

async function measure(sandbox: Sandbox, sent: SentRequest[], run: () => Promise<SyncReport>): Promise<SyncRun> {
	sandbox.requests.clear();
	sent.length = 0;
	const start = process.hrtime.bigint();
	const report = await run();
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	const hubspot = sandbox.requests.list({ platform: 'hubspot' });
	const apollo = sandbox.requests.list({ platform: 'apollo' });
	const search = hubspot.filter((r) => r.path.endsWith('/search')).length;
	const isSearch = (path: string) => path.endsWith('/search');
	return {
		ms,
		hubspot: { requests: hubspot.length, search, rateLimited: hubspot.filter((r) => r.status === 429).length },
		apollo: { requests: apollo.length, rateLimited: apollo.filter((r) => r.status === 429).length },
		share: {
			hubspot: peak(sent.filter((r) => r.platform === 'hubspot' && !isSearch(r.path)), HUBSPOT.intervalMs) / HUBSPOT.max,
			hubspotSearch: peak(sent.filter((r) => r.platform === 'hubspot' && isSearch(r.path)), 1_000) / HUBSPOT.search,
			apollo: peak(sent.filter((r) => r.platform === 'apollo'), APOLLO.minuteMs) / APOLLO.minute,
		},
		report,
	};
}

/** The most requests that fell inside any one window of `windowMs`: what the platform's ceiling is measured against. */
function peak(requests: Array<{ at: string | number }>, windowMs: number): number {
	const times = requests.map((r) => (typeof r.at === 'number' ? r.at : Date.parse(r.at))).sort((a, b) => a - b);
	let most = 0;
	for (let start = 0, end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= windowMs) start++;
		most = Math.max(most, end - start + 1);
	}
	return most;
}

export async function syncBench(sandbox: Sandbox, n = 10_000): Promise<SyncBenchResult> {
	sandbox.reset();
	sandbox.configure({
		hubspot: { rateLimit: { max: HUBSPOT.max, intervalMs: HUBSPOT.intervalMs }, searchRateLimit: { max: HUBSPOT.search, intervalMs: 1_000 } },
		apollo: { otherLimits: { minute: APOLLO.minute, hourly: 1_000_000, daily: 1_000_000 } },
	});
	// One change a second, ending an hour ago: the incremental run's cursor (minus its overlap) is past them all.
	const start = Date.now() - 3_600_000 - n * 1_000;
	sandbox.hubspot.seedContacts(
		Array.from({ length: n }, (_, i) => ({
			properties: { email: `sync-${i}@bench.example`, firstname: `F${i}`, lastname: `L${i}`, company: `Co ${i % 50}`, jobtitle: 'Buyer' },
			lastmodifieddate: start + i * 1_000,
		})),
	);
	const sent: SentRequest[] = [];
	const p = providers(sandbox, sent);
	const options = { source: { kind: 'provider' as const, provider: p.hubspot }, target: { kind: 'provider' as const, provider: p.apollo } };
	let state = emptyState();
	const full = await measure(sandbox, sent, async () => {
		const result = await runSync(options, state);
		state = result.state;
		return result.report;
	});

	const changed = Math.round(n / 100);
	const ids = sandbox.hubspot.contacts().slice(0, changed).map((c) => c.id);
	await p.hubspot.updateContacts(ids.map((id) => ({ id, contact: { title: 'Head of Buying' } })));
	const incremental = await measure(sandbox, sent, async () => (await runSync(options, state)).report);
	const apolloContacts = sandbox.apollo.allContacts() as Array<{ email: string; title?: string }>;
	const exact = apolloContacts.length === n && new Set(apolloContacts.map((c) => c.email)).size === n && apolloContacts.filter((c) => c.title === 'Head of Buying').length === changed;
	return { n, changed, full, incremental, exact };
}

export function printSync(result: SyncBenchResult): boolean {
	const f = (x: number) => x.toFixed(1);
	const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
	const line = (name: string, run: SyncRun) => {
		console.log(`  ${name}: ${run.report.created} created, ${run.report.updated} updated, ${run.report.unchanged} unchanged, ${f(run.ms)} ms`);
		console.log(`    hubspot ${run.hubspot.requests} requests (${run.hubspot.search} search), apollo ${run.apollo.requests} requests, ${run.hubspot.rateLimited + run.apollo.rateLimited} x 429`);
		console.log(`    peak share of the rate ceiling: hubspot ${pct(run.share.hubspot)}, hubspot search ${pct(run.share.hubspotSearch)}, apollo ${pct(run.share.apollo)}`);
	};
	console.log(`sync ${result.n} contacts HubSpot → Apollo, then ${result.changed} changed (HubSpot 100/10 s and search 5/s, Apollo 200/min)`);
	line('full       ', result.full);
	line('incremental', result.incremental);
	console.log(`  apollo holds exactly the source: ${result.exact}`);
	return result.exact && result.incremental.report.updated === result.changed && result.incremental.report.created === 0;
}
