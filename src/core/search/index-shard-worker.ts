/** Worker-thread side of index-shards.ts: indexes each shard it is sent with a Pagefind service of its own; 'stop' closes it. */
import { parentPort } from 'node:worker_threads';
import { close } from 'pagefind';
import { indexShard } from './index-shard.ts';
import type { ShardAnswer, ShardJob } from './index-shards.ts';

parentPort!.on('message', async (message: (ShardJob & { outDir: string }) | 'stop') => {
  if (message === 'stop') {
    await close();
    parentPort!.close();
    return;
  }
  let answer: ShardAnswer = { ok: true };
  try {
    await indexShard(message.outDir, message.pages, message.folder);
  } catch (error) {
    answer = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(answer);
});
