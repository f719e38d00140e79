/** `text` cut to at most `max` characters, the cut marked with an ellipsis. */
export function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The first sentence of a message, at most `max` characters: for one-line summaries of long error
 * texts (live CLI lines, fallback notes), where the rest is advice the reader already gets elsewhere.
 */
export function firstSentence(text: string, max = 160): string {
  return shorten((text.split(/(?<=\.)\s/)[0] ?? text).trim(), max);
}
