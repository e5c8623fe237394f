import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContactPrivacyService } from './contact-privacy.service';
import { ContactsPrivacyController } from './contacts-privacy.controller';
import { RetentionSchedule } from './retention-schedule';

@Module({ imports: [AuditModule], controllers: [ContactsPrivacyController], providers: [ContactPrivacyService, RetentionSchedule] })
export class PrivacyModule {}
