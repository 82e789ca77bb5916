/**
 * Puts the demo credentials into n8n's database while n8n is stopped (its CLI's rule). A missing one is
 * created; when the sandbox came up on another URL than last time, the ones still pointing at the old
 * sandbox are re-pointed. A credential the user switched to a real account (its Base URL no longer the
 * sandbox's) is left alone, so going live survives restarts.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { importCredentials, runN8nCli, type CredentialImport } from '../../test/e2e/lib/n8n-cli';
import { N8nDb } from '../../test/e2e/lib/n8n-db';
import type { N8nInstall } from '../../test/e2e/lib/n8n-install';

export interface CredentialImportResult {
	created: string[];
	repointed: string[];
	/** Pointing somewhere else than the old sandbox: the user's own settings, kept. */
	kept: string[];
}

async function existingIds(install: N8nInstall, userFolder: string, ids: string[]): Promise<Set<string>> {
	const db = new N8nDb(install, userFolder);
	if (!existsSync(db.file)) return new Set();
	try {
		const marks = ids.map(() => '?').join(',');
		const rows = await db.all<{ id: string }>(
			`SELECT id FROM credentials_entity WHERE id IN (${marks})`,
			ids,
		);
		return new Set(rows.map((r) => r.id));
	} finally {
		await db.close();
	}
}

/** The stored (decrypted) data of `ids`, read through n8n's CLI into a private temp file removed at once. */
async function storedData(
	install: N8nInstall,
	env: NodeJS.ProcessEnv,
	workDir: string,
	ids: Set<string>,
): Promise<Map<string, Record<string, unknown>>> {
	const file = join(workDir, 'credentials-export.json');
	try {
		await runN8nCli(install, env, ['export:credentials', '--all', '--decrypted', `--output=${file}`]);
		const rows = JSON.parse(readFileSync(file, 'utf8')) as Array<{
			id: string;
			data: Record<string, unknown>;
		}>;
		return new Map(rows.filter((r) => ids.has(r.id)).map((r) => [r.id, r.data ?? {}]));
	} finally {
		rmSync(file, { force: true });
	}
}

function pointsAt(data: Record<string, unknown>, url: string): boolean {
	return Object.values(data).some((v) => typeof v === 'string' && v.startsWith(url));
}

export async function importDemoCredentials(options: {
	install: N8nInstall;
	env: NodeJS.ProcessEnv;
	userFolder: string;
	workDir: string;
	credentials: CredentialImport[];
	/** The sandbox root URL the credentials were pointed at last time, if any. */
	previousSandboxUrl?: string;
	sandboxUrl: string;
}): Promise<CredentialImportResult> {
	const { install, env, userFolder, workDir, credentials, previousSandboxUrl, sandboxUrl } = options;
	const result: CredentialImportResult = { created: [], repointed: [], kept: [] };
	const existing = await existingIds(
		install,
		userFolder,
		credentials.map((c) => c.id),
	);
	const toImport = credentials.filter((c) => !existing.has(c.id));
	result.created = toImport.map((c) => c.name);

	if (existing.size > 0 && previousSandboxUrl !== sandboxUrl) {
		// An older demo folder kept no URL: its credentials can only be the sandbox ones it created.
		const stored = previousSandboxUrl ? await storedData(install, env, workDir, existing) : undefined;
		// Only credentials with a sandbox URL have anything to re-point (not the encryption key).
		const movable = credentials.filter((c) => existing.has(c.id) && pointsAt(c.data, sandboxUrl));
		for (const credential of movable) {
			const onSandbox = !stored || pointsAt(stored.get(credential.id) ?? {}, previousSandboxUrl ?? '');
			if (onSandbox) {
				toImport.push(credential);
				result.repointed.push(credential.name);
			} else {
				result.kept.push(credential.name);
			}
		}
	}
	await importCredentials(install, env, toImport, workDir);
	return result;
}
