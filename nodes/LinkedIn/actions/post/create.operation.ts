import { updateDisplayOptions, type IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import { MEMBER_POSTING, ORGANIZATION_POSTING } from '../../../../src/providers/linkedin/products';
import type { PostInput, Visibility } from '../../../../src/providers/linkedin/posts';
import type { LinkedInProvider } from '../../../../src/providers/linkedin/provider';
import { productNotice } from '../product-notice';

const show = { resource: ['post'], operation: ['create'] };

/**
 * One post per item, never resent: LinkedIn offers no way to find out whether a post whose answer was
 * lost exists, and a retry could publish it twice. The output carries the new post's URN.
 */
export const create: Operation<LinkedInProvider> = {
	kind: 'item',
	requires: [],
	action: 'create posts',
	description: [
		...updateDisplayOptions({ show: { ...show, postAs: ['member'] } }, [
			productNotice(MEMBER_POSTING, 'memberPostingNotice'),
		]),
		...updateDisplayOptions({ show: { ...show, postAs: ['organization'] } }, [
			productNotice(ORGANIZATION_POSTING, 'organizationPostingNotice'),
		]),
		...updateDisplayOptions({ show }, [
			{
				displayName: 'Post As',
				name: 'postAs',
				type: 'options',
				options: [
					{ name: 'Me (Member)', value: 'member' },
					{ name: 'Organization', value: 'organization' },
				],
				default: 'member',
			},
			{
				displayName: 'Organization ID',
				name: 'organizationId',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. 9100001 or urn:li:organization:9100001',
				description: 'The page to post as; the signed-in member must administer it',
				displayOptions: { show: { postAs: ['organization'] } },
			},
			{
				displayName: 'Text',
				name: 'text',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description:
					"The post's text (up to 3,000 characters). Characters LinkedIn reserves for mentions and hashtags are escaped unless Keep Markup is on.",
			},
			{
				displayName: 'Visibility',
				name: 'visibility',
				type: 'options',
				options: [
					{ name: 'Public', value: 'PUBLIC', description: 'Anyone on or off LinkedIn' },
					{ name: 'Connections', value: 'CONNECTIONS', description: 'Your connections only (member posts)' },
					{ name: 'Logged-in Members', value: 'LOGGED_IN', description: 'Anyone signed in to LinkedIn' },
				],
				default: 'PUBLIC',
			},
			{
				displayName: 'Content',
				name: 'content',
				type: 'options',
				options: [
					{ name: 'Text Only', value: 'text' },
					{ name: 'Article Link', value: 'article' },
				],
				default: 'text',
			},
			{
				displayName: 'Article URL',
				name: 'articleSource',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'https://example.com/article',
				displayOptions: { show: { content: ['article'] } },
			},
			{
				displayName: 'Article Title',
				name: 'articleTitle',
				type: 'string',
				required: true,
				default: '',
				displayOptions: { show: { content: ['article'] } },
			},
			{
				displayName: 'Article Description',
				name: 'articleDescription',
				type: 'string',
				default: '',
				displayOptions: { show: { content: ['article'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Keep Markup',
						name: 'keepMarkup',
						type: 'boolean',
						default: false,
						description:
							'Whether the text already is LinkedIn markup (mentions like @[Name](urn:li:organization:1), escaped characters) and is sent as it is',
					},
				],
			},
		]),
	],
	async execute(provider, i) {
		const as = this.getNodeParameter('postAs', i) as PostInput['as'];
		const input: PostInput = {
			as,
			organizationId:
				as === 'organization' ? (this.getNodeParameter('organizationId', i, '') as string) : undefined,
			text: this.getNodeParameter('text', i, '') as string,
			visibility: this.getNodeParameter('visibility', i, 'PUBLIC') as Visibility,
			keepMarkup: this.getNodeParameter('options.keepMarkup', i, false) as boolean,
		};
		if (this.getNodeParameter('content', i, 'text') === 'article') {
			input.article = {
				source: this.getNodeParameter('articleSource', i, '') as string,
				title: this.getNodeParameter('articleTitle', i, '') as string,
				description: this.getNodeParameter('articleDescription', i, '') as string,
			};
		}
		return [{ ...(await provider.createPost(input)) } as IDataObject];
	},
};
