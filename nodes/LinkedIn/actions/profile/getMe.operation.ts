import { updateDisplayOptions, type IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../../src/n8n/operations';
import { SIGN_IN } from '../../../../src/providers/linkedin/products';
import type { LinkedInProvider } from '../../../../src/providers/linkedin/provider';
import { productNotice } from '../product-notice';

/** The signed-in member as a Contact (its `properties.urn` is the author URN of member posts). */
export const getMe: Operation<LinkedInProvider> = {
	kind: 'item',
	requires: [],
	action: 'read the signed-in member',
	description: updateDisplayOptions({ show: { resource: ['profile'], operation: ['getMe'] } }, [
		productNotice(SIGN_IN),
	]),
	async execute(provider) {
		return [{ ...(await provider.getMe()) } as IDataObject];
	},
};
