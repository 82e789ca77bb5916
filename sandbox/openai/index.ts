/**
 * A deterministic stand-in for OpenAI's API under `/openai/v1`, enough for n8n's OpenAI Chat Model node with
 * "Use Responses API" off: the model list (`GET /models`, what the node's model picker and the credential test
 * load) and `POST /chat/completions`, answered by the scripted model in scripted-model.ts.
 */
import type { Fault } from '../faults';
import { isRecord, json, parseJsonBody, type Reply, type SandboxRequest } from '../http';
import type { Platform } from '../platform';
import type { ChatMessage, ChatTool } from './chat-types';
import { completionReply, streamReply } from './completion';
import { DEFAULT_OPENAI_CONFIG, mergeConfig, type OpenAiConfig, type OpenAiConfigInput } from './config';
import { ConversationLog } from './conversation-log';
import { badRequest, invalidKey, missingKey, notFound, openAiError, unknownModel } from './errors';
import { nextTurn } from './scripted-model';

export type { OpenAiConfig, OpenAiConfigInput } from './config';

// A fixed date, so the model list is the same on every run.
const MODELS_CREATED = 1_735_689_600;

export class OpenAiPlatform implements Platform {
	readonly name = 'openai';
	readonly completions = new ConversationLog();
	private current: OpenAiConfig;
	private counter = 0;

	constructor(private readonly initial: OpenAiConfigInput = {}) {
		this.current = mergeConfig(DEFAULT_OPENAI_CONFIG, initial);
	}

	async handle(request: SandboxRequest): Promise<Reply> {
		const path = /^\/v1(\/.*)$/.exec(request.path)?.[1]?.replace(/\/+$/, '');
		if (!path) return notFound(request.method, request.path);
		const denied = this.authenticate(request);
		if (denied) return denied;
		if (request.method === 'GET' && path === '/models') {
			return json(200, { object: 'list', data: this.current.models.map((id) => this.model(id)) });
		}
		const modelId = /^\/models\/([^/]+)$/.exec(path)?.[1];
		if (request.method === 'GET' && modelId !== undefined) {
			const id = decodeURIComponent(modelId);
			return this.current.models.includes(id) ? json(200, this.model(id)) : unknownModel(id);
		}
		if (request.method === 'POST' && path === '/chat/completions') return this.chat(request);
		if (path === '/responses') {
			return openAiError(
				404,
				'The sandbox plays Chat Completions only: switch off "Use Responses API" in the OpenAI Chat Model node.',
				'invalid_request_error',
			);
		}
		return notFound(request.method, path);
	}

	async control(request: SandboxRequest): Promise<Reply | undefined> {
		if (request.path !== '/completions') return undefined;
		if (request.method === 'GET') {
			const completions = this.completions.list();
			return json(200, { count: completions.length, completions });
		}
		if (request.method === 'DELETE') {
			this.completions.clear();
			return json(200, { ok: true });
		}
		return undefined;
	}

	faultReply(fault: Fault, _request: SandboxRequest): Reply {
		const status = fault.kind === 'rate-limit' ? 429 : (fault.status ?? 500);
		if (fault.kind === 'status' && fault.body !== undefined) return json(status, fault.body);
		if (status === 429)
			return openAiError(429, 'Rate limit reached for requests', 'requests', 'rate_limit_exceeded');
		return openAiError(
			status,
			`Injected sandbox fault: HTTP ${status}`,
			status >= 500 ? 'server_error' : 'invalid_request_error',
		);
	}

	reset(): void {
		this.current = mergeConfig(DEFAULT_OPENAI_CONFIG, this.initial);
		this.completions.clear();
		this.counter = 0;
	}

	configure(input: unknown): void {
		this.current = mergeConfig(this.current, input);
	}

	config(): unknown {
		return this.current;
	}

	private authenticate(request: SandboxRequest): Reply | undefined {
		const header = request.headers.authorization;
		const key = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header.trim())?.[1] : undefined;
		if (!key) return missingKey();
		return this.current.apiKeys.includes(key) ? undefined : invalidKey();
	}

	private model(id: string) {
		return { id, object: 'model', created: MODELS_CREATED, owned_by: 'crm-bridge-sandbox' };
	}

	private chat(request: SandboxRequest): Reply {
		const body = parseJsonBody(request.rawBody, (detail) =>
			badRequest(`We could not parse the JSON body of your request. (${detail})`),
		);
		if (!isRecord(body)) return badRequest('The request body must be a JSON object.');
		if (typeof body.model !== 'string' || body.model === '')
			return badRequest('you must provide a model parameter', 'model');
		if (!this.current.models.includes(body.model)) return unknownModel(body.model);
		if (!Array.isArray(body.messages) || body.messages.length === 0 || !body.messages.every(isRecord)) {
			return badRequest("Invalid 'messages': expected a non-empty array of message objects.", 'messages');
		}
		if (
			body.tools !== undefined &&
			(!Array.isArray(body.tools) || !body.tools.every((t) => isRecord(t) && isRecord(t.function)))
		) {
			return badRequest(
				"Invalid 'tools': expected an array of {type: 'function', function: {...}}.",
				'tools',
			);
		}
		const messages = body.messages as unknown as ChatMessage[];
		const tools = (body.tools ?? []) as ChatTool[];
		const turn = nextTurn(messages, tools);
		const stream = body.stream === true;
		this.completions.record({
			at: Date.now(),
			model: body.model,
			stream,
			tools: tools.map((t) => t.function.name),
			messages,
			reply: turn,
		});
		this.counter += 1;
		const ids = {
			completionId: `chatcmpl-sandbox${this.counter}`,
			toolCallId: `call_sandbox${this.counter}`,
			created: Math.floor(Date.now() / 1000),
		};
		const promptChars = request.rawBody.length;
		if (!stream) return completionReply(turn, body.model, ids, promptChars);
		const includeUsage = isRecord(body.stream_options) && body.stream_options.include_usage === true;
		return streamReply(turn, body.model, ids, promptChars, includeUsage);
	}
}
