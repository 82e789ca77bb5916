import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { hubspotCredentialType, hubspotProviderFor } from '../../../src/n8n/hubspot';
import { toNodeError } from '../../../src/n8n/errors';

/** The account's own contact properties, so users pick names instead of guessing internal ones. */
export async function getContactProperties(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const credentialType = hubspotCredentialType(this.getNodeParameter('authentication', 'appToken'));
	try {
		const provider = await hubspotProviderFor(this, credentialType);
		const properties = await provider.listProperties();
		return properties
			.filter((p) => !p.readOnly)
			.map((p) => ({ name: p.label, value: p.name, description: p.description }))
			.sort((a, b) => a.name.localeCompare(b.name));
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}
