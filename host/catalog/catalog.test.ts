import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { BACKUP_FOR_META_KEY, FALLBACK_META_KEY } from '../../shared/mcp-meta.js';
import { Catalog } from './catalog.js';

const tool = (name: string, extra: Partial<Tool> = {}): Tool => ({
  name,
  inputSchema: { type: 'object', properties: {} },
  ...extra,
});

const options = (exposeBackups = false) => ({
  exposeBackups,
  isIdempotent: (_server: string, t: Tool) => t.annotations?.readOnlyHint === true,
});

describe('Catalog', () => {
  it('links declared backups and hides them from Claude', () => {
    const catalog = new Catalog(options(), ['s']);
    catalog.update('s', [
      tool('weather', {
        _meta: { [FALLBACK_META_KEY]: 'weather_cached' },
        annotations: { readOnlyHint: true },
      }),
      tool('weather_cached', { _meta: { [BACKUP_FOR_META_KEY]: 'weather' } }),
      tool('orphan_cached', { _meta: { [BACKUP_FOR_META_KEY]: 'gone' } }),
    ]);
    expect(catalog.visible().map((e) => e.name)).toEqual(['weather']);
    expect(catalog.get('weather')).toMatchObject({
      backup: 'weather_cached',
      idempotent: true,
      hidden: false,
    });
    expect(catalog.get('weather_cached')).toMatchObject({ backupFor: 'weather', hidden: true });
    expect(catalog.anthropicTools()).toEqual([
      { name: 'weather', input_schema: { type: 'object', properties: {} } },
    ]);
  });

  it('can expose backups', () => {
    const catalog = new Catalog(options(true));
    catalog.update('s', [
      tool('a', { _meta: { [FALLBACK_META_KEY]: 'a_cached' } }),
      tool('a_cached', { _meta: { [BACKUP_FOR_META_KEY]: 'a' } }),
    ]);
    expect(catalog.visible().map((e) => e.name)).toEqual(['a', 'a_cached']);
  });

  it('namespaces colliding names on every server, in server order, and renames on refresh', () => {
    const catalog = new Catalog(options(), ['one', 'two']);
    catalog.update('two', [tool('search', { description: 'two' })]);
    expect(catalog.entries().map((e) => e.name)).toEqual(['search']);
    catalog.update('one', [tool('search'), tool('fetch')]);
    expect(catalog.entries().map((e) => e.name)).toEqual(['one__search', 'fetch', 'two__search']);
    expect(catalog.get('two__search')).toMatchObject({
      server: 'two',
      mcpTool: 'search',
      description: 'two',
    });
    catalog.update('one', [tool('fetch')]);
    expect(catalog.entries().map((e) => e.name)).toEqual(['fetch', 'search']);
  });

  it('links backups across namespaced names', () => {
    const catalog = new Catalog(options(), ['one', 'two']);
    const withBackup = [tool('q', { _meta: { [FALLBACK_META_KEY]: 'q_cached' } }), tool('q_cached')];
    catalog.update('one', withBackup);
    catalog.update('two', withBackup);
    expect(catalog.get('one__q')?.backup).toBe('one__q_cached');
    expect(catalog.get('two__q')?.backup).toBe('two__q_cached');
  });
});
