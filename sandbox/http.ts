/**
 * The small HTTP vocabulary every sandbox module speaks. Handlers return a `Reply` instead of writing to the
 * response themselves, so the server can apply faults, log the final status and send in one place.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export interface Reply {
	status: number;
	headers?: Record<string, string>;
	/** Serialised as JSON unless it is a string. Omitted for 204 and redirects. */
	body?: unknown;
	/** Batch size, recorded in the request log so tests and benchmarks can count items per call. */
	inputs?: number;
}

/** A request as platform and control handlers see it: the prefix is already stripped from `path`. */
export interface SandboxRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	/** Absolute URL of the platform root, e.g. `http://127.0.0.1:4010/hubspot`, for paging links. */
	baseUrl: string;
}

/** Thrown by handlers for a reply that ends processing early (bad JSON, failed validation). */
export class ReplyError extends Error {
	constructor(readonly reply: Reply) {
		super(`reply ${reply.status}`);
	}
}

const MAX_BODY_BYTES = 20 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			// Seeding 10k+ contacts is the biggest legitimate body; anything far beyond is a runaway client.
			// The rest is drained, not kept, so the 413 can still be sent on this connection.
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => {
			if (size > MAX_BODY_BYTES) reject(new ReplyError(json(413, { message: 'Request body too large' })));
			else resolve(Buffer.concat(chunks));
		});
		req.on('error', reject);
	});
}

export function json(status: number, body?: unknown, headers?: Record<string, string>): Reply {
	return { status, body, headers };
}

export function send(res: ServerResponse, reply: Reply): void {
	const headers: Record<string, string> = { ...reply.headers };
	let payload: string | undefined;
	if (reply.body !== undefined && reply.status !== 204) {
		payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
		if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
			headers['Content-Type'] =
				typeof reply.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json;charset=utf-8';
		}
		headers['Content-Length'] = String(Buffer.byteLength(payload));
	}
	res.writeHead(reply.status, headers);
	res.end(payload);
}

/** Parses a JSON body; an empty body is `undefined` so handlers can decide whether one is required. */
export function parseJsonBody(raw: Buffer, onError: (detail: string) => Reply): unknown {
	if (raw.length === 0) return undefined;
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch (error) {
		throw new ReplyError(onError((error as Error).message));
	}
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
