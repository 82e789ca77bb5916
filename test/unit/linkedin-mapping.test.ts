/** The one LinkedIn mapping table: lead form answers and userinfo claims → unified Contact. */
import {
	fromLeadResponse,
	fromUserInfo,
	LINKEDIN_CONTACT_FIELDS,
	type LeadFormQuestion,
} from '../../src/providers/linkedin/mapping';
import { formUrn, leadResponse, QUESTIONS } from '../helpers/linkedin-fixtures';

function answered(answers: Array<[number, string]>, questions: LeadFormQuestion[] = QUESTIONS) {
	return fromLeadResponse(
		leadResponse(1, {
			formResponse: {
				answers: answers.map(([questionId, answer]) => ({
					questionId,
					answerDetails: { textQuestionAnswer: { answer } },
				})),
			},
		}),
		questions,
	);
}

describe('LinkedIn mapping', () => {
	it('lists every unified field once', () => {
		const fields = LINKEDIN_CONTACT_FIELDS.map((m) => m.field);
		expect(new Set(fields).size).toBe(fields.length);
	});

	it('maps answers by predefined field, whatever the question is called', () => {
		const questions = [
			{ questionId: 10, name: 'q_a', predefinedField: 'WORK_EMAIL' },
			{ questionId: 11, name: 'q_b', predefinedField: 'JOB_TITLE' },
			{ questionId: 12, name: 'q_c', predefinedField: 'CITY' },
			{ questionId: 13, name: 'q_d', predefinedField: 'COUNTRY' },
		];
		const contact = answered(
			[
				[10, 'a@example.com'],
				[11, 'CTO'],
				[12, 'Berlin'],
				[13, 'DE'],
			],
			questions,
		);
		expect(contact).toMatchObject({
			email: 'a@example.com',
			title: 'CTO',
			location: { city: 'Berlin', country: 'DE' },
		});
		expect(contact.properties.answers).toEqual({
			q_a: 'a@example.com',
			q_b: 'CTO',
			q_c: 'Berlin',
			q_d: 'DE',
		});
	});

	it('maps custom questions by name (firstName, lastName, emailAddress, companyName, jobTitle, phoneNumber)', () => {
		const questions = ['firstName', 'lastName', 'emailAddress', 'companyName', 'jobTitle', 'phoneNumber'].map(
			(name, i) => ({ questionId: i + 1, name }),
		);
		const contact = answered(
			[
				[1, 'Ada'],
				[2, 'Lovelace'],
				[3, 'ada@example.com'],
				[4, 'Engines Ltd'],
				[5, 'Analyst'],
				[6, '+44 20 0000'],
			],
			questions,
		);
		expect(contact).toMatchObject({
			firstName: 'Ada',
			lastName: 'Lovelace',
			email: 'ada@example.com',
			company: 'Engines Ltd',
			title: 'Analyst',
			phone: '+44 20 0000',
		});
	});

	it('keeps a malformed email in the answers but not as the contact email; empty answers are left out', () => {
		const contact = answered([
			[1, '  '],
			[3, 'not an email'],
		]);
		expect(contact.email).toBeUndefined();
		expect(contact.firstName).toBeUndefined();
		expect(contact.properties.answers).toMatchObject({ emailAddress: 'not an email' });
	});

	it('keeps answers to unknown questions under their id, and non-text answers as they are', () => {
		const contact = fromLeadResponse(
			leadResponse(1, {
				formResponse: {
					answers: [
						{ questionId: 99, answerDetails: { textQuestionAnswer: { answer: 'x' } } },
						{ questionId: 1, answerDetails: { multipleChoiceAnswer: { options: [2] } } },
					],
				},
			}),
			QUESTIONS,
		);
		expect(contact.properties.answers).toEqual({
			question99: 'x',
			firstName: { multipleChoiceAnswer: { options: [2] } },
		});
		expect(contact.firstName).toBeUndefined();
	});

	it('carries the lead metadata and LinkedIn id', () => {
		const contact = fromLeadResponse(leadResponse(3, { testLead: true }), QUESTIONS);
		expect(contact).toMatchObject({
			id: 'lead-3',
			ids: { linkedin: 'lead-3' },
			properties: {
				testLead: true,
				leadType: 'SPONSORED',
				versionedLeadGenFormUrn: formUrn(),
				submitter: 'urn:li:person:member3',
			},
		});
		expect(contact.createdAt).toBe(contact.updatedAt);
	});

	it('maps userinfo claims', () => {
		expect(
			fromUserInfo({
				sub: 'abc',
				given_name: 'Ann',
				family_name: 'Lee',
				email: 'ann@example.com',
				email_verified: false,
			}),
		).toMatchObject({
			id: 'abc',
			firstName: 'Ann',
			lastName: 'Lee',
			email: 'ann@example.com',
			properties: { urn: 'urn:li:person:abc', emailVerified: false },
			ids: { linkedin: 'abc' },
		});
		// Without the profile and email scopes userinfo has only sub.
		expect(fromUserInfo({ sub: 'abc' })).toMatchObject({
			id: 'abc',
			properties: { urn: 'urn:li:person:abc' },
		});
	});
});
