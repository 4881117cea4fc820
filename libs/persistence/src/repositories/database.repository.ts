import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The database itself, as a health check sees it. */
@Injectable()
export class DatabaseRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Resolves once the database answers a query; rejects with why it does not. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
