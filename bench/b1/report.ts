/** B1's figures: what one run and the whole benchmark measured, and their text for the console and RESULTS.md. */
import type { PreloadReport } from './preload-log';
import type { SelfTest } from './self-test';
import type { RequestTally, StateTally } from './tally';
import type { Retry } from './workflows';

export interface B1Run {
	key: string;
	label: string;
	retry?: Retry;
	wallMs: number;
	/** The run reached the time budget and was stopped; figures are as far as it got. */
	stoppedAtBudget: boolean;
	webhook: { status: number; body: string };
	execution: { status: string; error?: string };
	requests: RequestTally;
	contacts: StateTally;
	/** Requests the loopback TLS proxy relayed; equal to requests.total when the sandbox saw every call. */
	relayed: number;
	/** TLS connections opened to the proxy, by server name asked for. */
	tlsConnections: Record<string, number>;
}

export interface B1Result {
	contacts: number;
	n8nVersion: string;
	rateLimit: { max: number; intervalMs: number };
	runs: B1Run[];
	/** n8n processes that loaded the preload, and every connection or lookup it refused (none left loopback). */
	preload: PreloadReport;
	/** Before the runs, with n8n's Node and environment: api.hubapi.com reached the sandbox, example.com was refused. */
	selfTest: SelfTest;
	lines: string[];
}

function describeRequests(tally: RequestTally): string {
	return Object.entries(tally.byEndpoint)
		.map(
			([key, statuses]) =>
				`${key} ${Object.entries(statuses)
					.map(([status, n]) => `${status}:${n}`)
					.join(' ')}`,
		)
		.join('; ');
}

export function formatRun(run: B1Run, n: number): string[] {
	const seconds = (run.wallMs / 1000).toFixed(1);
	const answer =
		run.webhook.status === 0
			? 'none (stopped at the time budget)'
			: `${run.webhook.status} ${run.webhook.body.replace(/\s+/g, ' ').slice(0, 140)}`;
	const c = run.contacts;
	return [
		`${run.label}${run.stoppedAtBudget ? ' [STOPPED AT THE TIME BUDGET]' : ''}`,
		`  wall time:  ${seconds} s (webhook call until n8n answered)`,
		`  webhook:    ${answer}`,
		`  execution:  ${run.execution.status}${run.execution.error ? `: ${run.execution.error.slice(0, 160)}` : ''}`,
		`  requests:   ${run.requests.total} seen by the sandbox, ${run.requests.tooMany} x 429${run.requests.tooMany > 0 ? ` (${run.requests.tooManyAt.slice(0, 5).join(', ')})` : ''} — ${describeRequests(run.requests)}`,
		`  contacts:   ${c.correct}/${n} written correctly, ${n - c.correct} failed (${c.missing} missing, ${c.wrong} wrong), ${c.duplicated} duplicated, ${c.unexpected} unexpected; ${run.requests.rewrites} rewritten by a retry`,
		`  loopback:   proxy relayed ${run.relayed} requests over ${
			Object.entries(run.tlsConnections)
				.map(([name, k]) => `${k} TLS connection(s) for ${name}`)
				.join(', ') || 'no TLS connection'
		}${run.relayed === run.requests.total ? ' = every request the sandbox saw' : ` (sandbox saw ${run.requests.total}: MISMATCH)`}`,
	];
}

export function ratioLines(runs: B1Run[], n: number, limit: { max: number; intervalMs: number }): string[] {
	const ours = runs.find((r) => r.key === 'package');
	if (!ours) return [];
	if (ours.contacts.correct === 0) return ['ratios: none, this package wrote no contact'];
	const perContact = (run: B1Run) =>
		run.contacts.correct === 0 ? Infinity : run.requests.total / run.contacts.correct;
	const lines = ['ratios (this package against each built-in run):'];
	for (const run of runs.filter((r) => r !== ours)) {
		const requestRatio = perContact(run) / perContact(ours);
		lines.push(
			`  vs ${run.label}: ${run.contacts.correct} against ${ours.contacts.correct} contacts written; ` +
				`${perContact(run).toFixed(2)} against ${perContact(ours).toFixed(4)} requests per contact written (${Number.isFinite(requestRatio) ? `${requestRatio.toFixed(0)}x fewer` : 'the built-in wrote none'}); ` +
				`429s ${run.requests.tooMany} against ${ours.requests.tooMany}`,
		);
	}
	// Computed, not measured: the least time n requests take at the limit (the first window is free).
	const floor = (requests: number) =>
		Math.max(0, Math.ceil(requests / limit.max) - 1) * (limit.intervalMs / 1000);
	lines.push(
		`  floor at ${limit.max} requests / ${limit.intervalMs / 1000} s (computed): 2 requests per contact need >= ${floor(2 * n).toFixed(0)} s for ${n} contacts even if perfectly paced; ` +
			`${ours.requests.total} requests need >= ${floor(ours.requests.total).toFixed(0)} s (measured ${(ours.wallMs / 1000).toFixed(1)} s)`,
	);
	return lines;
}
