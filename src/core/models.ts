/**
 * The unified data model every adapter maps to and from. zod schemas are the source of truth; the types
 * are inferred from them so runtime validation and compile-time types cannot drift apart.
 */
import { z } from 'zod';
import { PLATFORMS, SOURCES } from './platforms';

export const Platform = z.enum(PLATFORMS);
export type Platform = z.infer<typeof Platform>;

const optionalText = z.string().trim().min(1).optional();

export const Contact = z.object({
	/** The id of this contact on the platform that returned it. */
	id: z.string().optional(),
	email: z.string().trim().email().optional(),
	firstName: optionalText,
	lastName: optionalText,
	company: optionalText,
	title: optionalText,
	phone: optionalText,
	/** People paste profile links without a scheme ("linkedin.com/in/ada"); those get https://. */
	linkedinUrl: z.preprocess(
		(value) => (typeof value === 'string' && value.trim() !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? `https://${value.trim()}` : value),
		z.string().trim().url().optional(),
	),
	domain: optionalText,
	location: z
		.object({ city: optionalText, state: optionalText, country: optionalText })
		.partial()
		.optional(),
	/** Platform-specific properties that have no unified field, by the platform's own names. */
	properties: z.record(z.string(), z.unknown()).default({}),
	/** Ids of the same person on each platform, as far as known. */
	ids: z.record(Platform, z.string()).default({}),
	createdAt: z.string().datetime({ offset: true }).optional(),
	updatedAt: z.string().datetime({ offset: true }).optional(),
});
export type Contact = z.infer<typeof Contact>;
/** What callers hand to create/update/upsert: everything optional, defaults applied by the schema. */
export type ContactInput = z.input<typeof Contact>;

export const CRMCredentials = z.object({
	platform: Platform,
	accessToken: z.string().min(1).optional(),
	refreshToken: z.string().min(1).optional(),
	apiKey: z.string().min(1).optional(),
	tokenType: z.string().default('Bearer'),
	/** When the access token stops working (ISO date-time); absent for tokens that do not expire. */
	expiresAt: z.string().datetime({ offset: true }).optional(),
	scopes: z.array(z.string()).default([]),
});
export type CRMCredentials = z.infer<typeof CRMCredentials>;

export const RecordError = z.object({
	/** What identifies the record: its email, id, or input index. */
	key: z.string(),
	message: z.string(),
	code: z.string().optional(),
});
export type RecordError = z.infer<typeof RecordError>;

export const SyncResult = z.object({
	direction: z.enum(['import', 'export', 'two-way']),
	dryRun: z.boolean().default(false),
	created: z.number().int().nonnegative().default(0),
	updated: z.number().int().nonnegative().default(0),
	unchanged: z.number().int().nonnegative().default(0),
	skipped: z.number().int().nonnegative().default(0),
	failed: z.number().int().nonnegative().default(0),
	conflicts: z.number().int().nonnegative().default(0),
	errors: z.array(RecordError).default([]),
	/** Opaque cursor to resume from: only ever moved past records that were written. */
	checkpoint: z.string().optional(),
	apiCalls: z.number().int().nonnegative().default(0),
	startedAt: z.string().datetime({ offset: true }),
	finishedAt: z.string().datetime({ offset: true }).optional(),
});
export type SyncResult = z.infer<typeof SyncResult>;

export const WebhookEventType = z.enum([
	'contact.created',
	'contact.updated',
	'contact.deleted',
	'contact.merged',
	'contact.restored',
	'contact.associationChanged',
	'contact.privacyDeleted',
	'lead.created',
	'lead.deleted',
	'enrichment.completed',
	'unknown',
]);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

export const WebhookEvent = z.object({
	platform: z.enum(SOURCES),
	type: WebhookEventType,
	/** The platform's own event type, e.g. HubSpot's `contact.propertyChange`. */
	rawType: z.string(),
	eventId: z.string(),
	objectId: z.string().optional(),
	occurredAt: z.string().datetime({ offset: true }),
	/** Delivery attempt, from 0, when the platform says. */
	attempt: z.number().int().nonnegative().optional(),
	verified: z.boolean(),
	payload: z.unknown(),
});
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** The outcome of one input of a batch write: batches fail per record, never all-or-nothing silently. */
export type BatchOutcome<T> =
	| { index: number; ok: true; value: T; created?: boolean }
	| { index: number; ok: false; error: import('./errors').CRMException };
