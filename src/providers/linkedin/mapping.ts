/**
 * The one place that knows which LinkedIn data holds which unified Contact field: lead form answers (by
 * the question's predefined field or its name) and the sign-in userinfo claims, in a single table. LinkedIn
 * is read-only here, so the table is only ever read from LinkedIn to Contact.
 */
import { Contact } from '../../core/models';

type LocationPart = 'city' | 'state' | 'country';
type TextField = 'email' | 'firstName' | 'lastName' | 'company' | 'title' | 'phone' | 'linkedinUrl';

export interface LinkedInFieldMapping {
	field: TextField | `location.${LocationPart}`;
	/** Lead form questions by LinkedIn's predefined field. */
	predefined: readonly string[];
	/** Lead form questions by name, for custom questions that carry no predefined field. */
	names: readonly string[];
	/** The OpenID Connect userinfo claim. */
	claim?: string;
}

export const LINKEDIN_CONTACT_FIELDS: readonly LinkedInFieldMapping[] = [
	{
		field: 'email',
		predefined: ['EMAIL', 'WORK_EMAIL'],
		names: ['email', 'emailAddress', 'workEmail'],
		claim: 'email',
	},
	{ field: 'firstName', predefined: ['FIRST_NAME'], names: ['firstName'], claim: 'given_name' },
	{ field: 'lastName', predefined: ['LAST_NAME'], names: ['lastName'], claim: 'family_name' },
	{ field: 'company', predefined: ['COMPANY_NAME'], names: ['company', 'companyName'] },
	{ field: 'title', predefined: ['JOB_TITLE'], names: ['title', 'jobTitle'] },
	{
		field: 'phone',
		predefined: ['PHONE_NUMBER', 'WORK_PHONE_NUMBER'],
		names: ['phone', 'phoneNumber', 'workPhoneNumber'],
	},
	{
		field: 'linkedinUrl',
		predefined: ['LINKEDIN_PROFILE_LINK'],
		names: ['linkedinUrl', 'linkedinProfileLink'],
	},
	{ field: 'location.city', predefined: ['CITY'], names: ['city'] },
	{ field: 'location.state', predefined: ['STATE'], names: ['state'] },
	{ field: 'location.country', predefined: ['COUNTRY'], names: ['country'] },
];

export interface LeadFormQuestion {
	questionId: number | string;
	name?: string;
	predefinedField?: string;
	question?: { localized?: Record<string, string> };
}

export interface LeadFormResponse {
	id: string | number;
	owner?: Record<string, string>;
	submitter?: string;
	leadType?: string;
	versionedLeadGenFormUrn?: string;
	submittedAt?: number;
	testLead?: boolean;
	formResponse?: {
		answers?: Array<{ questionId: number | string; answerDetails?: Record<string, unknown> }>;
	};
	leadMetadata?: unknown;
	associatedEntity?: unknown;
}

export interface UserInfo {
	sub: string;
	name?: string;
	given_name?: string;
	family_name?: string;
	picture?: string;
	locale?: unknown;
	email?: string;
	email_verified?: boolean;
}

type Fields = Partial<Record<TextField, string>> & { location?: Partial<Record<LocationPart, string>> };

/** Unified fields from a lookup of the row's source value; empty and malformed values are left out. */
function unified(valueFor: (mapping: LinkedInFieldMapping) => unknown): Fields {
	const out: Fields = {};
	for (const mapping of LINKEDIN_CONTACT_FIELDS) {
		const raw = valueFor(mapping);
		const value = typeof raw === 'string' ? raw.trim() : undefined;
		if (!value) continue;
		if (mapping.field.startsWith('location.')) {
			out.location = { ...out.location, [mapping.field.slice('location.'.length)]: value };
			continue;
		}
		// A lead typed into a free-text box may not be a valid email or URL: it stays in properties only.
		const field = mapping.field as TextField;
		const parsed = Contact.shape[field].safeParse(value);
		if (parsed.success && typeof parsed.data === 'string') out[field] ??= parsed.data;
	}
	return out;
}

/** A question's answer as text (text questions), or the raw answer (multiple choice and others). */
function answerValue(details: Record<string, unknown> | undefined): unknown {
	const text = (details?.textQuestionAnswer as { answer?: unknown } | undefined)?.answer;
	return text !== undefined ? text : details;
}

function iso(ms: number | undefined): string | undefined {
	return typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/**
 * A lead form response as a Contact. The form's questions name the answers (responses carry only
 * question ids); every answer is kept under `properties.answers` by question name.
 */
export function fromLeadResponse(
	response: LeadFormResponse,
	questions: readonly LeadFormQuestion[],
): Contact {
	const byId = new Map(questions.map((q) => [String(q.questionId), q]));
	const answers: Record<string, unknown> = {};
	const byPredefined = new Map<string, unknown>();
	for (const answer of response.formResponse?.answers ?? []) {
		const question = byId.get(String(answer.questionId));
		const value = answerValue(answer.answerDetails);
		answers[question?.name || `question${answer.questionId}`] = value;
		if (question?.predefinedField) byPredefined.set(question.predefinedField, value);
	}
	const fields = unified((m) => {
		for (const key of m.predefined) if (byPredefined.has(key)) return byPredefined.get(key);
		for (const name of m.names) if (answers[name] !== undefined) return answers[name];
		return undefined;
	});
	const id = String(response.id);
	const submitted = iso(response.submittedAt);
	return {
		id,
		...fields,
		properties: {
			answers,
			leadType: response.leadType,
			testLead: response.testLead === true,
			owner: response.owner,
			submitter: response.submitter,
			versionedLeadGenFormUrn: response.versionedLeadGenFormUrn,
			leadMetadata: response.leadMetadata,
			associatedEntity: response.associatedEntity,
		},
		ids: { linkedin: id },
		createdAt: submitted,
		updatedAt: submitted,
	};
}

/** The signed-in member (OpenID Connect userinfo) as a Contact; the member URN is `urn:li:person:<sub>`. */
export function fromUserInfo(info: UserInfo): Contact {
	const fields = unified((m) =>
		m.claim ? (info as unknown as Record<string, unknown>)[m.claim] : undefined,
	);
	return {
		id: info.sub,
		...fields,
		properties: {
			urn: `urn:li:person:${info.sub}`,
			name: info.name,
			picture: info.picture,
			locale: info.locale,
			emailVerified: info.email_verified,
		},
		ids: { linkedin: info.sub },
	};
}
