/**
 * Process warnings during the run. The runner starts with `--no-warnings`, so Node does not print them;
 * this prints the first of each kind (with its stack) and counts the rest, keeping the table readable
 * while the JSON file still says what happened. Example: undici adds one abort listener per fetch to
 * the MCP HTTP transport's long-lived signal and removes it only when the request is garbage-collected,
 * which trips MaxListenersExceededWarning thousands of times in a long run.
 */
export function watchWarnings(print: (text: string) => void): () => Record<string, number> {
  const counts: Record<string, number> = {};
  process.on('warning', (warning) => {
    const count = (counts[warning.name] ?? 0) + 1;
    counts[warning.name] = count;
    if (count === 1)
      print(`${warning.stack ?? warning.message}\n(further ${warning.name}s are counted, not printed)`);
  });
  return () => ({ ...counts });
}
