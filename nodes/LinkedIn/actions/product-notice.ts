/**
 * The notice each operation shows: which LinkedIn product (and scope) it needs, from the provider's one
 * table (src/providers/linkedin/products.ts), so the editor and a 403 say the same thing.
 */
import type { INodeProperties } from 'n8n-workflow';
import type { ProductNeed } from '../../../src/providers/linkedin/products';

export function productText(need: ProductNeed): string {
	const access = need.approval
		? 'which LinkedIn must approve for your app'
		: 'open to every app (add it in the Developer Portal)';
	const role = need.role ? ` ${need.role}` : '';
	return `Needs the LinkedIn product "${need.product}" (scope ${need.scope}), ${access}.${role}`;
}

/** A notice for one operation; the caller places it with `updateDisplayOptions`. */
export function productNotice(need: ProductNeed, name = 'productNotice'): INodeProperties {
	return { displayName: productText(need), name, type: 'notice', default: '' };
}
