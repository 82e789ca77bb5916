/**
 * The in-process benchmarks against the local sandbox (the client and provider alone, no n8n), each
 * reported as a ratio against a baseline run in the same process on the same machine. Run:
 * `npm run bench -- in-process` (the script passes --expose-gc for the memory figures).
 *
 * The sandbox's HubSpot windows are scaled down (100 requests per 1 s instead of per 10 s; search 25/s
 * instead of 5/s) so a run takes seconds; ratios and request counts do not depend on the scale.
 */
import { createFetchTransport } from '../src/core/fetch-transport';
import type { Clock } from '../src/core/http';
import type { ContactInput } from '../src/core/models';
import { HubSpotProvider } from '../src/providers/hubspot/provider';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { apolloEnrichment, printApollo } from './apollo';

const TOKEN = 'sandbox-hubspot-token';
const WINDOW = { max: 100, intervalMs: 1_000 };
const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

function provider(sandbox: Sandbox, limits = { ...WINDOW, searchPerSecond: 25 }, batchConcurrency?: number): HubSpotProvider {
	return new HubSpotProvider({
		transport: createFetchTransport({ headers: { Authorization: `Bearer ${TOKEN}` } }),
		clock: realClock,
		baseUrl: `${sandbox.url}/hubspot`,
		limits,
		batchConcurrency,
	});
}

function contacts(n: number, tag: string): ContactInput[] {
	return Array.from({ length: n }, (_, i) => ({ email: `bench-${tag}-${i}@example.com`, firstName: `F${i}`, company: 'Bench Co' }));
}

