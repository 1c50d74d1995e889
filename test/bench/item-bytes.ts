/**
 * An item's size as DynamoDB bills it, near enough: each attribute's name in UTF-8 plus its value
 * (a string in UTF-8, a number 1 byte per two significant digits plus 1, a list or map 3 bytes
 * plus its elements). What one write of it costs: ceil(size / 1 KB) WCU, twice that in a transaction.
 */
export function itemBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number')
    return (
      Math.ceil(
        String(Math.abs(value))
          .replace(/^0\.|\./, '')
          .replace(/^0+/, '').length / 2,
      ) + 1
    );
  if (typeof value === 'boolean' || value === null) return 1;
  if (Array.isArray(value)) return 3 + value.reduce((n: number, v) => n + 1 + itemBytes(v), 0);
  if (typeof value === 'object') return 3 + Object.entries(value as object).reduce((n, [k, v]) => n + Buffer.byteLength(k) + 1 + itemBytes(v), 0);
  return 0;
}
