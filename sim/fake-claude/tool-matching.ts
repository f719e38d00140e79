import type { Intent, IntentKind } from './intents.js';
import type { ToolDefinition } from './request-schema.js';

/** How the model recognises a tool for an intent by name (names may be namespaced: `weather__get_weather`). */
const TOOL_NAME: Record<IntentKind, RegExp> = {
  weather: /weather|forecast/i,
  currency: /currency|convert|exchange|fx/i,
  stock: /stock|quote|ticker|equity/i,
  wikipedia: /wiki|encyclop|summary/i,
};

/** Argument names a tool might use for each slot. */
const SLOT_ALIASES: Record<string, string[]> = {
  location: ['location', 'city', 'place', 'name', 'q', 'query'],
  amount: ['amount', 'value', 'quantity'],
  from: ['from', 'base', 'source', 'from_currency', 'fromCurrency'],
  to: ['to', 'target', 'symbols', 'quote', 'to_currency', 'toCurrency'],
  date: ['date', 'on', 'as_of'],
  symbol: ['symbol', 'ticker', 'stock'],
  title: ['title', 'topic', 'page', 'query', 'q', 'subject'],
};

export interface PlannedCall {
  intent: Intent;
  tool: string;
  input: Record<string, unknown>;
}

/**
 * Picks an offered tool for each intent and fills its input from the tool's own schema. A tool whose
 * required arguments the intent cannot fill is skipped; so is an intent with no matching tool.
 * Backup tools (`…_cached`) are a host's business, so the model prefers the primary.
 */
export function planCalls(intents: Intent[], tools: ToolDefinition[]): PlannedCall[] {
  const calls: PlannedCall[] = [];
  for (const intent of intents) {
    const candidates = tools
      .filter((t) => TOOL_NAME[intent.kind].test(t.name))
      .sort((a, b) => Number(isBackup(a)) - Number(isBackup(b)));
    for (const tool of candidates) {
      const input = fillInput(intent, tool);
      if (input) {
        calls.push({ intent, tool: tool.name, input });
        break;
      }
    }
  }
  return calls;
}

const isBackup = (tool: ToolDefinition): boolean => /_cached$/.test(tool.name);

function fillInput(intent: Intent, tool: ToolDefinition): Record<string, unknown> | undefined {
  const properties = tool.input_schema.properties ?? {};
  const required = new Set(tool.input_schema.required ?? []);
  const input: Record<string, unknown> = {};
  const usedSlots = new Set<string>();
  for (const [prop, schema] of Object.entries(properties)) {
    const slot = Object.keys(intent.slots).find(
      (s) =>
        !usedSlots.has(s) && (SLOT_ALIASES[s] ?? [s]).some((a) => a.toLowerCase() === prop.toLowerCase()),
    );
    if (slot === undefined) continue;
    usedSlots.add(slot);
    input[prop] = coerce(intent.slots[slot], schema.type);
  }
  const complete = [...required].every((r) => r in input);
  return complete && Object.keys(input).length > 0 ? input : undefined;
}

function coerce(value: unknown, type: unknown): unknown {
  if (type === 'number' || type === 'integer') return Number(value);
  if (type === 'string') return String(value);
  return value;
}
