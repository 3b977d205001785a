import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/** Asks a question on the terminal; with `secret`, what is typed is not echoed. */
export async function ask(question: string, options: { secret?: boolean } = {}): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      rl.question(question, (answer) => resolve(answer));
      muted = options.secret === true;
    });
  } finally {
    rl.close();
    if (options.secret) process.stdout.write('\n');
  }
}

/** Reads all of standard input, for `--password-stdin`. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
