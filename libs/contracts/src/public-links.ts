import { z } from 'zod';

/** `PUT /settings/public-board-links`: the district turns public board links on or off. */
export const publicLinksSwitchBody = z.strictObject({ enabled: z.boolean() });
export type PublicLinksSwitchBody = z.infer<typeof publicLinksSwitchBody>;

/** Whether the district's public board links are on; on until someone switches them. */
export interface PublicLinksSettingView {
  enabled: boolean;
  /** Who last switched them, and when; null while nobody has. */
  updatedBy: string | null;
  updatedAt: string | null;
  /** Links revoked by this switch (switching off revokes every open link); only in a PUT's answer. */
  revoked?: number;
}
