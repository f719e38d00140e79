import type { Host } from '../index.js';

/** The part of the Host API (docs/architecture.md) the service uses. */
export type ServiceHost = Pick<
  Host,
  'catalog' | 'events' | 'anthropicTools' | 'executeTurn' | 'callTool' | 'isReady' | 'close'
>;
