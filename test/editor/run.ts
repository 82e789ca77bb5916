/**
 * `npm run test:editor` (needs `npm run build` and scripts/install-browser.sh): the package in n8n's
 * editor, in Debian's headless Chromium. Starts the demo (package installed, sandbox, credentials,
 * examples) in a temp user folder on free ports, signs in as its owner and checks every node and
 * credential the package lists (checks/run-checks.ts). Ends with `N passed, N failed`; a failed check
 * leaves a screenshot under `.e2e/editor/`; EDITOR_SUMMARY_FILE gets `{passed, failed, skipped,
 * durationMs, results}`; the exit code is 1 when any check failed.
 */
import { join } from 'node:path';
import { Reporter } from '../e2e/lib/checks';
import { introspectPackage } from '../e2e/lib/package-install';
import { scanLog, formatProblems } from '../e2e/lib/log-scan';
import { exitWhenDone, installSignalHandlers } from '../e2e/lib/processes';
import { report } from '../e2e/lib/phases/report';
import { runEditorChecks } from './checks/run-checks';
import { editorArtifactsDir } from './lib/failure-shots';
import { startEditorSession, type EditorSession } from './lib/session';

const LABEL = '[editor]';
const say = (line: string) => console.log(`${LABEL} ${line}`);

async function main(): Promise<number> {
	installSignalHandlers({ label: LABEL });
	const started = Date.now();
	const reporter = new Reporter();
	let session: EditorSession | undefined;
	try {
		reporter.startSection('set-up');
		const ok = await reporter.check(
			'the demo starts and the owner signs in to the editor in Chromium',
			async () => {
				session = await startEditorSession(say);
			},
		);
		if (!ok || !session) return finish(reporter, started);
		const { demo, page, watch, userFolder } = session;
		const contents = await introspectPackage(
			demo.install,
			join(userFolder, '.n8n', 'nodes', 'node_modules', demo.packageName),
		);
		await reporter.check('n8n loaded the package without errors', async () => {
			if (demo.loadProblems) throw new Error(demo.loadProblems);
		});
		const logMark = demo.n8n.logMark();

		await runEditorChecks({
			target: {
				editorUrl: demo.editorUrl,
				sandbox: demo.sandbox.client,
				packageName: demo.packageName,
				nodes: contents.nodes.map(({ type, displayName }) => ({ type, displayName })),
				credentials: contents.credentials.map(({ name, displayName }) => ({ name, displayName })),
			},
			page,
			watch,
			reporter,
		});

		reporter.startSection('whole run');
		await reporter.check("n8n's log has no errors naming the package while the editor was used", async () => {
			const problems = scanLog(demo.n8n.logSince(logMark), demo.packageName);
			if (problems.length) throw new Error(formatProblems(problems));
		});
	} finally {
		await session?.close();
	}
	return finish(reporter, started);
}

function finish(reporter: Reporter, started: number): number {
	const failed = reporter.count('failed');
	if (failed) say(`screenshots of the failures: ${editorArtifactsDir()}`);
	report(reporter, Date.now() - started, process.env.EDITOR_SUMMARY_FILE);
	return failed ? 1 : 0;
}

exitWhenDone(LABEL, main);
