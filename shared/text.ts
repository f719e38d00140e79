/**
 * The first sentence of a message, at most `max` characters: for one-line summaries of long error
 * texts (live CLI lines, fallback notes), where the rest is advice the reader already gets elsewhere.
 */
export function firstSentence(text: string, max = 160): string {
  const sentence = (text.split(/(?<=\.)\s/)[0] ?? text).trim();
  return sentence.length > max ? `${sentence.slice(0, max - 1)}…` : sentence;
}
