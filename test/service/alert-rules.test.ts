import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './serve-process.js';

const RULES = join(REPO, 'deploy/prometheus');
const promtool = (...args: string[]) => spawnSync('promtool', args, { cwd: RULES, encoding: 'utf8' });
const hasPromtool = !promtool('--version').error;

/** The shipped alert rules: valid, and firing on what they should (deploy/prometheus/alerts.test.yml). */
describe.skipIf(!hasPromtool)('deploy/prometheus/alerts.yml (promtool)', () => {
  it('is a valid rule file whose unit tests pass', () => {
    const check = promtool('check', 'rules', 'alerts.yml');
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const test = promtool('test', 'rules', 'alerts.test.yml');
    expect(test.status, test.stdout + test.stderr).toBe(0);
  });
});
