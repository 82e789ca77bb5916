/**
 * LinkedIn fixtures for the nock tests: the hosts, an obviously fake token, a provider wired to the core's
 * fetch transport on a fake clock, and builders for LinkedIn's answers (error envelope, forms, lead
 * responses) in the shapes of the reference and the sandbox.
 */
import { LinkedInProvider, type LinkedInProviderOptions } from '../../src/providers/linkedin/provider';
import { fakeClock, fetchTransport, type FakeClock, type FetchTransport } from './hubspot-fetch-transport';

export const LI_API = 'https://api.linkedin.com';
export const LI_OAUTH = 'https://www.linkedin.com';
export const LI_TOKEN = 'AQX-fake-linkedin-test-token-0000';
export const LI_SECRET = 'fake-linkedin-client-secret-0000';
export const LI_VERSION = '202610';
export const ACCOUNT = 'urn:li:sponsoredAccount:5100001';
/** The owner record exactly as LinkedIn documents it on the wire. */
export const ACCOUNT_OWNER_QUERY = '(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A5100001)';

export interface LinkedInSetup {
	provider: LinkedInProvider;
	transport: FetchTransport;
	clock: FakeClock;
}

export function linkedInSetup(options: Partial<LinkedInProviderOptions> = {}): LinkedInSetup {
	const clock = fakeClock();
	const transport = fetchTransport(LI_TOKEN);
	const provider = new LinkedInProvider({
		transport,
		clock,
		random: () => 0,
		version: LI_VERSION,
		...options,
	});
	return { provider, transport, clock };
}

export function liError(status: number, code: string, message: string, serviceErrorCode = 0) {
	return { status, serviceErrorCode, code, message };
}

export const QUESTIONS = [
	{
		questionId: 1,
		name: 'firstName',
		predefinedField: 'FIRST_NAME',
		question: { localized: { en_US: 'First name' } },
	},
	{
		questionId: 2,
		name: 'lastName',
		predefinedField: 'LAST_NAME',
		question: { localized: { en_US: 'Last name' } },
	},
	{
		questionId: 3,
		name: 'emailAddress',
		predefinedField: 'EMAIL',
		question: { localized: { en_US: 'Email' } },
	},
	{
		questionId: 4,
		name: 'companyName',
		predefinedField: 'COMPANY_NAME',
		question: { localized: { en_US: 'Company' } },
	},
	{
		questionId: 5,
		name: 'jobTitle',
		predefinedField: 'JOB_TITLE',
		question: { localized: { en_US: 'Job title' } },
	},
	{
		questionId: 6,
		name: 'phoneNumber',
		predefinedField: 'PHONE_NUMBER',
		question: { localized: { en_US: 'Phone' } },
	},
];

export function leadForm(id = 7001) {
	return {
		id,
		versionId: 1,
		owner: { sponsoredAccount: ACCOUNT },
		name: 'Demo request',
		state: 'PUBLISHED',
		created: 1_700_000_000_000,
		lastModified: 1_700_000_000_000,
		content: { questions: QUESTIONS },
	};
}

export function formUrn(id = 7001, version = 1): string {
	return `urn:li:versionedLeadGenForm:(urn:li:leadGenForm:${id},${version})`;
}

export function leadResponse(index: number, extra: Record<string, unknown> = {}) {
	const answers: Array<[number, string]> = [
		[1, `First${index}`],
		[2, `Last${index}`],
		[3, `lead${index}@example.com`],
		[4, `Company ${index}`],
		[5, 'Analyst'],
		[6, `+1 555 000 ${String(index).padStart(4, '0')}`],
	];
	return {
		id: `lead-${index}`,
		owner: { sponsoredAccount: ACCOUNT },
		submitter: `urn:li:person:member${index}`,
		leadType: 'SPONSORED',
		versionedLeadGenFormUrn: formUrn(),
		submittedAt: 1_780_000_000_000 - index * 60_000,
		testLead: false,
		formResponse: {
			answers: answers.map(([questionId, answer]) => ({
				questionId,
				answerDetails: { textQuestionAnswer: { answer } },
			})),
			consentResponses: [],
		},
		leadMetadata: {},
		associatedEntity: {},
		...extra,
	};
}
