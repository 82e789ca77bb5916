/**
 * The resource mapper's fields for each contact write: the unified fields plus the account's writable
 * contact properties, loaded through the provider.
 */
import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';
import { contactColumns, type ColumnOptions } from '../../../src/n8n/fields/contact-columns';
import { toNodeError } from '../../../src/n8n/errors';
import { hubspotCredentialType, hubspotProviderFor } from '../../../src/n8n/hubspot';
import { DEFAULT_PROPERTIES } from '../../../src/providers/hubspot/mapping';

/** HubSpot properties that a unified field already stands for (firstname is First Name...). */
const SHADOWED = new Set(DEFAULT_PROPERTIES);

async function columns(ctx: ILoadOptionsFunctions, options: Omit<ColumnOptions, 'shadowed'>): Promise<ResourceMapperFields> {
	try {
		const provider = await hubspotProviderFor(ctx, hubspotCredentialType(ctx.getNodeParameter('authentication', 'appToken')));
		return contactColumns(await provider.listProperties(), { ...options, shadowed: SHADOWED });
	} catch (error) {
		throw toNodeError(ctx.getNode(), error);
	}
}

export async function getContactFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return await columns(this, { matchOn: [] });
}

export async function getContactFieldsForUpsert(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return await columns(this, { matchOn: ['email'], required: ['email'] });
}

export async function getContactFieldsForUpdate(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return await columns(this, { matchOn: ['id', 'email'], withId: true });
}
