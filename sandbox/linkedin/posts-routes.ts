/**
 * `POST /rest/posts`: a text or article post as a member (`w_member_social`, only as yourself) or an
 * organization (`w_organization_social` plus an admin role on it). 201 with the URN in `x-restli-id`.
 */
import { isRecord, json, parseJsonBody, type Reply } from '../http';
import { requireScope } from './auth';
import { badRequest, linkedInError, unprocessable, type InputError } from './errors';
import type { Route, RouteContext } from './route';
import { idOf, personUrn } from './world';

const VISIBILITIES = ['PUBLIC', 'CONNECTIONS', 'LOGGED_IN'];
const FEEDS = ['MAIN_FEED', 'NONE'];
const MAX_COMMENTARY = 3000;

function createPost({ request, state, caller, resource }: RouteContext): Reply {
	const body = parseJsonBody(request.rawBody, (detail) => badRequest(`Invalid JSON: ${detail}`));
	if (!isRecord(body)) return badRequest('The request body must be a JSON object');
	const problems = validate(body);
	if (problems.length > 0) return unprocessable(problems);
	const author = body.author as string;
	const organization = idOf(author, 'organization');
	if (organization === '') {
		const denied = requireScope(caller, 'w_member_social', state.config, resource);
		if (denied) return denied;
		if (author !== personUrn(caller.member)) {
			return linkedInError(
				403,
				'ACCESS_DENIED',
				`Not enough permissions to access: ${resource}. A member can only post as ${personUrn(caller.member)}.`,
			);
		}
	} else {
		const denied = requireScope(caller, 'w_organization_social', state.config, resource);
		if (denied) return denied;
		const known = state.world.organizations.get(organization);
		if (!known) return linkedInError(404, 'NOT_FOUND', `Organization ${author} not found`);
		if (!known.admins.includes(caller.member)) {
			return linkedInError(
				403,
				'ACCESS_DENIED',
				`Not enough permissions to access: ${resource}. Member ${personUrn(caller.member)} has no ADMINISTRATOR or CONTENT_ADMINISTRATOR role on ${author}.`,
			);
		}
	}
	const urn = state.recordPost(author, caller.member, body);
	return json(201, undefined, { 'x-restli-id': urn });
}

function validate(body: Record<string, unknown>): InputError[] {
	const problems: InputError[] = [];
	const problem = (fieldPath: string, description: string, code = 'INVALID_VALUE') =>
		problems.push({ fieldPath, description, code });
	const { author, commentary, visibility, distribution, lifecycleState, content, isReshareDisabledByAuthor } =
		body;
	if (typeof author !== 'string') problem('/author', 'field is required', 'MISSING_FIELD');
	else if (!/^urn:li:(person|organization):[^:\s]+$/.test(author)) {
		problem('/author', 'must be urn:li:person:{id} or urn:li:organization:{id}');
	}
	if (typeof commentary !== 'string') problem('/commentary', 'field is required', 'MISSING_FIELD');
	else if (commentary.length > MAX_COMMENTARY)
		problem('/commentary', `length must be at most ${MAX_COMMENTARY}`);
	if (typeof visibility !== 'string') problem('/visibility', 'field is required', 'MISSING_FIELD');
	else if (!VISIBILITIES.includes(visibility))
		problem('/visibility', `must be one of ${VISIBILITIES.join(', ')}`);
	else if (
		visibility === 'CONNECTIONS' &&
		typeof author === 'string' &&
		author.startsWith('urn:li:organization:')
	) {
		problem('/visibility', 'CONNECTIONS is only allowed for member posts');
	}
	if (!isRecord(distribution)) problem('/distribution', 'field is required', 'MISSING_FIELD');
	else {
		if (!FEEDS.includes(distribution.feedDistribution as string)) {
			problem('/distribution/feedDistribution', `must be one of ${FEEDS.join(', ')}`);
		}
		for (const list of ['targetEntities', 'thirdPartyDistributionChannels']) {
			if (distribution[list] !== undefined && !Array.isArray(distribution[list])) {
				problem(`/distribution/${list}`, 'must be an array');
			}
		}
	}
	if (lifecycleState !== 'PUBLISHED') problem('/lifecycleState', 'must be PUBLISHED');
	if (isReshareDisabledByAuthor !== undefined && typeof isReshareDisabledByAuthor !== 'boolean') {
		problem('/isReshareDisabledByAuthor', 'must be a boolean');
	}
	if (content !== undefined) validateContent(content, problem);
	return problems;
}

function validateContent(
	content: unknown,
	problem: (path: string, description: string, code?: string) => void,
) {
	if (!isRecord(content) || !isRecord(content.article)) {
		problem('/content', 'only content.article is supported');
		return;
	}
	const { source, title, description } = content.article;
	if (typeof source !== 'string' || !/^https?:\/\//.test(source) || !URL.canParse(source)) {
		problem('/content/article/source', 'must be an absolute http(s) URL');
	}
	if (typeof title !== 'string' || title === '')
		problem('/content/article/title', 'field is required', 'MISSING_FIELD');
	if (description !== undefined && typeof description !== 'string')
		problem('/content/article/description', 'must be a string');
}

export const POST_ROUTES: Route[] = [
	{
		method: 'POST',
		pattern: /^\/rest\/posts\/?$/,
		resource: 'POST /rest/posts',
		versioned: true,
		run: createPost,
	},
];
