/// <reference types="node" />
/**
 * A one-line progress bar on stderr for long runs. Drawn only when stderr is a TTY and the caller enables it
 * (never with --json or when piped); redraws at most every 100 ms.
 */
export class ProgressBar {
  private last = 0;
  private readonly enabled: boolean;
  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream,
    enabled: boolean,
  ) {
    this.enabled = enabled && stream.isTTY === true;
  }

  /** Report `done` of `total` units. */
  update(done: number, total: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (done < total && now - this.last < 100) return;
    this.last = now;
    const width = 30;
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const fill = Math.round(frac * width);
    this.stream.write(
      `\r${this.label} [${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${Math.round(frac * 100)
        .toString()
        .padStart(3)}% ${done}/${total}`,
    );
  }

  /** Clear the line. */
  done(): void {
    if (!this.enabled) return;
    this.stream.write('\r\x1b[2K');
  }
}
