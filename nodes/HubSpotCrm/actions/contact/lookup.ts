import type { INodeProperties } from 'n8n-workflow';

/** "Find the contact by ID or by email" fields, shared by get and update. */
export function lookupFields(operation: string): INodeProperties[] {
	const show = { resource: ['contact'], operation: [operation] };
	return [
		{
			displayName: 'Look Up By',
			name: 'lookupBy',
			type: 'options',
			options: [
				{ name: 'Contact ID', value: 'id' },
				{ name: 'Email', value: 'email' },
			],
			default: 'id',
			displayOptions: { show },
		},
		{
			displayName: 'Contact ID',
			name: 'contactId',
			type: 'string',
			required: true,
			default: '',
			displayOptions: { show: { ...show, lookupBy: ['id'] } },
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			required: true,
			default: '',
			displayOptions: { show: { ...show, lookupBy: ['email'] } },
		},
	];
}
