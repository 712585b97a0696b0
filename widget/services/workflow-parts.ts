import type * as wrapUpModule from './wrap-up.js';
import type * as statisticsModule from './agent-statistics.js';
import type { AgentStatistics } from './agent-statistics.js';
import type { Loader } from './lazy-part.js';
import { readStored } from './stored.js';

/**
 * The agent workflow's parts outside the widget's first load, and what it reads of them
 * before they are there. The lazy modules import nothing back from here or from the
 * workflow, so each stays one chunk of its own (see phone/video-commands.ts).
 */
/** After-call work: the wrap-up flow (wrap-up.ts) and its data (after-call-work.ts), one chunk. */
export type AfterCallWorkModule = typeof wrapUpModule;
export type StatisticsModule = typeof statisticsModule;

/**
 * Where the workflow's lazy parts come from: after-call work and the statistics are not in
 * the widget's first load (a phone that only logs in, registers and rings needs neither).
 * Tests hand over modules they hold back, or have at once.
 */
export interface WorkflowParts {
  afterCallWork: Loader<AfterCallWorkModule>;
  statistics: Loader<StatisticsModule>;
}

export const lazyParts: WorkflowParts = {
  afterCallWork: () => import('./wrap-up.js'),
  statistics: () => import('./agent-statistics.js'),
};

export interface Statistics {
  readonly module: StatisticsModule;
  readonly stats: AgentStatistics;
}

/** Whether sessionStorage holds something of after-call work for this login (an open wrap-up, notes), so the part must load now. */
export function savedAfterCallWork(storage: Storage | null, userId: string, login: string): { open: boolean } | null {
  const saved = readStored(storage, `ringside.after-call-work.${userId}`);
  if (typeof saved !== 'object' || saved === null || (saved as { login?: unknown }).login !== login) return null;
  const { current, notes: kept } = saved as { current?: unknown; notes?: unknown };
  const open = typeof current === 'object' && current !== null && typeof (current as { callId?: unknown }).callId === 'string';
  const notes = typeof kept === 'object' && kept !== null && Object.keys(kept).length > 0;
  return open || notes ? { open } : null;
}
