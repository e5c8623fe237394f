import { Controller, Delete, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { RequireScope } from '../../core/auth/auth.decorators';
import { principalOf } from '../../core/auth/hub-principal';
import { HubProblem } from '../../core/http/problem-details.filter';
import { type ContactErasure, type ContactExport, ContactPrivacyService } from './contact-privacy.service';

function contactIdOf(raw: string): number {
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id <= 0) {
    throw new HubProblem(400, 'invalid-parameter', `id must be a positive integer; got ${JSON.stringify(raw)}`, { parameter: 'id' });
  }
  return id;
}

@ApiTags('privacy')
@RequireScope('admin')
@Controller('contacts')
export class ContactsPrivacyController {
  constructor(private readonly privacy: ContactPrivacyService) {}

  @Get(':id/export')
  @ApiOperation({ summary: 'GDPR export: everything the hub holds about a person, with derived data and audit rows about them' })
  export(@Param('id') id: string): Promise<ContactExport> {
    return this.privacy.export(contactIdOf(id));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'GDPR erasure (erase=true): the person and everything derived from them; audit rows redacted' })
  @ApiQuery({ name: 'erase', required: true, enum: ['true'] })
  erase(@Param('id') id: string, @Query('erase') erase: string | undefined, @Req() request: Request): Promise<ContactErasure> {
    const contactId = contactIdOf(id);
    if (erase !== 'true') {
      throw new HubProblem(400, 'erase-not-confirmed', 'Erasing a person cannot be undone: confirm with ?erase=true. (Ordinary deletes come from the CRM as bundle delete lines.)', { parameter: 'erase' });
    }
    return this.privacy.erase(contactId, principalOf(request)?.keyId ?? null);
  }
}
