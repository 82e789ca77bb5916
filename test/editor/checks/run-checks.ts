/**
 * The editor checks, against an editor the caller started and signed in to: for every node the package
 * lists, it is found in the node panel, opens without errors and loads its options; every credential form
 * opens (and a credential with a test passes it against the sandbox).
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import type { Reporter } from '../../e2e/lib/checks';
import type { SandboxClient } from '../../e2e/lib/sandbox';
import { closeCredential, openNewCredential, openSavedCredential } from '../lib/credential-forms';
import { within } from '../lib/deadline';
import {
	addNodeFromPanel,
	nodePanelItem,
	openNewWorkflow,
	parameterPanelText,
	searchNodePanel,
	selectedCredential,
	shownParameters,
} from '../lib/editor';
import { failureShot } from '../lib/failure-shots';
import type { PageWatch, Problem } from '../lib/watch';
import { CREDENTIAL_SPECS } from './credential-specs';
import { NODE_SPECS } from './node-specs';

export interface EditorTarget {
	editorUrl: string;
	sandbox: SandboxClient;
	packageName: string;
	/** As package.json `n8n.nodes` lists them: `type` is `<package>.<name>`. */
	nodes: Array<{ type: string; displayName: string }>;
	credentials: Array<{ name: string; displayName: string }>;
}

const STEP_MS = 90_000;

function describe(problems: Problem[]): string {
	return problems.map((p) => `${p.kind}: ${p.text.slice(0, 400)}`).join('\n');
}

/** Errors the editor showed or logged during a step; those naming another package are not ours. */
async function assertNoProblems(watch: PageWatch, mark: number, what: string): Promise<void> {
	const problems = await watch.since(mark);
	if (problems.length) throw new Error(`${what} showed or logged errors:\n${describe(problems)}`);
}

export async function runEditorChecks(options: {
	target: EditorTarget;
	page: Page;
	watch: PageWatch;
	reporter: Reporter;
}): Promise<void> {
	const { target, page, watch, reporter } = options;
	const explain = (name: string) => () => failureShot(page, name);
	const check = (name: string, fn: () => Promise<unknown>) =>
		reporter.check(name, () => within(STEP_MS, name, fn), explain(name));

	// A property name no HubSpot account and no static list has: the mapper can only show it by asking the sandbox.
	const probeProperty = `crm_bridge_editor_${randomBytes(4).toString('hex')}`;
	await target.sandbox.control('POST', '/__sandbox/hubspot/properties', [probeProperty]);

	for (const { type, displayName } of target.nodes) {
		reporter.startSection(`node ${displayName}`);
		const spec = NODE_SPECS[displayName];
		if (!spec)
			reporter.info(`no entry in test/editor/checks/node-specs.ts: checked for opening cleanly only`);

		const listed = await check(`${displayName}: listed in the node panel when searched`, async () => {
			await openNewWorkflow(page, target.editorUrl);
			await searchNodePanel(page, displayName);
			await nodePanelItem(page, type, displayName);
		});
		if (!listed) {
			reporter.fail(`${displayName}: opens without errors`, 'not reached: the node panel does not list it');
			continue;
		}

		const opened = await check(
			`${displayName}: added${spec?.action ? ` as "${spec.action}"` : ''}, its panel opens without errors`,
			async () => {
				const mark = watch.mark();
				await addNodeFromPanel(page, type, displayName, spec?.action);
				// Parameters that load (credentials, mapper fields) answer after the panel shows: let them settle.
				await watch.settled();
				const text = await parameterPanelText(page);
				if (/not currently installed|Install this node|unknown node/i.test(text))
					throw new Error(`the panel says the node is not installed: ${text.slice(0, 300)}`);
				if (spec?.credential) {
					const credential = await selectedCredential(page);
					if (credential !== spec.credential)
						throw new Error(
							`credential "${credential ?? 'none'}" selected, expected the demo's "${spec.credential}"`,
						);
				}
				await assertNoProblems(watch, mark, `opening ${displayName}`);
			},
		);
		if (spec?.parameters.length) {
			const name = `${displayName}: its panel shows ${spec.parameters.map((p) => `"${p}"`).join(', ')}`;
			if (!opened) reporter.fail(name, 'not reached: the node did not open');
			else
				await check(name, async () => {
					const shown = await shownParameters(page);
					const missing = spec.parameters.filter((p) => !shown.includes(p));
					if (missing.length)
						throw new Error(
							`not shown: ${missing.join(', ')}. The panel shows: ${shown.join(', ')}. (n8n's editor leaves out ` +
								`a node's "auth fields", the parameters named in its credentials' displayOptions.show, and every ` +
								`parameter named in those fields' own displayOptions.show.)`,
						);
				});
		}
		if (spec?.options) {
			if (!opened)
				reporter.fail(`${displayName}: ${spec.options.what}`, 'not reached: the node did not open');
			else
				await check(`${displayName}: ${spec.options.what}`, async () => {
					const mark = watch.mark();
					const found = await spec.options!.check({ page, sandbox: target.sandbox, probeProperty });
					await assertNoProblems(watch, mark, `loading the options of ${displayName}`);
					reporter.info(found);
				});
		}
	}

	reporter.startSection('credential forms');
	for (const credential of target.credentials) {
		const spec = CREDENTIAL_SPECS[credential.name];
		const how = spec?.demoId ? `saved demo credential` : 'new';
		const tested = spec?.testedOn ? `, tested against the sandbox` : spec?.oauth ? ', account connected' : '';
		await check(`${credential.displayName}: ${how} form opens${tested}`, async () => {
			const mark = watch.mark();
			const before = spec?.testedOn ? (await target.sandbox.requests(spec.testedOn)).length : 0;
			const form = spec?.demoId
				? await openSavedCredential(page, target.editorUrl, spec.demoId, {
						tested: !!spec.testedOn,
						oauth: !!spec.oauth,
					})
				: {
						...(await openNewCredential(page, target.editorUrl, credential.displayName)),
						connection: 'not tested',
					};
			for (const field of spec?.fields ?? [])
				if (!form.fields.includes(field))
					throw new Error(`the form has no "${field}" field (it has ${form.fields.join(', ')})`);
			if (spec?.testedOn) {
				if (form.connection !== 'tested')
					throw new Error(`the credential test did not pass: ${form.text.slice(0, 300)}`);
				const after = (await target.sandbox.requests(spec.testedOn)).length;
				if (after <= before)
					throw new Error(`n8n showed a passed test, but the ${spec.testedOn} sandbox saw no request`);
			}
			await assertNoProblems(watch, mark, `the ${credential.displayName} form`);
			await closeCredential(page);
		});
	}
}
