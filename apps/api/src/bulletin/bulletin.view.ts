/** A published bulletin as listed (its bytes are downloaded apart). */
export interface BulletinVersionView {
  cycleId: string;
  month: number;
  version: number;
  rankingVersion: number;
  opening: string;
  closing: string;
  sha256: string;
  publishedBy: string;
  publishedAt: string;
}

export interface BulletinDraftView {
  cycleId: string;
  month: number;
  opening: string;
  closing: string;
}
