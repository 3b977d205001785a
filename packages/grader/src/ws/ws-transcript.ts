import type { WsTranscriptEntry } from './types';

/**
 * A conversation kept in bounded memory: its first `headLimit` lines, its last `tailLimit` (a ring), and
 * a count of the lines that went between.
 */
export class BoundedTranscript {
  private readonly head: WsTranscriptEntry[] = [];
  private readonly tail: WsTranscriptEntry[] = [];
  /** Where the oldest line of the (full) tail ring is. */
  private tailStart = 0;
  private omitted = 0;

  constructor(
    private readonly headLimit: number,
    private readonly tailLimit: number,
  ) {}

  push(entry: WsTranscriptEntry): void {
    if (this.head.length < this.headLimit) {
      this.head.push(entry);
      return;
    }
    if (this.tail.length < this.tailLimit) {
      this.tail.push(entry);
      return;
    }
    this.omitted++;
    this.tail[this.tailStart] = entry;
    this.tailStart = (this.tailStart + 1) % this.tailLimit;
  }

  /**
   * At most `first + 1 + last` lines: all of them when they fit, else the first `first`, one line
   * saying how many were left out, and the last `last`.
   */
  view(first = this.headLimit, last = this.tailLimit): WsTranscriptEntry[] {
    const tail = [...this.tail.slice(this.tailStart), ...this.tail.slice(0, this.tailStart)];
    const known = [...this.head, ...tail];
    if (this.omitted === 0 && known.length <= first + last + 1) return known;
    const kept = known.slice(known.length - last);
    const leftOut = this.omitted + known.length - first - last;
    const note: WsTranscriptEntry = {
      direction: 'event',
      atMs: kept[0]?.atMs ?? 0,
      text: `… ${leftOut} ${leftOut === 1 ? 'line' : 'lines'} left out …`,
    };
    return [...known.slice(0, first), note, ...kept];
  }
}
