import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class CrmApolloApi implements ICredentialType {
	name = 'crmApolloApi';

	displayName = 'Apollo API';

	icon: Icon = { light: 'file:apollo.svg', dark: 'file:apollo.dark.svg' };

	documentationUrl = 'https://docs.apollo.io/docs/create-api-key';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An Apollo API key (Settings → Integrations → API). People search and bulk contact writes need a master key.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.apollo.io/api/v1',
			description: 'Change only to reach Apollo through a proxy or a local sandbox',
		},
	];

	// The key travels in a header only: URLs end up in proxy and server logs.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/auth/health',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'is_logged_in',
					value: false,
					message: 'Apollo did not accept the API key',
				},
			},
		],
	};
}
