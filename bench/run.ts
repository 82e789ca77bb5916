/**
 * `npm run bench`: every benchmark in turn; `npm run bench -- b3` (or several: `-- b2 b4`) runs only
 * those. Names: in-process (client and provider against the sandbox, no n8n), b1, b2, b3, b4 (issue 11;
 * b1, b3 and b4 run inside a real n8n 2.41.1 with the package installed from its tarball, so the script
 * builds first). Figures and the commands that produced them are kept in bench/RESULTS.md.
 * Exits non-zero when a benchmark's own checks fail (a lost contact, a 429 through, a dropped delivery).
 */
import { loadavg, uptime } from 'node:os';
import { cleanupAll, installSignalHandlers } from '../test/e2e/lib/processes';
import { startSandbox } from '../sandbox/server';
import { runB1 } from './b1-upsert-vs-builtin';
import { printB3, runB3 } from './b3-webhook';
import { printB4, runB4 } from './b4-memory';
import { runInProcess } from './in-process';
import { printSync, syncBench } from './sync';

type Benchmark = () => Promise<boolean>;

const BENCHMARKS: Record<string, Benchmark> = {
	'in-process': runInProcess,
	b1: async () => {
		// B1_RETRIES is read only when B1 runs alone (npx tsx bench/b1-upsert-vs-builtin.ts); here its defaults hold.
		const result = await runB1({
			contacts: Number(process.env.B1_CONTACTS ?? 10_000),
			budgetMs: Number(process.env.B1_BUDGET_S ?? 900) * 1000,
		});
		for (const line of result.lines) console.log(line);
		// The built-in node's runs are reported, not judged: only this package must write every contact exactly once.
		const ours = result.runs.find((r) => r.key === 'package');
		return ours !== undefined && ours.contacts.correct === result.contacts && ours.contacts.duplicated === 0;
	},
	b2: async () => {
		const sandbox = await startSandbox();
		try {
			return printSync(await syncBench(sandbox, Number(process.env.B2_CONTACTS ?? 10_000)));
		} finally {
			await sandbox.close();
		}
	},
	b3: async () => printB3(await runB3()),
	b4: async () => printB4(await runB4()),
};

function load(): string {
	const [one, five, fifteen] = loadavg();
	return `load average ${one.toFixed(2)}, ${five.toFixed(2)}, ${fifteen.toFixed(2)} (up ${(uptime() / 3600).toFixed(1)} h)`;
}

async function main(): Promise<void> {
	installSignalHandlers({ label: '[bench]', exitCode: 1 });
	const asked = process.argv.slice(2);
	const unknown = asked.filter((name) => !(name in BENCHMARKS));
	if (unknown.length > 0)
		throw new Error(
			`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`,
		);
	for (const name of asked.length > 0 ? asked : Object.keys(BENCHMARKS)) {
		console.log(`\n== ${name} (${new Date().toISOString()}, ${load()})`);
		const start = Date.now();
		if (!(await BENCHMARKS[name]())) {
			console.log(`== ${name}: its checks FAILED`);
			process.exitCode = 1;
		}
		console.log(`== ${name} done in ${((Date.now() - start) / 1000).toFixed(0)} s (${load()})`);
	}
}

main()
	.catch((error: Error) => {
		console.error(`[bench] ${error?.stack ?? String(error)}`);
		process.exitCode = 1;
	})
	.finally(() => void cleanupAll());
