/**
 * The bodies the sandbox POSTs to `webhook_url` when a phone reveal or a waterfall finishes. Apollo does
 * not publish a schema, so this module is the single definition: the CRM Webhook Trigger's Apollo parser
 * tests can build their fixtures from these functions (or copy `EXAMPLE_*`) and stay in step with the
 * sandbox. Shape (documented in sandbox/README.md):
 *   {type: 'phone_reveal' | 'waterfall', request_id, status: 'completed', credits_consumed,
 *    people: [{id, first_name, last_name, email, status: 'success' | 'not_found', phone_numbers, emails?}]}
 * One callback per request: a bulk_match call's people arrive together, under one request_id.
 */
import type { PersonRecord } from './people';

export type CallbackType = 'phone_reveal' | 'waterfall';

export interface CallbackPhoneNumber {
	raw_number: string;
	sanitized_number: string;
	type_cd: 'mobile';
	status_cd: 'valid_number';
	confidence_cd: 'high';
	position: number;
}

export interface CallbackEmail {
	email: string;
	email_status: 'verified';
	source: 'waterfall';
}

export interface CallbackPerson {
	id: string;
	first_name: string;
	last_name: string;
	email: string | null;
	/** `not_found`: nothing was found for this person; no credits were spent on it. */
	status: 'success' | 'not_found';
	phone_numbers: CallbackPhoneNumber[];
	/** Only in waterfall callbacks that ran the email waterfall. */
	emails?: CallbackEmail[];
}

export interface ApolloCallbackPayload {
	type: CallbackType;
	request_id: string;
	status: 'completed';
	credits_consumed: number;
	people: CallbackPerson[];
}

export interface CallbackRequest {
	phone: boolean;
	waterfallEmail: boolean;
	waterfallPhone: boolean;
}

export function phoneNumberJson(raw: string): CallbackPhoneNumber {
	return {
		raw_number: raw,
		sanitized_number: `+${raw.replace(/\D/g, '')}`,
		type_cd: 'mobile',
		status_cd: 'valid_number',
		confidence_cd: 'high',
		position: 0,
	};
}

/** What the callback says about one person, and the mobile credits it cost. */
export function callbackPerson(person: PersonRecord, request: CallbackRequest): CallbackPerson {
	const wantsPhone = request.phone || request.waterfallPhone;
	const phones = wantsPhone && person.mobile_phone ? [phoneNumberJson(person.mobile_phone)] : [];
	const emails: CallbackEmail[] | undefined = request.waterfallEmail
		? person.email
			? [{ email: person.email, email_status: 'verified', source: 'waterfall' }]
			: []
		: undefined;
	const found = phones.length > 0 || (emails?.length ?? 0) > 0;
	return {
		id: person.id,
		first_name: person.first_name,
		last_name: person.last_name,
		email: person.email || null,
		status: found ? 'success' : 'not_found',
		phone_numbers: phones,
		...(emails === undefined ? {} : { emails }),
	};
}

export function callbackPayload(
	requestId: string,
	request: CallbackRequest,
	people: CallbackPerson[],
	creditsConsumed: number,
): ApolloCallbackPayload {
	return {
		type: request.waterfallEmail || request.waterfallPhone ? 'waterfall' : 'phone_reveal',
		request_id: requestId,
		status: 'completed',
		credits_consumed: creditsConsumed,
		people,
	};
}

export const EXAMPLE_PHONE_REVEAL: ApolloCallbackPayload = {
	type: 'phone_reveal',
	request_id: '6f1c2b8e-3d4a-4c5b-9e7f-0a1b2c3d4e5f',
	status: 'completed',
	credits_consumed: 8,
	people: [
		{
			id: '64a1f0c2e4b0a1b2c3d4e5f6',
			first_name: 'Ann',
			last_name: 'Example',
			email: 'ann.example@example.com',
			status: 'success',
			phone_numbers: [phoneNumberJson('+1 415-555-0142')],
		},
	],
};

export const EXAMPLE_WATERFALL: ApolloCallbackPayload = {
	type: 'waterfall',
	request_id: '0b9d8c7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e',
	status: 'completed',
	credits_consumed: 8,
	people: [
		{
			id: '64a1f0c2e4b0a1b2c3d4e5f7',
			first_name: 'Ben',
			last_name: 'Example',
			email: 'ben.example@example.com',
			status: 'success',
			phone_numbers: [phoneNumberJson('+44 20 7946 0958')],
			emails: [{ email: 'ben.example@example.com', email_status: 'verified', source: 'waterfall' }],
		},
		{
			id: '64a1f0c2e4b0a1b2c3d4e5f8',
			first_name: 'Cleo',
			last_name: 'Example',
			email: null,
			status: 'not_found',
			phone_numbers: [],
			emails: [],
		},
	],
};
