/** Reads what bench/b1/preload.cjs wrote: which n8n processes loaded it, and what it refused. */
import { readFileSync } from 'node:fs';

export interface PreloadReport {
	/** `<pid> <script> <command>` of each process that loaded the preload. */
	loadedBy: string[];
	/** Every connection or lookup that would have left loopback. */
	refused: Array<{ what: string; host: string; port?: string }>;
}

/** The preload's events from byte `from` on (the self-test's expected refusal comes before it). */
export function readPreloadLog(file: string, from: number): PreloadReport {
	const events = readFileSync(file)
		.subarray(from)
		.toString('utf8')
		.split('\n')
		.filter(Boolean)
		.map(
			(line) =>
				JSON.parse(line) as {
					pid: number;
					event: string;
					argv?: string[];
					what?: string;
					host?: string;
					port?: string;
				},
		);
	return {
		loadedBy: events
			.filter((e) => e.event === 'loaded')
			.map((e) => `${e.pid} ${(e.argv ?? []).map((a) => a.split('/').slice(-2).join('/')).join(' ')}`),
		refused: events
			.filter((e) => e.event === 'refused')
			.map((e) => ({ what: e.what ?? '?', host: e.host ?? '?', port: e.port })),
	};
}
