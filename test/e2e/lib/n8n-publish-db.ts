/**
 * Publishing without n8n's CLI. `n8n publish:workflow --id` boots the whole CLI (~4-7 s here) to run one
 * statement (WorkflowRepository.publishVersion in n8n 2.41: refuse an archived workflow or a version
 * without history, then `active = true, activeVersionId = versionId`). With twenty workflows that was
 * over a minute of every run. This does the same, with the same refusals, in one transaction while n8n is
 * stopped, through the sqlite3 module n8n itself ships (it needs n8n's Node 24). Whether n8n then
 * activates each workflow is still read from its own publication tables at start (n8n-server.ts).
 */
import type { N8nInstall } from './n8n-install';
import { runCommand, tail } from './processes';

// Runs inside Node 24. argv: [dbFile, n8nDir, idsJson]. Prints one JSON line: {published} or {error}.
const SCRIPT = `
const [dbFile, n8nDir, idsJson] = process.argv.slice(1);
const sqlite3 = require(require.resolve('sqlite3', { paths: [n8nDir] }));
const ids = JSON.parse(idsJson);
const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READWRITE);
db.configure('busyTimeout', 10000);
const run = (sql, params) => new Promise((resolve, reject) => db.run(sql, params, (e) => (e ? reject(e) : resolve())));
const get = (sql, params) => new Promise((resolve, reject) => db.get(sql, params, (e, row) => (e ? reject(e) : resolve(row))));
(async () => {
	await run('BEGIN IMMEDIATE');
	try {
		for (const id of ids) {
			const workflow = await get('SELECT id, versionId, isArchived FROM workflow_entity WHERE id = ?', [id]);
			if (!workflow) throw new Error('Workflow "' + id + '" not found.');
			if (workflow.isArchived) throw new Error('Cannot publish archived Workflow ' + id);
			const version = await get('SELECT versionId FROM workflow_history WHERE workflowId = ? AND versionId = ?', [id, workflow.versionId]);
			if (!version) throw new Error('Version "' + workflow.versionId + '" not found for workflow "' + id + '".');
			await run('UPDATE workflow_entity SET active = 1, activeVersionId = ? WHERE id = ?', [workflow.versionId, id]);
		}
		await run('COMMIT');
		process.stdout.write(JSON.stringify({ published: ids.length }) + '\\n');
	} catch (error) {
		await run('ROLLBACK').catch(() => undefined);
		process.stdout.write(JSON.stringify({ error: error.message }) + '\\n');
	}
	db.close();
})();
`;

/** Publishes the workflows' current versions; throws with the reason when any cannot be published. */
export async function publishInDatabase(install: N8nInstall, dbFile: string, ids: string[]): Promise<void> {
	if (ids.length === 0) return;
	const result = await runCommand(
		'publish (database)',
		install.nodeBin,
		['-e', SCRIPT, dbFile, install.dir, JSON.stringify(ids)],
		{
			cwd: install.dir,
			env: { PATH: process.env.PATH ?? '' },
			timeoutMs: 60_000,
		},
	);
	const line = result.stdout.trim().split('\n').pop() ?? '';
	let reply: { published?: number; error?: string } = {};
	try {
		reply = JSON.parse(line) as typeof reply;
	} catch {
		reply = { error: `no answer (exit ${result.code}):\n${tail(result.stdout + result.stderr, 20)}` };
	}
	if (reply.published !== ids.length)
		throw new Error(`publishing in n8n's database failed: ${reply.error ?? line}`);
}
