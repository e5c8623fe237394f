import { ActivityEntity } from './activity.entity';
import { CompanyEntity } from './company.entity';
import { ContactEntity } from './contact.entity';
import { DealEntity } from './deal.entity';
import { EmailEntity } from './email.entity';
import { MeetingEntity } from './meeting.entity';
import { ProductEntity } from './product.entity';
import { SubscriptionEntity } from './subscription.entity';
import { TicketEntity } from './ticket.entity';
import { UserEntity } from './user.entity';

export {
  ActivityEntity, CompanyEntity, ContactEntity, DealEntity, EmailEntity, MeetingEntity, ProductEntity,
  SubscriptionEntity, TicketEntity, UserEntity,
};

export const CRM_ENTITIES = [
  UserEntity, CompanyEntity, ProductEntity, ContactEntity, DealEntity, ActivityEntity, EmailEntity,
  MeetingEntity, SubscriptionEntity, TicketEntity,
];
