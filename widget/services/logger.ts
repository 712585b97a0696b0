/**
 * The widget's logger: categories, a level, and a sink the embedder can replace. Library
 * code never calls `console` directly.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogSink = (level: LogLevel, category: string, message: string) => void;

const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createLogger(category: string, sink: LogSink, minimum: LogLevel = 'warn'): Logger {
  const at = (level: LogLevel) => (message: string) => {
    if (order[level] >= order[minimum]) sink(level, category, message);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The default sink writes to the browser console; tokens and passwords are never logged. */
export const consoleSink: LogSink = (level, category, message) => {
  // eslint-disable-next-line no-console -- the one place the widget writes to the console
  globalThis.console[level](`[ringside:${category}] ${message}`);
};
