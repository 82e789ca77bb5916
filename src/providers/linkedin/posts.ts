/**
 * Posts (`POST /rest/posts`): text or an article link, as the signed-in member or as an organization page,
 * with a visibility. LinkedIn answers 201 with an empty body and the new post's URN in `x-restli-id`.
 */
import { CRMUnexpectedResponseError } from '../../core/errors';
import type { LinkedInApi } from './api';
import { LINKEDIN_PATHS } from './endpoints';
import { invalid, requireText } from './validate';

export const VISIBILITIES = ['PUBLIC', 'CONNECTIONS', 'LOGGED_IN'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface PostInput {
	/** `member` posts as the signed-in member (w_member_social); `organization` as a page (w_organization_social). */
	as: 'member' | 'organization';
	/** Required with `organization`: the page's numeric id or `urn:li:organization:<id>`. */
	organizationId?: string;
	text: string;
	/** Default PUBLIC. CONNECTIONS exists for members only. */
	visibility?: Visibility;
	article?: { source: string; title: string; description?: string };
	/**
	 * The text is LinkedIn "little text": `@[Name](urn)` mentions and `#tags` are markup, and reserved
	 * characters must be escaped or LinkedIn cuts the post short. Escaped unless this is true.
	 */
	keepMarkup?: boolean;
}

export interface CreatedPost {
	urn: string;
	author: string;
	/** Where the post can be seen. */
	url: string;
}

const MAX_COMMENTARY = 3000;

/** The characters LinkedIn's little text format reserves. */
export function escapeLittleText(text: string): string {
	return text.replace(/[\\|{}@[\]()<>#*_~]/g, (char) => `\\${char}`);
}

export function authorUrn(input: PostInput, memberId: string | undefined): string {
	if (input.as === 'organization') {
		const raw = requireText(input.organizationId, 'organizationId');
		const id = raw.replace(/^urn:li:organization:/, '');
		if (!/^\d+$/.test(id))
			throw invalid('organizationId', 'expected a numeric id or urn:li:organization:<id>');
		return `urn:li:organization:${id}`;
	}
	return `urn:li:person:${requireText(memberId, 'memberId').replace(/^urn:li:person:/, '')}`;
}

export function postBody(input: PostInput, author: string): Record<string, unknown> {
	const visibility = input.visibility ?? 'PUBLIC';
	if (!VISIBILITIES.includes(visibility))
		throw invalid('visibility', `must be one of ${VISIBILITIES.join(', ')}`);
	if (visibility === 'CONNECTIONS' && input.as === 'organization') {
		throw invalid(
			'visibility',
			'CONNECTIONS is for member posts only; an organization posts PUBLIC or LOGGED_IN',
		);
	}
	const text = input.text ?? '';
	if (!text.trim() && !input.article) throw invalid('text', 'is required');
	const commentary = input.keepMarkup ? text : escapeLittleText(text);
	if (commentary.length > MAX_COMMENTARY)
		throw invalid('text', `is longer than LinkedIn's ${MAX_COMMENTARY} characters`);
	const body: Record<string, unknown> = {
		author,
		commentary,
		visibility,
		distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
		lifecycleState: 'PUBLISHED',
		isReshareDisabledByAuthor: false,
	};
	if (input.article) {
		const source = requireText(input.article.source, 'article.source');
		if (!/^https?:\/\/\S+$/i.test(source)) throw invalid('article.source', 'must be an http(s) URL');
		body.content = {
			article: {
				source,
				title: requireText(input.article.title, 'article.title'),
				...(input.article.description?.trim() ? { description: input.article.description.trim() } : {}),
			},
		};
	}
	return body;
}

export async function createPost(
	api: LinkedInApi,
	input: PostInput,
	memberId: string | undefined,
): Promise<CreatedPost> {
	const author = authorUrn(input, memberId);
	const response = await api.request({
		method: 'POST',
		path: LINKEDIN_PATHS.posts,
		body: postBody(input, author),
		// A post whose answer was lost may exist; LinkedIn offers no way to look it up, so it is never resent.
		idempotent: false,
		expect: 'none',
	});
	const urn = response.headers['x-restli-id'];
	if (!urn) {
		throw new CRMUnexpectedResponseError(
			`LinkedIn answered HTTP ${response.status} to a post without its URN (x-restli-id)`,
			{
				platform: 'linkedin',
				httpStatus: response.status,
				code: 'UNEXPECTED_RESPONSE',
			},
		);
	}
	return { urn, author, url: `https://www.linkedin.com/feed/update/${urn}/` };
}
