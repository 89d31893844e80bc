/**
 * `seatcast metrics --json | head` closes the pipe early: that is the reader's choice, not an
 * error worth a stack trace. Stop quietly, as Unix tools do.
 */
export function stopQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}
