/**
 * The demo data in the sandbox. First cut: the sandbox's built-in Apollo and LinkedIn seeds as they are;
 * HubSpot contacts follow.
 */
import type { SandboxClient } from '../../test/e2e/lib/sandbox';

export interface DemoSeedCounts {
	hubspotContacts: number;
	apolloPeople: number;
	apolloContacts: number;
	linkedinForms: number;
	linkedinLeads: number;
}

export async function countSandbox(sandbox: SandboxClient): Promise<DemoSeedCounts> {
	const count = async (path: string) => (await sandbox.control<{ count: number }>('GET', path)).count;
	return {
		hubspotContacts: await count('/__sandbox/hubspot/contacts'),
		apolloPeople: await count('/__sandbox/apollo/people'),
		apolloContacts: await count('/__sandbox/apollo/contacts'),
		linkedinForms: 0,
		linkedinLeads: 0,
	};
}

export async function seedDemo(sandbox: SandboxClient): Promise<DemoSeedCounts> {
	return countSandbox(sandbox);
}
