/**
 * SOQL as it travels in `?q=`. encodeURIComponent leaves `'` bare, but URL parsing (undici's fetch) then
 * escapes it to `%27` for http(s) URLs, so a length counted from encodeURIComponent undercounts every quoted
 * literal by 4 bytes and a query "within" the limit gets 414. Escaping every RFC 3986 reserved character here
 * makes the counted text exactly the sent text.
 */
export function encodeSoql(soql: string): string {
  return encodeURIComponent(soql).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
