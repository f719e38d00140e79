/**
 * What the scripted model understands in a prompt: each intent is one tool call it wants to make,
 * described by semantic slots (location, amount, symbol, …) rather than by a tool's argument names,
 * so it can fill whatever schema the offered tool has.
 */
export type IntentKind = 'weather' | 'currency' | 'stock' | 'wikipedia';

export interface Intent {
  kind: IntentKind;
  /** Human label for answers: "the weather in Paris". */
  label: string;
  slots: Record<string, string | number>;
}

// A phrase ends at punctuation or a joining word ("… in Paris and the AAPL stock").
const UNTIL_BREAK = String.raw`([^,.;:?!()]+?)(?=\s*(?:[,.;:?!()]|\band\b|\bthen\b|\balso\b|\bplus\b|$))`;

interface Matcher {
  kind: IntentKind;
  patterns: RegExp[];
  toIntent(m: RegExpMatchArray): Intent | undefined;
}

const MATCHERS: Matcher[] = [
  {
    kind: 'weather',
    patterns: [
      new RegExp(
        String.raw`\bweather(?:\s+(?:like|forecast|today|now))?\s+(?:in|for|at)\s+${UNTIL_BREAK}`,
        'giu',
      ),
    ],
    toIntent: (m) => {
      const location = clean(m[1]);
      return location
        ? { kind: 'weather', label: `the weather in ${location}`, slots: { location } }
        : undefined;
    },
  },
  {
    kind: 'currency',
    patterns: [
      /\b(?:convert\s+)?([\d][\d,]*(?:\.\d+)?)\s*([A-Za-z]{3})\s+(?:to|into|in)\s+([A-Za-z]{3})\b(?:\s+(?:on|as of|at)\s+(\d{4}-\d{2}-\d{2}))?/giu,
    ],
    toIntent: (m) => {
      const amount = Number((m[1] ?? '').replaceAll(',', ''));
      const from = (m[2] ?? '').toUpperCase();
      const to = (m[3] ?? '').toUpperCase();
      if (!Number.isFinite(amount)) return undefined;
      const slots: Intent['slots'] = { amount, from, to };
      if (m[4]) slots.date = m[4];
      return { kind: 'currency', label: `${amount} ${from} in ${to}`, slots };
    },
  },
  {
    kind: 'stock',
    patterns: [
      /\b(?:stock\s+)?(?:quote|price|share\s+price)\s+(?:for|of)\s+\$?([A-Z]{1,5}(?:\.[A-Z])?)\b/gu,
      /\$?\b([A-Z]{1,5}(?:\.[A-Z])?)\s+(?:stock|shares?|share\s+price|quote)\b/gu,
    ],
    toIntent: (m) => {
      const symbol = m[1];
      return symbol ? { kind: 'stock', label: `the ${symbol} stock quote`, slots: { symbol } } : undefined;
    },
  },
  {
    kind: 'wikipedia',
    patterns: [
      new RegExp(
        String.raw`\bwikipedia(?:\s+(?:summary|article|page|entry))?\s+(?:of|for|on|about)\s+${UNTIL_BREAK}`,
        'giu',
      ),
      new RegExp(String.raw`\b(?:who|what)\s+(?:is|was|are|were)\s+${UNTIL_BREAK}`, 'giu'),
    ],
    toIntent: (m) => {
      const title = clean(m[1]);
      // "what is the weather in Paris" is not an encyclopedia question.
      if (!title || /\b(?:weather|stock|quote|price|convert|rate|time)\b/i.test(title)) return undefined;
      return { kind: 'wikipedia', label: `who/what ${title} is`, slots: { title } };
    },
  },
];

function clean(text: string | undefined): string {
  return (text ?? '')
    .trim()
    .replace(/^(?:the|a|an)\s+/i, '')
    .replace(/\s+(?:today|now|right now|currently|tomorrow)$/i, '');
}

/** Every intent in the prompt, in prompt order, without duplicates. */
export function intentsFromPrompt(prompt: string): Intent[] {
  const found: { at: number; intent: Intent }[] = [];
  const seen = new Set<string>();
  for (const matcher of MATCHERS) {
    for (const pattern of matcher.patterns) {
      for (const m of prompt.matchAll(pattern)) {
        const intent = matcher.toIntent(m);
        const key = intent && `${intent.kind}:${JSON.stringify(intent.slots).toLowerCase()}`;
        if (!intent || !key || seen.has(key)) continue;
        seen.add(key);
        found.push({ at: m.index ?? 0, intent });
      }
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.intent);
}
