/**
 * What clients sent to the emulated platforms, so tests and benchmarks can assert on call counts, batch
 * sizes and statuses (e.g. "no request after the first 429"). Control calls are never recorded.
 */
export interface LoggedRequest {
	platform: string;
	method: string;
	/** Path after the platform prefix, without the query string. */
	path: string;
	/** 0 when the connection was dropped by a fault. */
	status: number;
	/** Number of inputs of a batch call. */
	inputs?: number;
	/** Epoch milliseconds when the response was sent. */
	at: number;
}

export interface RequestFilter {
	platform?: string;
	method?: string;
	/** Regular expression source tested against `path`. */
	path?: string;
}

// Keeps memory bounded during long benchmarks; the oldest entries go first.
const MAX_ENTRIES = 100_000;

export class RequestLog {
	private entries: LoggedRequest[] = [];

	record(entry: LoggedRequest): void {
		this.entries.push(entry);
		if (this.entries.length > MAX_ENTRIES * 1.1) this.entries = this.entries.slice(-MAX_ENTRIES);
	}

	list(filter: RequestFilter = {}): LoggedRequest[] {
		const pattern = filter.path === undefined ? undefined : new RegExp(filter.path);
		const method = filter.method?.toUpperCase();
		return this.entries.filter(
			(entry) =>
				(filter.platform === undefined || entry.platform === filter.platform) &&
				(method === undefined || entry.method === method) &&
				(pattern === undefined || pattern.test(entry.path)),
		);
	}

	clear(): void {
		this.entries = [];
	}
}
