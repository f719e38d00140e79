import { s1SlowTools } from './s1-slow-tools.js';
import { s2ServerError } from './s2-server-error.js';
import { s3Hang } from './s3-hang.js';
import { s4Overhead } from './s4-overhead.js';
import { s5FanOut } from './s5-fan-out.js';
import { s6Memory } from './s6-memory.js';
import { s7BackupPath } from './s7-backup-path.js';
import type { Scenario } from './types.js';

export const scenarios: readonly Scenario[] = [
  s1SlowTools,
  s2ServerError,
  s3Hang,
  s4Overhead,
  s5FanOut,
  s6Memory,
  s7BackupPath,
];
