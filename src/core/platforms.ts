/**
 * The platforms this package speaks to, listed once. Models, errors and node options read this list, so
 * adding a platform is one line here plus its adapter.
 */
export const PLATFORMS = ['hubspot', 'apollo', 'linkedin'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** How a platform is named to people: in errors, option lists and messages. */
export const PLATFORM_NAMES: Readonly<Record<Platform, string>> = {
	hubspot: 'HubSpot',
	apollo: 'Apollo',
	linkedin: 'LinkedIn',
};

/**
 * Webhooks (and the errors about them) can also come from any sender that signs with a shared secret:
 * not a platform with an adapter, but a source the trigger and the error hierarchy must name.
 */
export const GENERIC_SOURCE = 'generic';
export type Source = Platform | typeof GENERIC_SOURCE;
export const SOURCES = [...PLATFORMS, GENERIC_SOURCE] as const;
