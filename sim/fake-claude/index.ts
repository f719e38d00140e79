export type { ApiError, ApiErrorType } from './api-error.js';
export { FakeClaudeFaults, type FakeClaudeFaultsInput } from './faults.js';
export { intentsFromPrompt } from './intents.js';
export { type FakeClaude, type FakeClaudeOptions, type RecordedRequest, startFakeClaude } from './server.js';
