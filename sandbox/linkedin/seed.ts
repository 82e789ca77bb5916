/**
 * The default LinkedIn world, generated deterministically from small lists: a member who administers an
 * organization and its ad account, a member with no roles (for 403s), a second organization the first
 * member has no role on, three lead forms and about a hundred responses spread over the last months,
 * a few of them test leads. Times are relative to `now` so date filters and retention behave realistically.
 */
import { createHash } from 'node:crypto';
import {
	organizationUrn,
	sponsoredAccountUrn,
	type LeadForm,
	type LeadResponse,
	type LeadType,
	type Member,
	type Question,
	type World,
} from './world';

export const DEFAULT_MEMBER = 'Sbx7mB2xQ1';
export const OTHER_MEMBER = 'SbxNoRole42';
export const DEFAULT_ORGANIZATION = '9100001';
export const OTHER_ORGANIZATION = '9100002';
export const DEFAULT_SPONSORED_ACCOUNT = '5100001';
export const DEFAULT_RESPONSE_COUNT = 100;

const FIRST_NAMES = [
	'Ava',
	'Ben',
	'Chloe',
	'Daniel',
	'Elif',
	'Farid',
	'Grace',
	'Hiro',
	'Ines',
	'Jonas',
	'Kemi',
	'Liam',
	'Maya',
];
const LAST_NAMES = [
	'Adams',
	'Brandt',
	'Costa',
	'Dubois',
	'Eriksen',
	'Fischer',
	'Garcia',
	'Haddad',
	'Ito',
	'Jensen',
	'Kowalski',
];
const COMPANIES = [
	['Acme Logistics', 'acme-logistics.example'],
	['Blue Harbor Bank', 'blueharbor.example'],
	['Cedar Health', 'cedarhealth.example'],
	['Delta Robotics', 'deltarobotics.example'],
	['Evergreen Retail', 'evergreen-retail.example'],
	['Fjord Energy', 'fjordenergy.example'],
	['Granite Software', 'granitesoft.example'],
];
const TITLES = [
	'Head of Sales',
	'Marketing Manager',
	'CTO',
	'Operations Lead',
	'Procurement Specialist',
	'VP Growth',
	'Data Analyst',
];

const DAY_MS = 86_400_000;

function question(questionId: number, name: string, label: string, predefinedField: string): Question {
	return { questionId, name, label, predefinedField };
}

const BASE_QUESTIONS = [
	question(1, 'firstName', 'First name', 'FIRST_NAME'),
	question(2, 'lastName', 'Last name', 'LAST_NAME'),
	question(3, 'email', 'Email address', 'EMAIL'),
	question(4, 'company', 'Company name', 'COMPANY_NAME'),
	question(5, 'title', 'Job title', 'JOB_TITLE'),
];

export function defaultMembers(): Member[] {
	return [
		{
			sub: DEFAULT_MEMBER,
			givenName: 'Alex',
			familyName: 'Morgan',
			email: 'alex.morgan@example.com',
			emailVerified: true,
			picture: 'https://media.licdn.example/alex-morgan.jpg',
			locale: { country: 'US', language: 'en' },
		},
		{
			sub: OTHER_MEMBER,
			givenName: 'Jamie',
			familyName: 'Rivera',
			email: 'jamie.rivera@example.com',
			emailVerified: false,
			picture: 'https://media.licdn.example/jamie-rivera.jpg',
			locale: { country: 'DE', language: 'de' },
		},
	];
}

