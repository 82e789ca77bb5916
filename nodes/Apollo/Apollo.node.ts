import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { APOLLO_CREDENTIAL_TYPE, apolloProviderFor } from '../../src/n8n/apollo';
import type { OperationTable } from '../../src/n8n/operations';
import { route } from '../../src/n8n/router';
import type { ApolloProvider } from '../../src/providers/apollo/provider';
import * as contact from './actions/contact';
import { creditCapOf } from './actions/credits';
import * as organization from './actions/organization';
import * as person from './actions/person';
import {
	getContactFields,
	getContactFieldsForUpdate,
	getContactFieldsForUpsert,
} from './methods/resourceMapping';
import type { ApolloMap } from './node.type';

const operations: OperationTable<ApolloProvider, ApolloMap> = {
	person: person.operations,
	organization: organization.operations,
	contact: contact.operations,
};

export class Apollo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Apollo',
		name: 'apollo',
		icon: { light: 'file:apollo.svg', dark: 'file:apollo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Enrich people and companies in bulk within a credit cap, search people, and manage Apollo contacts',
		defaults: { name: 'Apollo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: APOLLO_CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contact', value: 'contact' },
					{ name: 'Organization', value: 'organization' },
					{ name: 'Person', value: 'person' },
				],
				default: 'person',
			},
			...person.description,
			...organization.description,
			...contact.description,
		],
	};

	methods = { resourceMapping: { getContactFields, getContactFieldsForUpsert, getContactFieldsForUpdate } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, {
			operations,
			providerFor: async (ctx) => await apolloProviderFor(ctx, { creditCap: creditCapOf(ctx) }),
		});
	}
}
