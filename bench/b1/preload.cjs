/**
 * Preload for n8n's process in benchmark B1 (`NODE_OPTIONS=--require <this file>`), so n8n's built-in
 * HubSpot node, whose API host https://api.hubapi.com is fixed in its code, reaches the local sandbox
 * without any change to system files (no /etc/hosts, no root):
 *
 * - a TLS connection to B1_HOST (api.hubapi.com) goes to B1_TARGET (127.0.0.1:<port>, the bench's TLS
 *   proxy) while SNI and the certificate check still name B1_HOST; the proxy's certificate is signed by a
 *   CA made for this run and trusted through NODE_EXTRA_CA_CERTS, so certificate checking stays on;
 * - every other TCP connection and DNS lookup that is not loopback is refused and written to
 *   B1_PRELOAD_LOG, so a run proves that no byte left the machine (the bench reports that log).
 *
 * Plain CommonJS with Node built-ins only: it is loaded by n8n's own Node before n8n starts.
 */
'use strict';
const dns = require('node:dns');
const fs = require('node:fs');
const net = require('node:net');
const tls = require('node:tls');

const HOST = (process.env.B1_HOST || 'api.hubapi.com').toLowerCase();
const [TARGET_HOST, TARGET_PORT] = (process.env.B1_TARGET || '').split(':');
const LOG = process.env.B1_PRELOAD_LOG;

function note(event) {
	if (LOG) fs.appendFileSync(LOG, `${JSON.stringify({ pid: process.pid, ...event })}\n`);
}

if (!TARGET_HOST || !Number(TARGET_PORT)) throw new Error('B1 preload: B1_TARGET must be host:port');
note({ event: 'loaded', argv: process.argv.slice(1, 3) });

function isLoopback(host) {
	if (host === undefined || host === null || host === '') return true; // Node's default host is localhost.
	const name = String(host).replace(/^\[|\]$/g, '').toLowerCase();
	return (
		name === 'localhost' ||
		name === '::1' ||
		name === '0:0:0:0:0:0:0:1' ||
		/^127\.\d+\.\d+\.\d+$/.test(name) ||
		/^::ffff:127\.\d+\.\d+\.\d+$/.test(name)
	);
}

function refusal(what, host, port) {
	note({ event: 'refused', what, host: String(host), port: port === undefined ? undefined : String(port) });
	const error = new Error(`B1 preload: ${what} ${host}${port === undefined ? '' : `:${port}`} refused (loopback only)`);
	error.code = what === 'lookup' ? 'ENOTFOUND' : 'ECONNREFUSED';
	error.hostname = String(host);
	return error;
}

// tls.connect(options[, cb]) or tls.connect(port[, host][, options][, cb]).
const tlsConnect = tls.connect;
tls.connect = function connect(...args) {
	if (args[0] !== null && typeof args[0] === 'object') {
		const options = args[0];
		const name = String(options.servername || options.host || '').toLowerCase();
		if (name === HOST && !options.socket) {
			args[0] = { ...options, host: TARGET_HOST, port: Number(TARGET_PORT), servername: HOST };
		}
	} else if (typeof args[1] === 'string' && args[1].toLowerCase() === HOST) {
		const extra = args[2] !== null && typeof args[2] === 'object' ? args[2] : {};
		const callback = args.find((arg) => typeof arg === 'function');
		return tlsConnect.call(this, { ...extra, host: TARGET_HOST, port: Number(TARGET_PORT), servername: HOST }, callback);
	}
	return tlsConnect.apply(this, args);
};

// net.connect() hands Socket#connect its normalised [options, cb] array; direct calls pass the user's arguments.
const socketConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
	let options = args[0];
	if (Array.isArray(options)) options = options[0];
	else if (typeof options === 'string' && !/^\d+$/.test(options)) options = { path: options };
	else if (options === null || typeof options !== 'object') {
		options = { port: args[0], host: typeof args[1] === 'string' ? args[1] : undefined };
	}
	if (options && options.path === undefined && !isLoopback(options.host)) {
		const error = refusal('connect', options.host, options.port);
		process.nextTick(() => this.destroy(error));
		return this;
	}
	return socketConnect.apply(this, args);
};

function lookupAnswer(options) {
	const all = options !== null && typeof options === 'object' && options.all;
	return all ? [[{ address: TARGET_HOST, family: 4 }]] : [TARGET_HOST, 4];
}

const dnsLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
	const done = typeof options === 'function' ? options : callback;
	const opts = typeof options === 'function' ? {} : options;
	const name = String(hostname || '').toLowerCase();
	if (name === HOST) {
		process.nextTick(() => done(null, ...lookupAnswer(opts)));
		return {};
	}
	if (!isLoopback(name)) {
		process.nextTick(() => done(refusal('lookup', hostname)));
		return {};
	}
	return dnsLookup.call(this, hostname, options, callback);
};

const promisesLookup = dns.promises.lookup;
dns.promises.lookup = async function lookup(hostname, options) {
	const name = String(hostname || '').toLowerCase();
	if (name === HOST) {
		const [first] = lookupAnswer(options);
		return Array.isArray(first) ? first : { address: TARGET_HOST, family: 4 };
	}
	if (!isLoopback(name)) throw refusal('lookup', hostname);
	return promisesLookup.call(this, hostname, options);
};
