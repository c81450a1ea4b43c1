/** Escaping for text and attribute values in the report's HTML and inline SVG. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/**
 * `text` safe inside element content and inside a quoted attribute value (HTML and SVG alike).
 * Every name and value from a profile goes through this: a column named `<script>…` stays text.
 */
export function esc(text: string | number | boolean): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!)
}
