/**
 * The `eventType` values HubSpot's webhooks v3 API accepts (the enum of SubscriptionCreateRequest in
 * HubSpot's public OpenAPI spec for webhooks v3), so a typo in a client fails here as it would there.
 */
const OBJECTS = ['company', 'contact', 'deal', 'line_item', 'object', 'product', 'ticket'];
const CHANGES = ['associationChange', 'creation', 'deletion', 'merge', 'propertyChange', 'restore'];

export const EVENT_TYPES: ReadonlySet<string> = new Set([
	...OBJECTS.flatMap((object) =>
		CHANGES.filter((change) => !(object === 'product' && change === 'associationChange')).map(
			(change) => `${object}.${change}`,
		),
	),
	'contact.privacyDeletion',
	'conversation.creation',
	'conversation.deletion',
	'conversation.newMessage',
	'conversation.privacyDeletion',
	'conversation.propertyChange',
	'event.completed',
]);

/** Property-change subscriptions watch one property each, so HubSpot needs its name. */
export function needsPropertyName(eventType: string): boolean {
	return eventType.endsWith('.propertyChange');
}
