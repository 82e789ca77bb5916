/**
 * Delivers callbacks to `webhook_url` after the configured delay, retrying a receiver that does not answer
 * 2xx, and remembers every attempt so tests can see what was sent. Timers are unref'd and cancelled on
 * reset, so pending callbacks never keep a test process alive.
 */
import type { ApolloCallbackPayload } from './callback-payloads';

export interface CallbackDelivery {
	url: string;
	request_id: string;
	type: string;
	attempt: number;
	/** The receiver's status; 0 when it could not be reached. */
	status: number;
	at: number;
}

export interface DeliveryOptions {
	delayMs: number;
	retries: number;
	duplicate: boolean;
}

export class CallbackSender {
	private timers = new Set<NodeJS.Timeout>();
	private deliveries: CallbackDelivery[] = [];
	private results = new Map<string, ApolloCallbackPayload>();
	private generation = 0;

	schedule(url: string, payload: ApolloCallbackPayload, options: DeliveryOptions): void {
		this.results.set(payload.request_id, payload);
		const generation = this.generation;
		const attempt = (number: number, delayMs: number) =>
			this.later(delayMs, async () => {
				const status = await post(url, payload);
				if (generation !== this.generation) return;
				this.deliveries.push({
					url,
					request_id: payload.request_id,
					type: payload.type,
					attempt: number,
					status,
					at: Date.now(),
				});
				const ok = status >= 200 && status < 300;
				if (!ok && number <= options.retries) attempt(number + 1, Math.max(options.delayMs, 100));
				else if (ok && options.duplicate && number === 1) attempt(number + 1, Math.max(options.delayMs, 10));
			});
		attempt(1, options.delayMs);
	}

	/** The finished result of a request, whether or not its delivery worked. */
	result(requestId: string): ApolloCallbackPayload | undefined {
		return this.results.get(requestId);
	}

	log(): CallbackDelivery[] {
		return this.deliveries.map((delivery) => ({ ...delivery }));
	}

	pending(): number {
		return this.timers.size;
	}

	reset(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.deliveries = [];
		this.results.clear();
		this.generation += 1;
	}

	private later(delayMs: number, run: () => Promise<void>): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			run().catch((error: unknown) => console.error('[sandbox] apollo callback failed:', error));
		}, delayMs);
		timer.unref();
		this.timers.add(timer);
	}
}

async function post(url: string, payload: ApolloCallbackPayload): Promise<number> {
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'user-agent': 'Apollo-Webhook (sandbox)' },
			body: JSON.stringify(payload),
			signal: AbortSignal.timeout(10_000),
		});
		await response.arrayBuffer();
		return response.status;
	} catch {
		return 0;
	}
}
