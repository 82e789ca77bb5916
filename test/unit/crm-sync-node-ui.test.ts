/**
 * What the editor shows for the CRM Sync node, through n8n-workflow's own display rules: each credential
 * only when a side needs it (the source-or-target parameters are defined twice, one rule each), two-way and
 * its policy only between two writable platforms, LinkedIn never a target.
 */
import { NodeHelpers, type INodeParameters } from 'n8n-workflow';
import { CrmSync } from '../../nodes/CrmSync/CrmSync.node';

const description = new CrmSync().description;

function shown(values: INodeParameters) {
	const parameters = NodeHelpers.getNodeParameters(description.properties, values, true, false, null, description) as INodeParameters;
	const credentials = (description.credentials ?? []).filter((c) => NodeHelpers.displayParameter(parameters, c, null, null)).map((c) => c.name);
	return { parameters, credentials: credentials.sort() };
}

describe('CRM Sync node in the editor', () => {
	it.each([
		[{ source: 'hubspot', target: 'apollo' }, ['crmApolloApi', 'crmHubSpotAppTokenApi']],
		[{ source: 'apollo', target: 'hubspot', hubspotAuthentication: 'oAuth2' }, ['crmApolloApi', 'crmHubSpotOAuth2Api']],
		[{ source: 'items', target: 'output' }, []],
		[{ source: 'items', target: 'hubspot' }, ['crmHubSpotAppTokenApi']],
		[{ source: 'linkedin', target: 'output' }, ['crmLinkedInOAuth2Api']],
		[{ source: 'linkedin', target: 'apollo', encryptState: true }, ['crmApolloApi', 'crmEncryptionKeyApi', 'crmLinkedInOAuth2Api']],
	])('%j asks for %j', (values, credentials) => {
		expect(shown(values).credentials).toEqual(credentials);
	});

	it('offers two-way and the conflict policy only between two platforms that can be written', () => {
		expect(shown({ source: 'hubspot', target: 'apollo', mode: 'two-way' }).parameters).toMatchObject({ mode: 'two-way', conflictPolicy: 'newest' });
		for (const values of [{ source: 'linkedin', target: 'hubspot' }, { source: 'items', target: 'apollo' }, { source: 'hubspot', target: 'output' }]) {
			const { parameters } = shown({ ...values, mode: 'two-way' });
			expect(parameters.mode).toBeUndefined();
			expect(parameters.conflictPolicy).toBeUndefined();
		}
		const targets = (description.properties.find((p) => p.name === 'target')?.options ?? []).map((o) => (o as { value: string }).value);
		expect(targets).toEqual(['hubspot', 'apollo', 'output']);
	});
});
