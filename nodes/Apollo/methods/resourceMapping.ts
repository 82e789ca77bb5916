/** The resource mapper's fields for each contact write: the unified fields plus Apollo's own attributes. */
import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';
import { contactColumns } from '../../../src/n8n/fields/contact-columns';
import { APOLLO_CONTACT_ATTRIBUTES, SHADOWED } from '../actions/contact/fields';

export async function getContactFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return contactColumns(APOLLO_CONTACT_ATTRIBUTES, { matchOn: [], shadowed: SHADOWED });
}

export async function getContactFieldsForUpsert(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return contactColumns(APOLLO_CONTACT_ATTRIBUTES, { matchOn: ['email'], shadowed: SHADOWED });
}

export async function getContactFieldsForUpdate(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return contactColumns(APOLLO_CONTACT_ATTRIBUTES, {
		matchOn: ['id', 'email'],
		withId: true,
		shadowed: SHADOWED,
	});
}