export function defaultForms(now: number): LeadForm[] {
	const sponsored = { sponsoredAccount: sponsoredAccountUrn(DEFAULT_SPONSORED_ACCOUNT) };
	return [
		{
			id: 7001,
			versionId: 1,
			name: 'Demo request',
			owner: sponsored,
			leadType: 'SPONSORED',
			createdAt: now - 300 * DAY_MS,
			questions: [...BASE_QUESTIONS, question(6, 'phone', 'Phone number', 'PHONE_NUMBER')],
		},
		{
			id: 7002,
			versionId: 2,
			name: 'Whitepaper download',
			owner: sponsored,
			leadType: 'SPONSORED',
			createdAt: now - 280 * DAY_MS,
			questions: BASE_QUESTIONS,
		},
		{
			id: 7003,
			versionId: 1,
			name: 'Product interest',
			owner: { organization: organizationUrn(DEFAULT_ORGANIZATION) },
			leadType: 'ORGANIZATION_PRODUCT',
			createdAt: now - 250 * DAY_MS,
			questions: BASE_QUESTIONS,
		},
	];
}

/** A UUID-shaped id derived from a label, so seeded ids are the same on every run. */
export function stableId(label: string): string {
	const hex = createHash('sha256').update(label).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The answers of the `index`-th generated person, consistent across fields (email from name and company). */
export function generatedAnswers(index: number): Record<string, string> {
	const firstName = FIRST_NAMES[index % FIRST_NAMES.length];
	const lastName = LAST_NAMES[(index * 7 + 3) % LAST_NAMES.length];
	const [company, domain] = COMPANIES[(index * 5 + 1) % COMPANIES.length];
	return {
		firstName,
		lastName,
		email: `${firstName}.${lastName}${index}@${domain}`.toLowerCase(),
		company,
		title: TITLES[(index * 3 + 2) % TITLES.length],
		phone: `+1 555 01${String(index % 100).padStart(2, '0')}`,
	};
}

/** The `index`-th generated response to `form`: only the questions the form asks are answered. */
export function generatedResponse(
	form: LeadForm,
	index: number,
	submittedAt: number,
	testLead: boolean,
): LeadResponse {
	const all = generatedAnswers(index);
	const answers = Object.fromEntries(form.questions.map((q) => [q.name, all[q.name] ?? '']));
	const sponsored = form.leadType === 'SPONSORED';
	return {
		id: stableId(`lead-${form.id}-${index}`),
		formId: form.id,
		owner: form.owner,
		leadType: form.leadType,
		submitter: `urn:li:person:SbxLead${String(index).padStart(4, '0')}`,
		submittedAt,
		testLead,
		answers,
		...(sponsored
			? {
					campaign: `urn:li:sponsoredCampaign:${610000 + (index % 4)}`,
					creative: `urn:li:sponsoredCreative:${820000 + (index % 6)}`,
				}
			: {}),
	};
}

/** Fills `world` with the default seed; `responses` is how many lead responses to generate. */
export function seedDefault(world: World, now: number, responses = DEFAULT_RESPONSE_COUNT): void {
	world.clear();
	for (const member of defaultMembers()) world.members.set(member.sub, member);
	world.organizations.set(DEFAULT_ORGANIZATION, {
		id: DEFAULT_ORGANIZATION,
		name: 'Northwind Analytics',
		admins: [DEFAULT_MEMBER],
	});
	world.organizations.set(OTHER_ORGANIZATION, { id: OTHER_ORGANIZATION, name: 'Contoso Labs', admins: [] });
	world.sponsoredAccounts.set(DEFAULT_SPONSORED_ACCOUNT, {
		id: DEFAULT_SPONSORED_ACCOUNT,
		name: 'Northwind Ads',
		organization: DEFAULT_ORGANIZATION,
		users: [DEFAULT_MEMBER],
	});
	const forms = defaultForms(now);
	for (const form of forms) world.forms.set(form.id, form);
	for (let index = 0; index < responses; index += 1) {
		// Spread over roughly the last 7 months, newest first; every 17th is a test lead.
		const submittedAt = now - Math.floor(index * 2.1 * DAY_MS) - (index % 24) * 3_600_000 - 60_000;
		const form = forms[index % 4 === 3 ? 2 : index % 2];
		const response = generatedResponse(form, index, submittedAt, index % 17 === 5);
		world.responses.set(response.id, response);
	}
}

export type { LeadType };
