/** Records → the JSON LinkedIn answers with (userinfo, lead forms, lead form responses). */
import { versionedFormUrn, type LeadForm, type LeadResponse, type Member } from './world';

/** OIDC userinfo: `profile` adds the name fields and picture, `email` the email fields. */
export function userinfo(member: Member, scopes: string[]) {
	return {
		sub: member.sub,
		...(scopes.includes('profile')
			? {
					name: `${member.givenName} ${member.familyName}`,
					given_name: member.givenName,
					family_name: member.familyName,
					picture: member.picture,
					locale: member.locale,
				}
			: {}),
		...(scopes.includes('email') ? { email: member.email, email_verified: member.emailVerified } : {}),
	};
}

export function leadForm(form: LeadForm) {
	return {
		id: form.id,
		versionId: form.versionId,
		owner: form.owner,
		name: form.name,
		state: 'PUBLISHED',
		created: form.createdAt,
		lastModified: form.createdAt,
		creationLocale: { country: 'US', language: 'en' },
		content: {
			questions: form.questions.map((question) => ({
				questionId: question.questionId,
				name: question.name,
				question: { localized: { en_US: question.label } },
				predefinedField: question.predefinedField,
				questionDetails: { textQuestionDetails: { maxResponseLength: 300 } },
			})),
			legalInfo: { legalInfoId: 1, privacyPolicyUrl: 'https://northwind.example/privacy' },
		},
	};
}

export function leadResponse(response: LeadResponse, form: LeadForm | undefined) {
	const questions = form?.questions ?? [];
	return {
		id: response.id,
		owner: response.owner,
		submitter: response.submitter,
		leadType: response.leadType,
		versionedLeadGenFormUrn: versionedFormUrn(form ?? { id: response.formId, versionId: 1 }),
		submittedAt: response.submittedAt,
		testLead: response.testLead,
		formResponse: {
			answers: questions
				.filter((question) => response.answers[question.name] !== undefined)
				.map((question) => ({
					questionId: question.questionId,
					answerDetails: { textQuestionAnswer: { answer: response.answers[question.name] } },
				})),
			consentResponses: [],
		},
		leadMetadata:
			response.campaign === undefined ? {} : { sponsoredLeadMetadata: { campaign: response.campaign } },
		associatedEntity: response.creative === undefined ? {} : { associatedCreative: response.creative },
	};
}
