/** The trigger's adapter for every webhook source of the one platform list (src/core/platforms.ts). */
import type { Source } from '../../../src/core/platforms';
import type { PlatformAdapter } from './adapter';
import { apolloAdapter } from './apollo';
import { genericAdapter } from './generic';
import { hubspotAdapter } from './hubspot';
import { linkedinAdapter } from './linkedin';

export const ADAPTERS: Record<Source, PlatformAdapter> = {
	hubspot: hubspotAdapter,
	linkedin: linkedinAdapter,
	apollo: apolloAdapter,
	generic: genericAdapter,
};
