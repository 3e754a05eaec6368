/** Shared shapes of `npm run bench`. Each section (feed, slash commands, scale, memory…) is one module. */

export interface BenchOptions {
  /** Seconds measured per case (after a warm-up). */
  readonly duration: number;
  readonly warmup: number;
  readonly connections: number;
  /** CPUs to pin the server and the load generator to (when `taskset` exists). */
  readonly serverCpu: string | null;
  readonly clientCpu: string | null;
}

export interface SectionResult {
  /** Plain text for the terminal. */
  readonly text: string;
  /** The same as Markdown, for bench/RESULTS.md. */
  readonly markdown: string;
}

export interface BenchSection {
  /** What `--only <id>` selects. */
  readonly id: string;
  readonly title: string;
  run(options: BenchOptions): Promise<SectionResult>;
}
