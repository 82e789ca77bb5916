/**
 * n8n's editor moves a node's authentication choice out of the parameter panel into the credential section.
 * It finds that choice by a rule over the node's description: the parameters named in the credentials'
 * `displayOptions.show` are "auth fields"; the main one is an `authentication` options parameter (without a
 * `none` value) or else an options auth field whose every value appears in those conditions; when there is
 * one, the panel leaves out the main field and every parameter named in an auth field's own display
 * conditions (n8n 2.41, editor-ui nodeTypesUtils and the parameter list). The rule is restated here from its
 * behaviour, so every node of the package can be checked for choices the panel would lose: a real n8n's
 * editor hid Platform, Source and Target that way (test/editor).
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { Apollo } from '../../nodes/Apollo/Apollo.node';
import { CrmContactTrigger } from '../../nodes/CrmContactTrigger/CrmContactTrigger.node';
import { CrmSync } from '../../nodes/CrmSync/CrmSync.node';
import { CrmWebhookTrigger } from '../../nodes/CrmWebhookTrigger/CrmWebhookTrigger.node';
import { HubSpotCrm } from '../../nodes/HubSpotCrm/HubSpotCrm.node';
import { LinkedIn } from '../../nodes/LinkedIn/LinkedIn.node';

function valuesOf(property: INodeProperties): string[] {
	return (property.options ?? []).flatMap((o) => ('value' in o && typeof o.value === 'string' ? [o.value] : []));
}

/** The parameters n8n's editor leaves out of the node's panel because of its credentials. */
function hiddenByCredentials(description: INodeTypeDescription): string[] {
	const conditions = new Map<string, string[]>();
	for (const credential of description.credentials ?? []) {
		for (const [name, values] of Object.entries(credential.displayOptions?.show ?? {})) {
			conditions.set(name, [...(conditions.get(name) ?? []), ...(values ?? []).map((v) => (v ? String(v) : ''))]);
		}
	}
	const authFields = description.properties.filter((p) => conditions.has(p.name));
	const main =
		authFields.find((p) => p.name === 'authentication' && !valuesOf(p).includes('none')) ??
		authFields.find((p) => p.type === 'options' && valuesOf(p).every((v) => conditions.get(p.name)?.includes(v)));
	if (!main) return [];
	const related = description.properties.filter((p) => authFields.some((f) => p.name in (f.displayOptions?.show ?? {})));
	return [...new Set([main.name, ...related.map((p) => p.name)])].sort();
}

describe("the editor's authentication rule", () => {
	it('catches a platform choice that picks the credential (the rule can fail)', () => {
		const description = {
			credentials: [
				{ name: 'a', displayOptions: { show: { platform: ['x'] } } },
				{ name: 'b', displayOptions: { show: { platform: ['y'], authentication: ['token'] } } },
			],
			properties: [
				{ displayName: 'Platform', name: 'platform', type: 'options', default: 'x', options: [{ name: 'X', value: 'x' }, { name: 'Y', value: 'y' }] },
				{ displayName: 'Authentication', name: 'authentication', type: 'options', default: 'token', options: [{ name: 'Token', value: 'token' }], displayOptions: { show: { platform: ['y'] } } },
			],
		} as unknown as INodeTypeDescription;
		expect(hiddenByCredentials(description)).toEqual(['authentication', 'platform']);
	});

	it.each([
		['CRM Sync', new CrmSync().description],
		['CRM Webhook Trigger', new CrmWebhookTrigger().description],
		['CRM Contact Trigger', new CrmContactTrigger().description],
		['Apollo', new Apollo().description],
		['LinkedIn', new LinkedIn().description],
	])('%s keeps every parameter in its panel', (_name, description) => {
		expect(hiddenByCredentials(description)).toEqual([]);
	});

	it('HubSpot CRM: only its Authentication moves to the credential section, as on n8n’s own nodes', () => {
		expect(hiddenByCredentials(new HubSpotCrm().description)).toEqual(['authentication']);
	});
});
