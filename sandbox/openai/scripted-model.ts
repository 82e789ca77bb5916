/**
 * The model the stand-in plays, one step per Chat Completions request, decided from the conversation alone
 * (requests are stateless, as with OpenAI): find the contact named in the last user message with the HubSpot
 * search tool, enrich its email with the Apollo tool, write what Apollo found back with the HubSpot update
 * tool, then answer with a summary built only from the tool results it was sent. So an answer that names
 * Apollo's data proves the tools ran; nothing from the request headers can reach it.
 */
import { textOf, type ChatMessage, type ChatTool, type Turn } from './chat-types';
import { argumentsFor, roleOf, toolsByRole, type Known, type Role } from './tool-roles';

export const HELP =
	'Ask me to find and enrich a contact by name, for example: "Find and enrich Ada Lovelace".';

type Json = Record<string, unknown>;
type ToolResult = { records: Json[]; error?: string };

const WRITABLE: Array<{ field: keyof Known; label: string }> = [
	{ field: 'title', label: 'job title' },
	{ field: 'company', label: 'company' },
	{ field: 'phone', label: 'phone' },
	{ field: 'linkedinUrl', label: 'LinkedIn URL' },
	{ field: 'city', label: 'city' },
	{ field: 'state', label: 'state' },
	{ field: 'country', label: 'country' },
];

export function nextTurn(messages: readonly ChatMessage[], tools: readonly ChatTool[]): Turn {
	const lastUser = findLastIndex(messages, (m) => m.role === 'user');
	const name = nameAskedFor(lastUser < 0 ? '' : textOf(messages[lastUser].content));
	if (!name) return answer(HELP);
	const byRole = toolsByRole(tools);
	const results = resultsByRole(messages.slice(lastUser + 1), tools);

	if (!byRole.find) return answer(`I was given no HubSpot search tool, so I cannot look up ${name}.`);
	const found = results.get('find');
	if (!found) return call(byRole.find, { name });
	if (found.error) return answer(`Searching HubSpot for ${name} failed: ${found.error}`);
	const matches = found.records.filter((r) => typeof r.email === 'string' || typeof r.id === 'string');
	const contact = matches.find((r) => fullName(r).toLowerCase() === name.toLowerCase()) ?? matches[0];
	if (!contact) return answer(`HubSpot has no contact named ${name}.`);
	const email = str(contact.email);
	const who = `${fullName(contact) || name} (${email || 'no email'}, HubSpot contact ${str(contact.id)})`;
	const also = matches.length > 1 ? ` HubSpot found ${matches.length} contacts; I used the first.` : '';
	if (!email) return answer(`${who} has no email in HubSpot, so Apollo cannot be asked.${also}`);

	if (!byRole.enrich) return answer(`Found ${who}. I was given no Apollo enrichment tool.${also}`);
	const enriched = results.get('enrich');
	if (!enriched) return call(byRole.enrich, { name, email });
	if (enriched.error) return answer(`Found ${who}, but enriching it with Apollo failed: ${enriched.error}`);
	const person = enriched.records.find((r) => r.match === 'matched');
	if (!person)
		return answer(
			`Found ${who}. Apollo has no match for ${email}, so there is nothing to write back.${also}`,
		);
	// Like example 1: only what HubSpot lacks is written back, so nothing HubSpot holds is overwritten.
	const apollo = fieldsOf(person);
	const inHubSpot = fieldsOf(contact);
	const facts = WRITABLE.filter((w) => apollo[w.field]);
	const missing = facts.filter((w) => !inHubSpot[w.field]);
	const summary = `Found ${who}. Apollo: ${facts.map((w) => `${w.label} ${apollo[w.field]}`).join(', ') || 'nothing new'}.`;

	if (!byRole.update || facts.length === 0) return answer(`${summary}${also}`);
	if (missing.length === 0)
		return answer(`${summary} HubSpot already had all of it, so nothing was written.${also}`);
	const updated = results.get('update');
	if (!updated) {
		const write = Object.fromEntries(missing.map((w) => [w.field, apollo[w.field]]));
		return call(byRole.update, { name, email, ...write });
	}
	if (updated.error) return answer(`${summary} Writing it back to HubSpot failed: ${updated.error}`);
	return answer(
		`${summary} Updated HubSpot contact ${str(contact.id)}: ${missing.map((w) => w.label).join(', ')}.${also}`,
	);
}

/** "Find and enrich Ada Lovelace." → "Ada Lovelace"; "" unless the message asks to find, look up or enrich someone. */
export function nameAskedFor(text: string): string {
	const match =
		/^\s*(?:please\s+)?(?:(?:find|look\s+up|search(?:\s+for)?)(?:\s+and\s+enrich)?|enrich)\s+(.+)$/is.exec(
			text,
		);
	return (match?.[1] ?? '')
		.replace(/^(?:the\s+)?contact\s+(?:named\s+)?/i, '')
		.replace(/[\s.!?"'“”]+$/u, '')
		.replace(/^["'“”]+/u, '')
		.trim();
}

function call(tool: ChatTool, known: Known): Turn {
	return { kind: 'tool', tool: tool.function.name, arguments: argumentsFor(tool, known) };
}

function answer(content: string): Turn {
	return { kind: 'answer', content };
}

/** The latest result of each role's tool in this turn, by matching tool messages to the calls that asked. */
function resultsByRole(messages: readonly ChatMessage[], tools: readonly ChatTool[]): Map<Role, ToolResult> {
	const roleByTool = new Map(tools.map((tool) => [tool.function.name, roleOf(tool)]));
	const roleByCall = new Map<string, Role | undefined>();
	const results = new Map<Role, ToolResult>();
	for (const message of messages) {
		for (const toolCall of message.tool_calls ?? [])
			roleByCall.set(toolCall.id, roleByTool.get(toolCall.function.name));
		if (message.role !== 'tool' || !message.tool_call_id) continue;
		const role = roleByCall.get(message.tool_call_id);
		if (role) results.set(role, readResult(textOf(message.content)));
	}
	return results;
}

/** n8n sends a tool's output items as a JSON array, or `{error}` when the node failed. */
function readResult(content: string): ToolResult {
	const records = objectsIn(parse(content));
	const failed = records.find((r) => typeof r.error === 'string' && !('email' in r) && !('match' in r));
	return failed ? { records: [], error: str(failed.error) } : { records };
}

function objectsIn(value: unknown): Json[] {
	if (typeof value === 'string') {
		const parsed = parse(value);
		return parsed === value ? [] : objectsIn(parsed);
	}
	if (Array.isArray(value)) return value.flatMap(objectsIn);
	if (!value || typeof value !== 'object') return [];
	const record = value as Json;
	if (['email', 'match', 'id', 'error'].some((key) => key in record)) return [record];
	return Object.values(record).flatMap(objectsIn);
}

/** The writable fields of a unified contact (HubSpot's search output and Apollo's enrichment output alike). */
function fieldsOf(person: Json): Known {
	const location = (person.location && typeof person.location === 'object' ? person.location : {}) as Json;
	const known: Known = {};
	for (const { field } of WRITABLE) {
		const value = str(person[field] ?? location[field]);
		if (value) known[field] = value;
	}
	return known;
}

function fullName(record: Json): string {
	return [str(record.firstName), str(record.lastName)].filter(Boolean).join(' ');
}

function str(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

function parse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function findLastIndex<T>(list: readonly T[], test: (item: T) => boolean): number {
	for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) return i;
	return -1;
}
