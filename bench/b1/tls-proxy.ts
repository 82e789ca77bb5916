/**
 * The loopback HTTPS endpoint that answers for api.hubapi.com in benchmark B1: it holds the run's
 * certificate for that host and hands every request, unchanged, to the sandbox's HubSpot emulation
 * (`<sandbox>/hubspot<path>`). It counts what it relayed, so the bench can show that every call n8n made
 * to HubSpot's host arrived here and reached the sandbox.
 */
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

export interface TlsProxy {
	port: number;
	/** Requests relayed since the last reset. */
	relayed(): number;
	/** TLS handshakes and the server names (SNI) they asked for, since the last reset. */
	handshakes(): Map<string, number>;
	reset(): void;
	close(): Promise<void>;
}

export async function startTlsProxy(options: {
	key: Buffer;
	cert: Buffer;
	sandboxUrl: string;
}): Promise<TlsProxy> {
	const target = new URL(`${options.sandboxUrl}/hubspot`);
	let relayed = 0;
	let handshakes = new Map<string, number>();
	const server: Server = createServer({ key: options.key, cert: options.cert }, (req, res) => {
		relayed += 1;
		const headers = { ...req.headers, host: target.host };
		const upstream = httpRequest(
			{
				hostname: target.hostname,
				port: target.port,
				method: req.method,
				path: `${target.pathname}${req.url ?? '/'}`,
				headers,
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', (error) => {
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({ status: 'error', message: `B1 proxy: sandbox unreachable: ${error.message}` }),
			);
		});
		req.pipe(upstream);
	});
	server.on('secureConnection', (socket: TLSSocket) => {
		const name = (socket as TLSSocket & { servername?: string | false }).servername || '(no SNI)';
		handshakes.set(name, (handshakes.get(name) ?? 0) + 1);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	return {
		port: (server.address() as AddressInfo).port,
		relayed: () => relayed,
		handshakes: () => new Map(handshakes),
		reset() {
			relayed = 0;
			handshakes = new Map();
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
