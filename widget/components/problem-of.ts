/**
 * Runs a command a button asked for and says what went wrong, for the component's problem
 * line: `''` when it worked, else the error's message (the phone's errors carry their code's
 * words). Components show the result; they never swallow a failure silently.
 */
export async function problemOf(command: () => Promise<unknown> | undefined): Promise<string> {
  try {
    await command();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}
