/** The run's temporary folder (n8n user folder, import files) and the log files kept after it (.e2e/). */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactsDir } from '../paths';
import { trackTempDir } from '../processes';

export interface Workspace {
	tmp: string;
	userFolder: string;
	logs: { dir: string; n8n: string; cli: string; sandbox: string };
}

/** The temp folder is removed at exit unless `keep`. */
export function createWorkspace(keep: boolean): Workspace {
	const tmp = mkdtempSync(join(tmpdir(), 'crm-bridge-e2e-'));
	if (!keep) trackTempDir(tmp);
	const userFolder = join(tmp, 'user');
	mkdirSync(userFolder, { recursive: true });
	const dir = artifactsDir();
	mkdirSync(dir, { recursive: true });
	const logs = {
		dir,
		n8n: join(dir, 'n8n.log'),
		cli: join(dir, 'cli.log'),
		sandbox: join(dir, 'sandbox.log'),
	};
	writeFileSync(logs.n8n, '');
	writeFileSync(logs.cli, '');
	return { tmp, userFolder, logs };
}
