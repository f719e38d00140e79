import type Anthropic from '@anthropic-ai/sdk';
import {
  type AgentConfig,
  type AgentConfigInput,
  AgentError,
  type AgentResult,
  createAnthropicClient,
  resolveAgentConfig,
  runAgent,
} from '../agent/index.js';
import { readJsonFile } from '../config/load-json.js';
import type { CallRecord, Host } from '../index.js';
import { printCallLines, summarizeOutcomes } from './call-lines.js';
import { EXIT } from './exit-codes.js';
import { failCommand, type HostFlags, openHost } from './host-options.js';

export interface AskSession {
  host: Host;
  client: Anthropic;
  agent: AgentConfig;
  system?: string;
  signal?: AbortSignal;
}

export interface AskOutput {
  /** One machine-readable JSON result on stdout instead of streamed text and live lines. */
  json: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** The `--json` result of `ask`. */
export interface AskJsonResult {
  ok: boolean;
  answer: string;
  stopReason: string | null;
  turns: number;
  durationMs: number;
  usage: { inputTokens: number; outputTokens: number };
  toolCalls: CallRecord[];
  error?: { code: string; message: string };
}

/**
 * Runs the agent once and reports it: Claude's text streamed to stdout, a live line per tool call and
 * a summary on stderr — or one JSON document on stdout. Returns the exit code.
 */
export async function runAsk(prompt: string, session: AskSession, output: AskOutput): Promise<number> {
  const { host, client, agent } = session;
  const toolCalls: CallRecord[] = [];
  const collect = (record: CallRecord) => toolCalls.push(record);
  host.events.on('call-end', collect);
  const stopLines = output.json ? () => {} : printCallLines(host.events, output.stderr);
  const started = performance.now();
  let result: AgentResult | undefined;
  let failure: AgentError | undefined;
  try {
    result = await runAgent(prompt, {
      client,
      tools: host.anthropicTools(),
      executeTurn: (toolUses, opts) => host.executeTurn(toolUses, opts),
      ...agent,
      ...(session.system !== undefined && { system: session.system }),
      ...(session.signal && { signal: session.signal }),
      onEvent: (event) => {
        if (output.json) return;
        if (event.type === 'text') output.stdout.write(event.delta);
        if (event.type === 'tool-uses') output.stdout.write('\n');
        if (event.type === 'reprompt') {
          output.stderr.write(`  ! ${event.failed.length} tools failed; telling Claude which and why\n`);
        }
      },
    });
  } catch (error) {
    if (!(error instanceof AgentError)) throw error;
    failure = error;
    result = error.partial;
  } finally {
    stopLines();
    host.events.off('call-end', collect);
  }
  const durationMs = Math.round(performance.now() - started);
  const complete = !failure && result?.stopReason === 'end_turn';
  const exitCode = failure ? EXIT.failed : complete ? EXIT.ok : EXIT.incomplete;
  const report: AskJsonResult = {
    ok: complete,
    answer: result?.answer ?? '',
    stopReason: failure ? null : (result?.stopReason ?? null),
    turns: result?.turns ?? 0,
    durationMs,
    usage: result?.usage ?? { inputTokens: 0, outputTokens: 0 },
    toolCalls,
    ...(failure && { error: { code: failure.code, message: failure.message } }),
  };
  if (output.json) {
    output.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    output.stdout.write('\n');
    output.stderr.write(`${summaryLine(report)}\n`);
    if (failure) output.stderr.write(`error (${failure.code}): ${failure.message}\n`);
    else if (!complete) output.stderr.write(`stopped without a final answer: ${report.stopReason}\n`);
  }
  return exitCode;
}

function summaryLine(r: AskJsonResult): string {
  const calls = r.toolCalls.length ? ` (${summarizeOutcomes(r.toolCalls)})` : '';
  return [
    `— ${r.turns} turn${r.turns === 1 ? '' : 's'}`,
    `${r.toolCalls.length} tool call${r.toolCalls.length === 1 ? '' : 's'}${calls}`,
    `${r.usage.inputTokens} in / ${r.usage.outputTokens} out tokens`,
    `${(r.durationMs / 1000).toFixed(1)} s`,
  ].join(', ');
}

export interface AskFlags extends HostFlags {
  json: boolean;
  model?: string;
  maxTokens?: number;
  maxTurns?: number;
  deadline?: number;
  turnDeadline?: number;
  system?: string;
  agentConfig?: string;
}

async function agentConfigFrom(flags: AskFlags): Promise<AgentConfig> {
  const file = flags.agentConfig ? ((await readJsonFile(flags.agentConfig)) as AgentConfigInput) : undefined;
  return resolveAgentConfig({
    ...(file && { file, fileName: flags.agentConfig }),
    flags: {
      model: flags.model,
      maxTokens: flags.maxTokens,
      maxTurns: flags.maxTurns,
      runDeadlineMs: flags.deadline,
      turnDeadlineMs: flags.turnDeadline,
    },
  });
}

/** Aborts the run on the first Ctrl-C (tool calls are cancelled, the host closes); a second one exits. */
function abortOnInterrupt(): AbortController {
  const controller = new AbortController();
  process.once('SIGINT', () => {
    controller.abort(new Error('interrupted'));
    process.once('SIGINT', () => process.exit(130));
  });
  return controller;
}

/** `resilient-mcp ask <prompt>`: builds the session from flags and env, runs, sets the exit code. */
export async function askAction(prompt: string, flags: AskFlags): Promise<void> {
  let host: Host | undefined;
  try {
    const agent = await agentConfigFrom(flags);
    const client = createAnthropicClient();
    host = await openHost(flags);
    const controller = abortOnInterrupt();
    const code = await runAsk(
      prompt,
      { host, client, agent, signal: controller.signal, ...(flags.system && { system: flags.system }) },
      { json: flags.json, stdout: process.stdout, stderr: process.stderr },
    );
    await host.close();
    process.exitCode = code;
  } catch (error) {
    await host?.close();
    failCommand('ask', error);
  }
}
