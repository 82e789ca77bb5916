/**
 * Read-only queries against n8n's SQLite database (`<userFolder>/.n8n/database.sqlite`). n8n 2.x has no
 * unauthenticated REST API, and its CLI takes seconds per call, so the harness reads the tables directly.
 * Queries run in one long-lived Node 24 helper with the sqlite3 module n8n itself uses (built for Node 24,
 * so it cannot load in the harness's own Node); one process rather than one per query, because spawning
 * Node every half second competes with n8n for the CPU while it boots on a 2-core machine. The database is
 * in WAL mode: reading while n8n writes is safe.
 */
import { join } from 'node:path';
import type { N8nInstall } from './n8n-install';
import { spawnManaged, tail, type ManagedProcess } from './processes';

// Runs inside Node 24. argv: [dbFile, n8nDir]. Reads one JSON job per stdin line, answers one JSON line.
const HELPER_SCRIPT = `
const [dbFile, n8nDir] = process.argv.slice(1);
const load = (name) => require(require.resolve(name, { paths: [n8nDir] }));
const sqlite3 = load('sqlite3');
let db;
const open = () => new Promise((resolve, reject) => {
	if (db) return resolve(db);
	const handle = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY, (error) => {
		if (error) return reject(error);
		handle.configure('busyTimeout', 5000);
		db = handle;
		resolve(db);
	});
});
const all = (sql, params) => new Promise((resolve) => db.all(sql, params || [], (error, rows) => resolve(error ? { error: error.message } : { rows })));
function decode(rows) {
	const { parse } = load('flatted');
	for (const row of rows) {
		if (typeof row.data !== 'string') continue;
		try {
			const data = parse(row.data);
			const runData = (data.resultData && data.resultData.runData) || {};
			row.nodesRun = Object.keys(runData);
			row.nodeErrors = Object.fromEntries(Object.entries(runData)
				.map(([name, runs]) => [name, (runs || []).map((r) => r && r.error && r.error.message).filter(Boolean)])
				.filter(([, messages]) => messages.length > 0));
			row.outputs = Object.fromEntries(Object.entries(runData).map(([name, runs]) => {
				const main = runs && runs[0] && runs[0].data && runs[0].data.main;
				return [name, ((main && main[0]) || []).map((item) => item && item.json)];
			}));
			row.error = data.resultData && data.resultData.error ? data.resultData.error.message : undefined;
			row.lastNodeExecuted = data.resultData ? data.resultData.lastNodeExecuted : undefined;
		} catch (e) { row.parseError = e.message; }
		delete row.data;
	}
}
let queue = Promise.resolve();
require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
	queue = queue.then(async () => {
		const job = JSON.parse(line);
		let reply;
		try {
			await open();
			const results = [];
			for (const q of job.queries) {
				const result = await all(q.sql, q.params);
				if (job.parseExecutionData && result.rows) decode(result.rows);
				results.push(result);
			}
			reply = { id: job.id, results };
		} catch (error) {
			// The file may not exist yet; let the next job try again.
			db = undefined;
			reply = { id: job.id, error: error.message };
		}
		process.stdout.write(JSON.stringify(reply) + '\\n');
	});
});
`;

export interface Query {
	sql: string;
	params?: unknown[];
}

interface Reply {
	id: number;
	error?: string;
	results?: Array<{ error?: string; rows?: unknown[] }>;
}

export class N8nDb {
	readonly file: string;
	private helper: ManagedProcess | undefined;
	private nextId = 1;
	private readonly waiting = new Map<
		number,
		{ resolve: (reply: Reply) => void; reject: (error: Error) => void }
	>();
	private stderr = '';

	constructor(
		private readonly install: N8nInstall,
		userFolder: string,
	) {
		this.file = join(userFolder, '.n8n', 'database.sqlite');
	}

	private start(): ManagedProcess {
		if (this.helper && !this.helper.hasExited()) return this.helper;
		const helper = spawnManaged(
			'sqlite helper',
			this.install.nodeBin,
			['-e', HELPER_SCRIPT, this.file, this.install.dir],
			{
				env: { PATH: process.env.PATH ?? '' },
				stdio: ['pipe', 'pipe', 'pipe'],
			},
		);
		let buffered = '';
		helper.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
			buffered += chunk;
			const lines = buffered.split('\n');
			buffered = lines.pop() ?? '';
			for (const line of lines) {
				if (!line.trim()) continue;
				let reply: Reply;
				try {
					reply = JSON.parse(line) as Reply;
				} catch {
					this.stderr += `unexpected output: ${line}\n`;
					continue;
				}
				this.waiting.get(reply.id)?.resolve(reply);
				this.waiting.delete(reply.id);
			}
		});
		helper.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
		void helper.exited.then((code) => {
			for (const pending of this.waiting.values()) {
				pending.reject(new Error(`sqlite helper exited (${code}):\n${tail(this.stderr, 20)}`));
			}
			this.waiting.clear();
		});
		this.helper = helper;
		return helper;
	}

	/** Runs the queries in order; throws on any SQL error. */
	async query<T = Record<string, unknown>>(queries: Query[], parseExecutionData = false): Promise<T[][]> {
		const helper = this.start();
		const id = this.nextId++;
		const reply = await new Promise<Reply>((resolve, reject) => {
			const timer = setTimeout(() => {
				this.waiting.delete(id);
				reject(new Error('sqlite helper did not answer within 30 s'));
			}, 30_000);
			this.waiting.set(id, {
				resolve: (r) => {
					clearTimeout(timer);
					resolve(r);
				},
				reject: (e) => {
					clearTimeout(timer);
					reject(e);
				},
			});
			helper.child.stdin?.write(`${JSON.stringify({ id, queries, parseExecutionData })}\n`);
		});
		if (reply.error) throw new Error(`cannot read ${this.file}: ${reply.error}`);
		return (reply.results ?? []).map((r, i) => {
			if (r.error) throw new Error(`query failed: ${r.error}\n${queries[i].sql}`);
			return (r.rows ?? []) as T[];
		});
	}

	async all<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
		const [rows] = await this.query<T>([{ sql, params }]);
		return rows;
	}

	async close(): Promise<void> {
		if (!this.helper) return;
		this.helper.child.stdin?.end();
		await this.helper.stop(2_000);
		this.helper = undefined;
	}
}
