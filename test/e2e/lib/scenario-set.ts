/**
 * The scenarios of one run: loaded from scenarios/ in file-name order, narrowed by --only, and their
 * credentials and workflows collected and checked for collisions inside the one shared n8n.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CredentialImport, Scenario, SetupContext, WorkflowImport } from './scenario';
import { webhookPaths, type NodeSpec } from './workflow';

/** One scenario with what it imports into n8n. */
export interface OwnedSetup {
	scenario: Scenario;
	credentials: CredentialImport[];
	workflows: WorkflowImport[];
}

export async function loadScenarios(dir = join(__dirname, '..', 'scenarios')): Promise<Scenario[]> {
	const files = readdirSync(dir)
		.filter((f) => f.endsWith('.ts') && !f.startsWith('_') && !f.endsWith('.d.ts'))
		.sort();
	const scenarios: Scenario[] = [];
	for (const file of files) {
		const mod = (await import(join(dir, file))) as { default?: Scenario; scenario?: Scenario };
		const scenario = mod.default ?? mod.scenario;
		if (!scenario?.name || typeof scenario.run !== 'function') {
			throw new Error(
				`${file} does not export a scenario ({ name, credentials, workflows, run }) as default`,
			);
		}
		scenarios.push(scenario);
	}
	if (scenarios.length === 0) throw new Error(`no scenarios found in ${dir}`);
	return scenarios;
}

/** The scenarios `only` names (all when empty); throws on a name no scenario has. */
export function selectScenarios(all: Scenario[], only: string[]): Scenario[] {
	const unknown = only.filter((name) => !all.some((s) => s.name === name));
	if (unknown.length > 0) {
		throw new Error(`no scenario named ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}`);
	}
	return only.length > 0 ? all.filter((s) => only.includes(s.name)) : all;
}

export async function collectSetups(scenarios: Scenario[], setup: SetupContext): Promise<OwnedSetup[]> {
	const owned: OwnedSetup[] = [];
	for (const scenario of scenarios) {
		owned.push({
			scenario,
			credentials: await scenario.credentials(setup),
			workflows: await scenario.workflows(setup),
		});
	}
	importSharedCredentialsOnce(owned);
	validateSetups(owned);
	return owned;
}

/**
 * Several scenarios may define the same credential (the examples' demo credentials): identical id, name,
 * type and data. It is kept with the first scenario only, so it is imported once; a credential whose id is
 * reused with other content stays, and validateSetups refuses the collision.
 */
export function importSharedCredentialsOnce(owned: OwnedSetup[]): void {
	const first = new Map<string, string>();
	for (const setup of owned) {
		setup.credentials = setup.credentials.filter((c) => {
			const content = JSON.stringify([c.name, c.type, c.data]);
			const earlier = first.get(c.id);
			if (earlier === undefined) first.set(c.id, content);
			return earlier !== content;
		});
	}
}

/** Rejects setups that would collide inside the one shared n8n (same id, name or webhook path twice). */
export function validateSetups(owned: OwnedSetup[]): void {
	const seen = new Map<string, string>();
	const claim = (key: string, scenario: string) => {
		const previous = seen.get(key);
		if (previous) throw new Error(`${key} is defined by both "${previous}" and "${scenario}"`);
		seen.set(key, scenario);
	};
	const credentialIds = new Set<string>();
	for (const { scenario, credentials, workflows } of owned) {
		for (const c of credentials) {
			claim(`credential id ${c.id}`, scenario.name);
			claim(`credential name ${c.name}`, scenario.name);
			credentialIds.add(c.id);
		}
		for (const w of workflows) {
			claim(`workflow id ${w.id}`, scenario.name);
			claim(`workflow name ${w.name}`, scenario.name);
			for (const path of webhookPaths(w)) claim(`webhook ${path}`, scenario.name);
		}
	}
	for (const { scenario, workflows } of owned) {
		for (const w of workflows) {
			for (const node of w.nodes as NodeSpec[]) {
				for (const [type, ref] of Object.entries(node.credentials ?? {})) {
					if (!credentialIds.has(ref.id)) {
						throw new Error(
							`${scenario.name}: node "${node.name}" of "${w.name}" uses ${type} credential ${ref.id}, which no scenario defines`,
						);
					}
				}
			}
		}
	}
}

/** Values under secret-looking keys of credential data: they must never show up in answers or logs. */
export function collectSecrets(credentials: CredentialImport[]): string[] {
	const secrets = new Set<string>();
	const walk = (value: unknown, key: string) => {
		if (typeof value === 'string') {
			if (/token|secret|password|apikey|api_key|privatekey/i.test(key) && value.length >= 6)
				secrets.add(value);
		} else if (value && typeof value === 'object') {
			for (const [k, v] of Object.entries(value)) walk(v, k);
		}
	};
	for (const credential of credentials) walk(credential.data, '');
	return [...secrets];
}
