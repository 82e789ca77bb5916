/**
 * `npm run screenshots`: a picture of every workflow in `examples/` as n8n's editor draws it, taken with
 * Debian's headless Chromium (scripts/install-browser.sh) against the demo in a temp user folder, written to
 * `examples/images/<file stem>.png` for the examples' README. Re-run it when an example changes.
 */
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { repoRoot } from '../e2e/lib/paths';
import { exitWhenDone, installSignalHandlers } from '../e2e/lib/processes';
import { openWorkflowCanvas } from './lib/canvas';
import { startEditorSession, type EditorSession } from './lib/session';

const LABEL = '[screenshots]';
const say = (line: string) => console.log(`${LABEL} ${line}`);

interface ExampleFile {
	file: string;
	id: string;
	name: string;
	/** Nodes other than sticky notes. */
	nodes: number;
}

function examples(dir: string): ExampleFile[] {
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
				id: string;
				name: string;
				nodes: Array<{ type: string }>;
			};
			// Sticky notes are drawn as notes, not as canvas nodes.
			const nodes = workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length;
			return { file, id: workflow.id, name: workflow.name, nodes };
		});
}

async function main(): Promise<number> {
	installSignalHandlers({ label: LABEL });
	const dir = join(repoRoot(), 'examples');
	const imagesDir = join(dir, 'images');
	mkdirSync(imagesDir, { recursive: true });
	const all = examples(dir);
	let session: EditorSession | undefined;
	let failed = 0;
	try {
		session = await startEditorSession(say);
		for (const example of all) {
			const out = join(imagesDir, `${basename(example.file, '.json')}.png`);
			try {
				await openWorkflowCanvas(session.page, session.demo.editorUrl, example.id, example.nodes);
				await session.page.screenshot({ path: out, type: 'png' });
				say(
					`${example.file}: ${out.slice(repoRoot().length + 1)} (${Math.round(statSync(out).size / 1024)} KiB)`,
				);
			} catch (error) {
				failed += 1;
				say(`${example.file}: FAILED ${(error as Error).message}`);
			}
		}
	} finally {
		await session?.close();
	}
	say(`${all.length - failed} of ${all.length} screenshots written`);
	return failed ? 1 : 0;
}

exitWhenDone(LABEL, main);
