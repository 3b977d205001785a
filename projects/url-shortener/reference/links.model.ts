/** A short link as the repository stores it. */
export interface Link {
  id: number;
  code: string;
  url: string;
  clicks: number;
  createdAt: Date;
  lastClickedAt: Date | null;
  expiresAt: Date | null;
}

/** A link read back with its expiry judged by the database clock. */
export interface StoredLink extends Link {
  isExpired: boolean;
}

export interface NewLink {
  code: string;
  url: string;
  expiresAt?: Date | undefined;
}

/** A page of the listing: at most `limit` links older than `beforeId`. */
export interface LinkPosition {
  limit: number;
  beforeId?: number | undefined;
}

/** The columns a Link is read from; a fixed SQL fragment, never input (values travel as $n parameters). */
export const LINK_COLUMNS = `id, code, url, clicks, created_at AS "createdAt",
  last_clicked_at AS "lastClickedAt", expires_at AS "expiresAt"`;
