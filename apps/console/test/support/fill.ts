import type { UserEvent } from '@testing-library/user-event';

/**
 * Puts `text` into a field as a person pasting it would: focus, then one input event (typing
 * character by character re-renders an antd form once a key, seconds on a loaded machine).
 */
export async function fill(user: UserEvent, field: HTMLElement, text: string): Promise<void> {
  await user.click(field);
  await user.paste(text);
}
