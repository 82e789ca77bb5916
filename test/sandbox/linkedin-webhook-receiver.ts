/**
 * A local webhook endpoint for the LinkedIn notification tests: answers the `challengeCode` GET (rightly,
 * wrongly or with an error status, as the test sets) and records every request with its raw body.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
	method: string;
	url: URL;
	headers: IncomingHttpHeaders;
	rawBody: string;
}

export type ChallengeMode = 'right' | 'wrong-mac' | 'wrong-code' | 'error';

export interface Receiver {
	url: string;
	received: Received[];
	challenges(): Received[];
	posts(): Received[];
	challengeMode: ChallengeMode;
	postStatus: number;
	close(): Promise<void>;
}

export async function startReceiver(secret: string): Promise<Receiver> {
	const receiver: Receiver = {
		url: '',
		received: [],
		challenges: () => receiver.received.filter((entry) => entry.method === 'GET'),
		posts: () => receiver.received.filter((entry) => entry.method === 'POST'),
		challengeMode: 'right',
		postStatus: 200,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://receiver.invalid');
			receiver.received.push({
				method: req.method ?? '',
				url,
				headers: req.headers,
				rawBody: Buffer.concat(chunks).toString('utf8'),
			});
			if (req.method === 'GET') {
				const code = url.searchParams.get('challengeCode') ?? '';
				if (receiver.challengeMode === 'error') {
					res.writeHead(500).end();
					return;
				}
				const signed = receiver.challengeMode === 'wrong-mac' ? `${code}x` : code;
				const answer = {
					challengeCode: receiver.challengeMode === 'wrong-code' ? 'other' : code,
					challengeResponse: createHmac('sha256', secret).update(signed).digest('hex'),
				};
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
				return;
			}
			res.writeHead(receiver.postStatus).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/linkedin?workflow=1`;
	return receiver;
}
