import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DataSource } from 'typeorm';
import { EvidenceBlobEntity } from './entities';

/**
 * Where the bytes of evidence files live, outside workflow history; their metadata and checksum
 * are rows of `evidence_files`. Two stores come with Jiebang: Postgres (the default, nothing to
 * run) and a folder (EVIDENCE_STORE=folder, EVIDENCE_DIR). In production an S3-compatible object
 * store (MinIO, Ceph, a cloud bucket) is the intended option: it implements these two methods
 * with PutObject and GetObject under the same keys.
 */
export interface EvidenceStore {
  /** Stores `content` under `key` (a fresh uuid); writing the same key again writes the same bytes. */
  put(key: string, content: Buffer): Promise<void>;
  /** The bytes stored under `key`, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes what `key` holds; nothing there is fine. */
  remove(key: string): Promise<void>;
}

/** Keeps evidence in the `evidence_blobs` table. */
export class PostgresEvidenceStore implements EvidenceStore {
  constructor(private readonly dataSource: DataSource) {}

  async put(key: string, content: Buffer): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(EvidenceBlobEntity)
      .values({ storageKey: key, content })
      .orIgnore()
      .execute();
  }

  async get(key: string): Promise<Buffer | null> {
    const blob = await this.dataSource.getRepository(EvidenceBlobEntity).findOneBy({ storageKey: key });
    return blob?.content ?? null;
  }

  async remove(key: string): Promise<void> {
    await this.dataSource.getRepository(EvidenceBlobEntity).delete({ storageKey: key });
  }
}

/** Keeps evidence as files under a folder, two levels of key prefix deep; a write lands whole or not at all. */
export class FolderEvidenceStore implements EvidenceStore {
  constructor(private readonly root: string) {}

  async put(key: string, content: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.partial`;
    await writeFile(partial, content);
    await rename(partial, path);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!/^[0-9a-f-]{36}$/.test(key)) throw new Error(`not an evidence key: ${key}`);
    return join(this.root, key.slice(0, 2), key);
  }
}
