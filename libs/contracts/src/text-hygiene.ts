/**
 * One text hygiene for every way in: JSON bodies, queries, path parameters, multipart fields,
 * the cells of an imported address book, file names. Every text the system takes is checked
 * here, so a display name typed in the console and one in a CSV cell meet the same rule.
 */

/**
 * C0 control characters except tab and newline (carriage return included), DEL and the C1
 * controls. Postgres refuses NUL in text, and none of them belongs in a name, title or reason.
 */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/**
 * Half of a UTF-16 surrogate pair standing alone: not a character, and not valid Unicode text.
 * JSON can carry one (`"\ud800"`), but Postgres refuses it in jsonb and text would store U+FFFD.
 */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make a
 * name read differently from what it holds (`invoice\u202Efdp.exe` shows as `invoiceexe.pdf`).
 */
export const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** Characters that take no room: zero-width space, joiners, marks, word joiner, byte-order mark, soft hyphen. */
const INVISIBLE = /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF]/;
const INVISIBLE_OR_SPACE_ONLY = /^[\s\u00AD\u200B-\u200F\u2060-\u2064\uFEFF]+$/;

/**
 * Why `text` may not be taken, or undefined when it may: a control character (tab and newline
 * allowed), a lone surrogate, a bidi control, or nothing visible but zero-width characters.
 */
export function textHygieneProblem(text: string): string | undefined {
  if (CONTROL_CHARACTER.test(text)) return 'must not contain control characters (only tab and newline are allowed)';
  if (LONE_SURROGATE.test(text)) return 'must be Unicode text: it holds half of a surrogate pair on its own';
  if (BIDI_CONTROL.test(text))
    return 'must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)';
  if (INVISIBLE.test(text) && INVISIBLE_OR_SPACE_ONLY.test(text))
    return 'must hold something visible, not only zero-width characters';
  return undefined;
}

/**
 * The form of an identifier that uniqueness is decided on: NFKC, then lower case, so
 * `ZT-HEAD-A1`, `zt-head-a1` and `ＺＴ-ＨＥＡＤ-Ａ１` are one identifier.
 */
export function identifierKey(id: string): string {
  return id.normalize('NFKC').toLowerCase();
}
