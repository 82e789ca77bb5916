/**
 * Records the package in n8n's ledger of community packages (tables installed_packages and installed_nodes),
 * as n8n's own installer does after an install from Settings > Community nodes, so the demo's n8n lists it
 * there with its version and nodes. The files are already in place (installCommunityPackage); n8n loads them
 * either way, this only makes the install look, in the editor, like the one a user makes. Runs while n8n is
 * stopped, after its migrations created the tables, with the sqlite3 module and Node 24 n8n ships.
 */
import type { N8nInstall } from '../../test/e2e/lib/n8n-install';
import { runCommand, tail } from '../../test/e2e/lib/processes';

// argv: [dbFile, n8nDir, packageDir]. Prints one JSON line: {nodes} or {error}.
const SCRIPT = `
const path = require('path');
const [dbFile, n8nDir, packageDir] = process.argv.slice(1);
const sqlite3 = require(require.resolve('sqlite3', { paths: [n8nDir] }));
const pkg = require(path.join(packageDir, 'package.json'));
// The name, display name and version n8n's directory loader records for each node.
const nodes = ((pkg.n8n && pkg.n8n.nodes) || []).map((file) => {
	const className = path.basename(file).split('.')[0];
	const node = new (require(path.join(packageDir, file))[className])();
	const description = node.nodeVersions ? node.nodeVersions[node.currentVersion].description : node.description;
	const version = node.nodeVersions
		? node.currentVersion
		: Array.isArray(node.description.version) ? node.description.version.slice(-1)[0] : node.description.version;
	return { name: description.displayName, type: pkg.name + '.' + node.description.name, version: version || 1 };
});
const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READWRITE);
db.configure('busyTimeout', 10000);
const run = (sql, params) => new Promise((resolve, reject) => db.run(sql, params, (e) => (e ? reject(e) : resolve())));
(async () => {
	await run('BEGIN IMMEDIATE');
	try {
		const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
		await run('DELETE FROM installed_nodes WHERE package = ?', [pkg.name]);
		await run('DELETE FROM installed_packages WHERE packageName = ?', [pkg.name]);
		await run(
			'INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)',
			[pkg.name, pkg.version, (pkg.author && pkg.author.name) || null, (pkg.author && pkg.author.email) || null, now, now],
		);
		for (const node of nodes) {
			await run('INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)', [node.name, node.type, node.version, pkg.name]);
		}
		await run('COMMIT');
		process.stdout.write(JSON.stringify({ nodes: nodes.length }) + '\\n');
	} catch (error) {
		await run('ROLLBACK').catch(() => undefined);
		process.stdout.write(JSON.stringify({ error: error.message }) + '\\n');
	}
	db.close();
})();
`;

export async function registerCommunityPackage(
	install: N8nInstall,
	dbFile: string,
	packageDir: string,
): Promise<number> {
	const result = await runCommand(
		'register package',
		install.nodeBin,
		['-e', SCRIPT, dbFile, install.dir, packageDir],
		{
			cwd: packageDir,
			env: { PATH: process.env.PATH ?? '', NODE_PATH: install.nodeModules },
			timeoutMs: 60_000,
		},
	);
	const line = result.stdout.trim().split('\n').pop() ?? '';
	let reply: { nodes?: number; error?: string };
	try {
		reply = JSON.parse(line) as typeof reply;
	} catch {
		reply = { error: `no answer (exit ${result.code}):\n${tail(result.stdout + result.stderr, 20)}` };
	}
	if (reply.nodes === undefined)
		throw new Error(`recording the package in n8n's database failed: ${reply.error}`);
	return reply.nodes;
}
