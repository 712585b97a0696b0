import { writeFileSync } from 'node:fs';

/**
 * Counts passed and failed browser tests for the closing `N passed, N failed` line. A file
 * that failed to load, or a session that errored, counts as a failure, so a broken import
 * can never pass as "0 failed".
 */
export function countingReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const walk = (suite) => {
        for (const test of suite.tests ?? []) {
          if (test.skipped) skipped += 1;
          else if (test.passed) passed += 1;
          else failed += 1;
        }
        for (const child of suite.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        const ran = session.testResults ? countTests(session.testResults) : 0;
        if ((session.errors?.length ?? 0) > 0 || (!session.passed && ran === 0)) failed += 1;
      }
      if (sessions.length === 0) failed += 1;
      if (file) writeFileSync(file, JSON.stringify({ passed, failed, skipped }));
    },
  };
}

function countTests(suite) {
  return (suite.tests?.length ?? 0) + (suite.suites ?? []).reduce((n, s) => n + countTests(s), 0);
}
