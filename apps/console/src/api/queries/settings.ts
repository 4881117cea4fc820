/** Reads of the district's settings, which hold for all its years. */
import { useQuery } from '@tanstack/react-query';
import type { PublicLinksSettingView } from '@jiebang/contracts/public-links';
import { read } from './read';

/** The district's settings: whether public board links may be made. */
export const settingKeys = {
  publicLinks: () => ['settings', 'public-board-links'] as const,
};

export const usePublicLinksSetting = () =>
  useQuery(read<PublicLinksSettingView>(settingKeys.publicLinks(), '/settings/public-board-links'));
