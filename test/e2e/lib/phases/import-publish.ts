/**
 * Phase 3: everything n8n needs in its database before it starts, through its CLI (which requires the
 * server stopped): every scenario's credentials and workflows in one import each, then publishing.
 */
import { appendFileSync } from 'node:fs';
import type { N8nInstall } from '../n8n-install';
import { importCredentials, importWorkflows, publishWorkflows } from '../n8n-cli';
import { publishInDatabase } from '../n8n-publish-db';
import { seconds } from '../options';
import type { CredentialImport, WorkflowImport } from '../scenario';
import { shouldPublish } from '../workflow';

/** Returns the ids of the published workflows (n8n activates them when it starts). */
export async function importAndPublish(options: {
	install: N8nInstall;
	env: NodeJS.ProcessEnv;
	credentials: CredentialImport[];
	workflows: WorkflowImport[];
	workDir: string;
	/** n8n's database file, for publishing without the CLI. */
	dbFile: string;
	/** 'cli': one `n8n publish:workflow` per workflow, as before (E2E_PUBLISH=cli). */
	publishWith?: 'database' | 'cli';
	cliLog: string;
	say: (line: string) => void;
}): Promise<string[]> {
	const { install, env, credentials, workflows, workDir, cliLog, say } = options;
	const publishWith = options.publishWith ?? (process.env.E2E_PUBLISH === 'cli' ? 'cli' : 'database');
	const keep = (label: string, output?: { output: string }) =>
		output && appendFileSync(cliLog, `\n### ${label}\n${output.output}`);
	const t = Date.now();
	keep('import:credentials', await importCredentials(install, env, credentials, workDir));
	keep('import:workflow', await importWorkflows(install, env, workflows, workDir));
	const toPublish = workflows.filter(shouldPublish).map((w) => w.id);
	if (publishWith === 'database') {
		try {
			await publishInDatabase(install, options.dbFile, toPublish);
		} catch (error) {
			say(`${(error as Error).message}; publishing with n8n's CLI instead`);
			await publishWorkflows(install, env, toPublish);
		}
	} else {
		await publishWorkflows(install, env, toPublish);
	}
	say(
		`imported ${credentials.length} credential(s), ${workflows.length} workflow(s), published ${toPublish.length} ` +
			`with ${publishWith === 'database' ? "n8n's database" : "n8n's CLI"} ` +
			`(${seconds(Date.now() - t)})`,
	);
	return toPublish;
}
