import type { EntityManager } from 'typeorm';
import { NotificationChannelEntity } from '../entities/notification-channel.entity';

/** The queries of the delivery channels administrators keep, inside the caller's transaction. */
export class NotificationChannelRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The same repository inside a transaction: its reads and writes go through `manager`. */
  within(manager: EntityManager): NotificationChannelRepository {
    return new NotificationChannelRepository(manager);
  }

  /** Every channel, oldest first. */
  list(): Promise<NotificationChannelEntity[]> {
    return this.manager.getRepository(NotificationChannelEntity).find({ order: { createdAt: 'ASC' } });
  }

  findById(id: string): Promise<NotificationChannelEntity | null> {
    return this.manager.getRepository(NotificationChannelEntity).findOneBy({ id });
  }

  findByName(name: string): Promise<NotificationChannelEntity | null> {
    return this.manager.getRepository(NotificationChannelEntity).findOneBy({ name });
  }

  /** A new channel, not stored yet. */
  build(settings: Partial<NotificationChannelEntity>): NotificationChannelEntity {
    return this.manager.getRepository(NotificationChannelEntity).create(settings);
  }

  /** Inserts or updates the channel; returns it as stored (with its id and timestamps). */
  save(channel: NotificationChannelEntity): Promise<NotificationChannelEntity> {
    return this.manager.getRepository(NotificationChannelEntity).save(channel);
  }
}
