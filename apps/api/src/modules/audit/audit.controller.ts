import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AUDIT_OUTCOMES, AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, type AuditPage } from '@hub/contracts';
import { RequireScope } from '../../core/auth/auth.decorators';
import { parseAuditQuery } from './audit-query.parser';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequireScope('admin')
  @ApiOperation({ summary: 'The audit log, newest first, with filters and cursor paging' })
  @ApiQuery({ name: 'operation', required: false, description: 'e.g. bundle.import, keys.create' })
  @ApiQuery({ name: 'keyId', required: false, description: 'a key id, env:admin, cli or system' })
  @ApiQuery({ name: 'subjectType', required: false })
  @ApiQuery({ name: 'subjectId', required: false, type: Number, description: 'rows whose subjectIds contain this id' })
  @ApiQuery({ name: 'outcome', required: false, enum: AUDIT_OUTCOMES })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601 time with offset (inclusive)' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601 time with offset (exclusive)' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: `default ${AUDIT_PAGE_DEFAULT}, at most ${AUDIT_PAGE_MAX}` })
  list(@Query() query: Record<string, unknown>): Promise<AuditPage> {
    return this.audit.query(parseAuditQuery(query));
  }
}
