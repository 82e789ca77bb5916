import type { HttpRequest, HttpResponse, Transport } from '../../src/core/http';
import type { FakeClock } from './fake-clock';

/**
 * One scripted answer: a response, an error to reject with, or a function of the request and time
 * (which may return a promise, e.g. one that settles only when the request's signal aborts).
 */
export type Scripted =
	| HttpResponse
	| Error
	| ((request: HttpRequest, now: number) => HttpResponse | Error | Promise<HttpResponse | Error>);

export interface SentRequest {
	request: HttpRequest;
	/** Virtual time at which the transport was called. */
	at: number;
}

/**
 * A transport that answers from a queue, recording every request with the virtual time it was sent.
 * When the queue is empty it falls back to `fallback`, or fails the test loudly.
 */
export class FakeTransport {
	readonly sent: SentRequest[] = [];
	private readonly queue: Scripted[] = [];

	constructor(
		private readonly clock: FakeClock,
		private readonly fallback?: (request: HttpRequest, now: number) => HttpResponse | Error,
	) {}

	enqueue(...answers: Scripted[]): this {
		this.queue.push(...answers);
		return this;
	}

	get calls(): number {
		return this.sent.length;
	}

	get remaining(): number {
		return this.queue.length;
	}

	readonly send: Transport = async (request) => {
		const at = this.clock.now();
		this.sent.push({ request, at });
		let next = this.queue.shift();
		if (next === undefined) {
			if (!this.fallback) throw new Error(`FakeTransport: no scripted answer for ${request.method} ${request.url}`);
			next = this.fallback;
		}
		let answer = typeof next === 'function' ? next(request, at) : next;
		// Only a promised answer costs an extra tick, so scripted plain answers keep their old timing.
		if (answer instanceof Promise) answer = await answer;
		if (answer instanceof Error) throw answer;
		return answer;
	};
}

/**
 * A request the server never answers: settles only when the request's signal aborts (rejecting as
 * fetch does), or never when `honourSignal` is false, like a transport that ignores cancellation.
 */
export function hang(honourSignal = true): (request: HttpRequest) => Promise<HttpResponse> {
	return (request) =>
		new Promise<HttpResponse>((_, reject) => {
			if (!honourSignal || !request.signal) return;
			request.signal.addEventListener('abort', () =>
				reject(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' })),
			);
		});
}

export function json(status: number, body: unknown = {}, headers: Record<string, string> = {}): HttpResponse {
	return { status, headers: { 'content-type': 'application/json', ...headers }, body };
}

/** Largest number of `times` inside any half-open window [t, t + windowMs). */
export function maxInWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let best = 0;
	let start = 0;
	for (let end = 0; end < sorted.length; end++) {
		while (sorted[end] - sorted[start] >= windowMs) start++;
		best = Math.max(best, end - start + 1);
	}
	return best;
}
