/**
 * The life of a child process that does one piece of work for the process that started it (a verification
 * worker, a card-drawing process): it waits for one message, sends back one answer, and exits. A parent that goes
 * away (a build stopped by Ctrl-C or a CI timeout) takes the child with it, even one that was still starting.
 */
export function answerOnce<Request, Answer>(work: (request: Request) => Promise<Answer>): void {
  const orphaned = () => process.exit(1);
  process.once('disconnect', orphaned);
  if (!process.connected) orphaned();
  process.once('message', async (request: Request) => {
    const answer = await work(request);
    process.off('disconnect', orphaned);
    process.send?.(answer, () => process.disconnect());
  });
}
