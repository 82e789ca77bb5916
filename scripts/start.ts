/**
 * `npm start` (= `npm run build && node --import tsx scripts/start.ts`): the quick-start demo (scripts/demo/run-demo.ts)
 * on `.n8n-demo/` (gitignored), which persists between runs: owner account, credentials, the user's edits to
 * the examples. The sandbox is re-seeded on every start. Ctrl-C stops n8n and the sandbox.
 *
 * Env: DEMO_N8N_PORT (default 5678), DEMO_SANDBOX_PORT (default 4010); a busy port falls back to a free one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../test/e2e/lib/paths';
import { cleanupAll, isShuttingDown, tail } from '../test/e2e/lib/processes';
import { demoBanner } from './demo/banner';
import { startDemo } from './demo/run-demo';
import { stopOnSignals } from './demo/signals';

const LABEL = '[demo]';

function say(line: string): void {
	console.log(`${LABEL} ${line}`);
}

async function main(): Promise<void> {
	stopOnSignals(LABEL);
	const launched = Date.now();
	const demo = await startDemo({
		userFolder: join(repoRoot(), '.n8n-demo'),
		n8nPort: Number(process.env.DEMO_N8N_PORT ?? 5678),
		sandboxPort: Number(process.env.DEMO_SANDBOX_PORT ?? 4010),
		importExamples: true,
		log: say,
	});
	if (demo.loadProblems)
		say(`WARNING: n8n reported problems loading ${demo.packageName}:\n${demo.loadProblems}`);
	console.log(demoBanner(demo));
	say(`ready in ${((Date.now() - launched) / 1000).toFixed(0)} s. Ctrl-C stops n8n and the sandbox.`);

	// Runs until Ctrl-C (handled by stopOnSignals) or until one of the two dies on its own.
	const exited = await Promise.race([
		demo.n8n.process.exited.then((code) => ({ who: 'n8n', code, log: demo.n8n.logTail(30) })),
		(demo.sandbox.process?.exited ?? new Promise<never>(() => undefined)).then((code) => ({
			who: 'the sandbox',
			code,
			log: tail(readFileSync(demo.logs.sandbox, 'utf8'), 30),
		})),
	]);
	// On Ctrl-C the signal handler stops both and exits 0: that is not a crash.
	if (isShuttingDown()) return;
	console.error(
		`${LABEL} ${exited.who} exited unexpectedly (${exited.code}). Last lines of its log:\n${exited.log}`,
	);
	await cleanupAll();
	process.exit(1);
}

main().catch(async (error: Error) => {
	console.error(`${LABEL} ${error?.message ?? String(error)}`);
	await cleanupAll();
	process.exit(1);
});
