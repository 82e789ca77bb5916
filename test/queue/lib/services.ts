/**
 * Throw-away PostgreSQL and Redis for one queue-mode run, from the Debian packages that
 * scripts/install-services.sh installs: data in the run's temp folder, loopback only, free ports, no
 * persistence. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user (which then
 * owns its data folder).
 */
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from '../../e2e/lib/ports';
import {
	runCommand,
	sleep,
	spawnManaged,
	tail,
	trackTempDir,
	type ManagedProcess,
} from '../../e2e/lib/processes';
import { createWriteStream } from 'node:fs';

export interface Services {
	postgres: { host: string; port: number; user: string; database: string; password: string };
	redis: { host: string; port: number };
	/** psql -At: one line per row, columns separated by '|'. */
	sql(statement: string): Promise<string[]>;
	stop(): Promise<void>;
}

function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
	for (const v of versions) if (existsSync(join(root, v, 'bin', 'postgres'))) return join(root, v, 'bin');
	throw new Error('PostgreSQL is not installed: run `bash scripts/install-services.sh` first');
}

const asRoot = process.getuid?.() === 0;

/** As root: the same command as the postgres user, who then owns `dir`. */
function asPostgres(command: string, args: string[]): [string, string[]] {
	return asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function pipeTo(proc: ManagedProcess, logFile: string): void {
	const stream = createWriteStream(logFile, { flags: 'a' });
	proc.child.stdout?.pipe(stream);
	proc.child.stderr?.pipe(stream);
}

export async function startServices(tmp: string, logDir: string): Promise<Services> {
	const bin = postgresBin();
	const [pgPort, redisPort] = await freePorts(2);
	// Its own temp folder: the run's folder is private to this user, and postgres (as its own user) must reach its data.
	const pgRoot = mkdtempSync(join(tmpdir(), 'crm-bridge-queue-pg-'));
	trackTempDir(pgRoot);
	const dataDir = join(pgRoot, 'data');
	mkdirSync(dataDir, { mode: 0o700 });
	if (asRoot) {
		const { stdout } = await runCommand('id', 'id', ['-u', 'postgres'], { timeoutMs: 5_000 });
		const { stdout: gid } = await runCommand('id', 'id', ['-g', 'postgres'], { timeoutMs: 5_000 });
		chownSync(pgRoot, Number(stdout.trim()), Number(gid.trim()));
		chownSync(dataDir, Number(stdout.trim()), Number(gid.trim()));
	}
	const [initCmd, initArgs] = asPostgres(join(bin, 'initdb'), [
		'-D',
		dataDir,
		'-A',
		'trust',
		'-U',
		'postgres',
		'-E',
		'UTF8',
	]);
	const init = await runCommand('initdb', initCmd, initArgs, { timeoutMs: 120_000, cwd: '/' });
	if (init.code !== 0)
		throw new Error(`initdb failed (${init.code}):\n${tail(init.stdout + init.stderr, 20)}`);

	// fsync off: a test database that dies with the run needs no durability, and the disk is shared.
	const [pgCmd, pgArgs] = asPostgres(join(bin, 'postgres'), [
		'-D',
		dataDir,
		'-h',
		'127.0.0.1',
		'-p',
		String(pgPort),
		'-k',
		dataDir,
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=200',
	]);
	const pg = spawnManaged('postgres', pgCmd, pgArgs, { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
	pipeTo(pg, join(logDir, 'postgres.log'));

	const redisDir = join(tmp, 'redis');
	mkdirSync(redisDir);
	const redis = spawnManaged(
		'redis',
		'redis-server',
		[
			'--port',
			String(redisPort),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			redisDir,
		],
		{ cwd: redisDir, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	pipeTo(redis, join(logDir, 'redis.log'));

	const psql = async (statement: string, database = 'n8n') => {
		const r = await runCommand(
			'psql',
			'psql',
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(pgPort),
				'-U',
				'postgres',
				'-d',
				database,
				'-At',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				statement,
			],
			{ timeoutMs: 60_000 },
		);
		if (r.code !== 0) throw new Error(`psql failed (${r.code}): ${r.stderr.trim()}`);
		return r.stdout.split('\n').filter((l) => l.length > 0);
	};

	const deadline = Date.now() + 60_000;
	for (;;) {
		if (pg.hasExited()) throw new Error('postgres exited during start: see .e2e/queue/postgres.log');
		try {
			await psql('SELECT 1', 'postgres');
			break;
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await sleep(300);
		}
	}
	await psql('CREATE DATABASE n8n', 'postgres');
	for (;;) {
		if (redis.hasExited()) throw new Error('redis exited during start: see .e2e/queue/redis.log');
		const ping = await runCommand(
			'redis-cli',
			'redis-cli',
			['-h', '127.0.0.1', '-p', String(redisPort), 'ping'],
			{ timeoutMs: 5_000 },
		);
		if (ping.stdout.includes('PONG')) break;
		if (Date.now() > deadline) throw new Error('redis did not answer PING within 60 s');
		await sleep(300);
	}
	return {
		postgres: {
			host: '127.0.0.1',
			port: pgPort,
			user: 'postgres',
			database: 'n8n',
			password: 'unused-trust-auth',
		},
		redis: { host: '127.0.0.1', port: redisPort },
		sql: (statement) => psql(statement),
		async stop() {
			await redis.stop(5_000);
			await pg.stop(10_000);
		},
	};
}