function count(sandbox: Sandbox, status?: number): number {
	return sandbox.requests.list({ platform: 'hubspot' }).filter((r) => status === undefined || r.status === status).length;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const start = process.hrtime.bigint();
	const value = await fn();
	return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Upsert N contacts: batched (ours) against one request per contact (n8n's built-in node's pattern). */
async function upsert(sandbox: Sandbox, n: number) {
	sandbox.reset();
	sandbox.configure({ hubspot: { rateLimit: WINDOW, searchRateLimit: { max: 25, intervalMs: 1_000 } } });
	const ours = await timed(() => provider(sandbox).upsertContacts(contacts(n, 'batch')));
	const oursRequests = count(sandbox);
	const ours429 = count(sandbox, 429);
	const oursOk = ours.value.filter((o) => o.ok).length;

	sandbox.reset();
	sandbox.configure({ hubspot: { rateLimit: WINDOW, searchRateLimit: { max: 25, intervalMs: 1_000 } } });
	const p = provider(sandbox);
	const baseline = await timed(async () => {
		let ok = 0;
		for (const c of contacts(n, 'single')) {
			// Same client, same pacing, one contact per call plus the read-back the built-in node does.
			const [outcome] = await p.upsertContacts([c]);
			if (outcome.ok) {
				await p.getContact(outcome.value.id!);
				ok++;
			}
		}
		return ok;
	});
	return {
		n,
		ours: { ms: ours.ms, requests: oursRequests, rateLimited: ours429, ok: oursOk },
		baseline: { ms: baseline.ms, requests: count(sandbox), rateLimited: count(sandbox, 429), ok: baseline.value },
	};
}

/** Batch upserts over a slow network: calls in flight at once against one at a time. */
async function concurrency(sandbox: Sandbox, n: number, latencyMs: number) {
	const run = async (inFlight: number) => {
		sandbox.reset();
		sandbox.configure({ hubspot: { rateLimit: WINDOW } });
		sandbox.faults.add({ platform: 'hubspot', method: 'POST', path: '/batch/upsert$', kind: 'latency', latencyMs, times: 0 });
		const result = await timed(() => provider(sandbox, undefined, inFlight).upsertContacts(contacts(n, `c${inFlight}`)));
		return { ms: result.ms, ok: result.value.filter((o) => o.ok).length, requests: count(sandbox), rateLimited: count(sandbox, 429) };
	};
	return { n, latencyMs, one: await run(1), three: await run(3) };
}

/** Sustained load at the ceiling: how close to the theoretical minimum time, and whether any 429 slipped through. */
async function ceiling(sandbox: Sandbox, n: number) {
	sandbox.reset();
	sandbox.configure({ hubspot: { rateLimit: WINDOW } });
	sandbox.hubspot.seedContacts([{ properties: { email: 'ceiling@example.com' } }]);
	const id = sandbox.hubspot.contacts()[0].id;
	const p = provider(sandbox);
	const run = await timed(async () => {
		for (let i = 0; i < n; i++) await p.getContact(id);
	});
	// n requests at `max` per window need at least floor((n-1)/max) full windows.
	const theoreticalMs = Math.floor((n - 1) / WINDOW.max) * WINDOW.intervalMs;
	return { n, ms: run.ms, theoreticalMs, rateLimited: count(sandbox, 429) };
}

/** Return All over a large search: streaming pages against holding every raw page until the end. */
async function searchMemory(sandbox: Sandbox, n: number) {
	sandbox.reset();
	sandbox.configure({ hubspot: { rateLimit: { max: 10_000, intervalMs: 1_000 }, searchRateLimit: { max: 1_000, intervalMs: 1_000 } } });
	sandbox.hubspot.seedContacts(
		Array.from({ length: n }, (_, i) => ({ properties: { email: `mem-${i}@example.com`, firstname: 'M'.repeat(200), company: 'Memory Co' } })),
	);
	const query = { filterGroups: [[{ property: 'company', operator: 'EQ' as const, value: 'Memory Co' }]] };
	const gc = (globalThis as { gc?: () => void }).gc;

	const measure = async (hoard: boolean) => {
		gc?.();
		const base = process.memoryUsage().heapUsed;
		let peak = 0;
		let seen = 0;
		const kept: unknown[] = [];
		for await (const page of provider(sandbox, { ...WINDOW, max: 10_000, searchPerSecond: 1_000 }).searchContacts(query)) {
			seen += page.length;
			if (hoard) kept.push(page);
			// Collect first, so the figure is what is retained, not garbage not yet swept.
			gc?.();
			peak = Math.max(peak, process.memoryUsage().heapUsed - base);
		}
		return { seen, peakMb: peak / 2 ** 20, kept: kept.length, gc: gc !== undefined };
	};
	const streamed = await measure(false);
	const hoarded = await measure(true);
	return { n, streamed, hoarded };
}

/** Runs them all; false when a run lost a contact or let a 429 through. */
export async function runInProcess(): Promise<boolean> {
	let ok = true;
	const sandbox = await startSandbox();
	try {
		const u = await upsert(sandbox, 1_000);
		const c = await ceiling(sandbox, 350);
		const m = await searchMemory(sandbox, 12_000);
		const k = await concurrency(sandbox, 5_000, 150);
		const f = (x: number) => x.toFixed(1);
		console.log(`upsert ${u.n} contacts (sandbox window ${WINDOW.max}/${WINDOW.intervalMs} ms)`);
		console.log(`  batched:  ${u.ours.requests} requests, ${f(u.ours.ms)} ms, ${u.ours.rateLimited} x 429, ${u.ours.ok} ok`);
		console.log(`  per-item: ${u.baseline.requests} requests, ${f(u.baseline.ms)} ms, ${u.baseline.rateLimited} x 429, ${u.baseline.ok} ok`);
		console.log(`  ratio:    ${f(u.baseline.requests / u.ours.requests)}x fewer requests, ${f(u.baseline.ms / u.ours.ms)}x faster`);
		console.log(`sustained ${c.n} GETs at the ceiling`);
		console.log(`  ${f(c.ms)} ms against a theoretical minimum of ${c.theoreticalMs} ms: ${(c.ms / c.theoreticalMs).toFixed(3)}x, ${c.rateLimited} x 429`);
		console.log(`search Return All over ${m.n} contacts (past the 10,000 cap)${m.streamed.gc ? '' : ' [no --expose-gc: figures include garbage]'}`);
		console.log(`  streamed: ${m.streamed.seen} seen, peak heap +${f(m.streamed.peakMb)} MB`);
		console.log(`  hoarded:  ${m.hoarded.seen} seen, peak heap +${f(m.hoarded.peakMb)} MB`);
		console.log(`  ratio:    ${f(m.hoarded.peakMb / Math.max(m.streamed.peakMb, 0.1))}x less memory when streamed`);
		console.log(`upsert ${k.n} contacts with ${k.latencyMs} ms latency per batch call`);
		console.log(`  1 call in flight:  ${k.one.requests} requests, ${f(k.one.ms)} ms, ${k.one.ok} ok`);
		console.log(`  3 calls in flight: ${k.three.requests} requests, ${f(k.three.ms)} ms, ${k.three.ok} ok, ${k.three.rateLimited} x 429`);
		console.log(`  ratio:    ${f(k.one.ms / k.three.ms)}x faster with 3 in flight`);
		if (k.three.ok !== k.n || k.three.rateLimited > 0) ok = false;
		if (!printApollo(await apolloEnrichment(sandbox, 1_000))) ok = false;
		if (u.ours.rateLimited > 0 || c.rateLimited > 0 || m.streamed.seen !== m.n || u.ours.ok !== u.n) ok = false;
	} finally {
		await sandbox.close();
	}
	return ok;
}
