/**
 * The contract between the server and one emulated platform. Each platform lives under its own URL prefix
 * (`/hubspot`, later `/apollo`, `/linkedin`) and its own `/__sandbox/<name>/...` control routes, so adding
 * one means writing a module that implements this and registering it in server.ts.
 */
import type { Fault } from './faults';
import type { Reply, SandboxRequest } from './http';

export interface Platform {
	/** URL prefix and the `platform` value in faults and the request log. */
	readonly name: string;
	handle(request: SandboxRequest): Promise<Reply>;
	/** Platform-specific control routes; `request.path` is the part after `/__sandbox/<name>`. */
	control(request: SandboxRequest): Promise<Reply | undefined>;
	/** The reply for a `status` or `rate-limit` fault, in the platform's own error format. */
	faultReply(fault: Fault, request: SandboxRequest): Reply;
	/** Restores the configuration the sandbox was started with and empties all state. */
	reset(): void;
	/** Merges a partial configuration; throws `ConfigError` on invalid input. */
	configure(input: unknown): void;
	config(): unknown;
}

export class ConfigError extends Error {}
