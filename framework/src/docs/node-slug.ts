/**
 * File and URL names for nodes. Unique ids are mostly `[A-Za-z0-9_.-]`; anything else (spaces,
 * slashes, non-ASCII in a user's model name) is written as `~` plus its UTF-16 code in hex, so
 * one string works as a file name on every OS and as a URL path segment without escaping.
 *
 * @example encodeNodeSlug('model.sales.fct_monthly_sales') // 'model.sales.fct_monthly_sales'
 * @example encodeNodeSlug('source.raw.my table')           // 'source.raw.my~0020table'
 */
export function encodeNodeSlug(uniqueId: string): string {
  let out = '';
  for (const ch of uniqueId) {
    if (/[A-Za-z0-9_.-]/.test(ch)) out += ch;
    else for (let i = 0; i < ch.length; i++) out += `~${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  // `.` and `..` alone are not valid file names.
  return /^\.+$/.test(out) ? out.replace(/\./g, '~002e') : out;
}

/** Inverse of {@link encodeNodeSlug}. */
export function decodeNodeSlug(slug: string): string {
  return slug.replace(/~([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
