import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the folder with package.json above this file (works from test/e2e/lib and scripts/). */
export function repoRoot(): string {
	let dir = resolve(__dirname);
	while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'tsconfig.json'))) {
		const parent = dirname(dir);
		if (parent === dir) throw new Error(`no package.json found above ${__dirname}`);
		dir = parent;
	}
	return dir;
}

/** Where run logs are kept after the temp folders are gone (gitignored `.e2e/`). */
export function artifactsDir(): string {
	return process.env.E2E_ARTIFACTS_DIR ? resolve(process.env.E2E_ARTIFACTS_DIR) : join(repoRoot(), '.e2e');
}
