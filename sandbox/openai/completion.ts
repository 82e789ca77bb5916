/**
 * A Turn as OpenAI sends it: one `chat.completion` object, or with `stream: true` the same content as
 * server-sent `chat.completion.chunk` events ending in `data: [DONE]` (OpenAI's streaming format).
 */
import type { Reply } from '../http';
import type { Turn } from './chat-types';

export interface CompletionIds {
	completionId: string;
	toolCallId: string;
	created: number;
}

function usage(promptChars: number, completionChars: number) {
	// Roughly four characters a token, as OpenAI's own rule of thumb; only shape matters to clients.
	const prompt = Math.ceil(promptChars / 4);
	const completion = Math.max(1, Math.ceil(completionChars / 4));
	return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function messageOf(turn: Turn, ids: CompletionIds) {
	return turn.kind === 'answer'
		? { role: 'assistant', content: turn.content, refusal: null }
		: {
				role: 'assistant',
				content: null,
				refusal: null,
				tool_calls: [
					{
						id: ids.toolCallId,
						type: 'function',
						function: { name: turn.tool, arguments: JSON.stringify(turn.arguments) },
					},
				],
			};
}

const finishReason = (turn: Turn) => (turn.kind === 'answer' ? 'stop' : 'tool_calls');

export function completionReply(turn: Turn, model: string, ids: CompletionIds, promptChars: number): Reply {
	const message = messageOf(turn, ids);
	return {
		status: 200,
		body: {
			id: ids.completionId,
			object: 'chat.completion',
			created: ids.created,
			model,
			choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(turn) }],
			usage: usage(promptChars, JSON.stringify(message).length),
			service_tier: 'default',
			system_fingerprint: 'fp_sandbox',
		},
	};
}

export function streamReply(
	turn: Turn,
	model: string,
	ids: CompletionIds,
	promptChars: number,
	includeUsage: boolean,
): Reply {
	const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
		id: ids.completionId,
		object: 'chat.completion.chunk',
		created: ids.created,
		model,
		system_fingerprint: 'fp_sandbox',
		choices,
		...extra,
	});
	const delta = (d: Record<string, unknown>, finish: string | null = null) => ({
		index: 0,
		delta: d,
		logprobs: null,
		finish_reason: finish,
	});
	const events: unknown[] = [
		chunk([delta({ role: 'assistant', content: turn.kind === 'answer' ? '' : null, refusal: null })]),
	];
	if (turn.kind === 'answer') {
		// Word by word, so a client that renders tokens as they come sees more than one.
		for (const piece of turn.content.match(/\S+\s*|\s+/g) ?? [])
			events.push(chunk([delta({ content: piece })]));
	} else {
		const args = JSON.stringify(turn.arguments);
		events.push(
			chunk([
				delta({
					tool_calls: [
						{ index: 0, id: ids.toolCallId, type: 'function', function: { name: turn.tool, arguments: '' } },
					],
				}),
			]),
		);
		events.push(chunk([delta({ tool_calls: [{ index: 0, function: { arguments: args } }] })]));
	}
	events.push(chunk([delta({}, finishReason(turn))]));
	const size = turn.kind === 'answer' ? turn.content.length : JSON.stringify(turn.arguments).length;
	if (includeUsage) events.push(chunk([], { usage: usage(promptChars, size) }));
	const body = events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('') + 'data: [DONE]\n\n';
	return {
		status: 200,
		headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' },
		body,
	};
}
