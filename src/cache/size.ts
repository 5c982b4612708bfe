/**
 * Sizes as people write them, for `--cache-max-size` and `news-archive cache`: a number
 * of bytes, or one with a unit. KB, MB and GB are powers of 1000; KiB, MiB and GiB (and
 * K, M, G) powers of 1024, as `du -h` reads them.
 */
const UNITS: Record<string, number> = { '': 1, b: 1, k: 2 ** 10, kib: 2 ** 10, kb: 1e3, m: 2 ** 20, mib: 2 ** 20, mb: 1e6, g: 2 ** 30, gib: 2 ** 30, gb: 1e9 };

/** Bytes in `text` (`1GiB`, `500 MB`, `2g`, `1048576`), or undefined when it is not a size. */
export function parseSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match === null ? undefined : UNITS[match[2]!.toLowerCase()];
  return unit === undefined ? undefined : Math.round(Number(match![1]) * unit);
}

/** `1.5 GiB`, `320.4 MiB`, `12 KiB`, `512 B`. */
export function formatSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}
