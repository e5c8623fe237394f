import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { hubSchemaOf } from '../../core/database/hub-schema';
import { HubEventsService } from '../../core/events/hub-events.service';
import { HubProblem } from '../../core/http/problem-details.filter';
import { AuditService } from '../audit/audit.service';
import { DERIVED_TABLES } from './derived-data';

export interface ContactExport {
  exportedAt: string;
  contact: Record<string, unknown>;
  company: Record<string, unknown> | null;
  deals: Record<string, unknown>[];
  activities: Record<string, unknown>[];
  emails: Record<string, unknown>[];
  meetings: Record<string, unknown>[];
  tickets: Record<string, unknown>[];
  derived: Record<string, Record<string, unknown>[]>;
  audit: Record<string, unknown>[];
}

export interface ContactErasure {
  contactId: number;
  deleted: { activities: number; emails: number; meetings: number; derived: number };
  detached: { meetings: number; deals: number; tickets: number };
  auditRowsRedacted: number;
}

/** GDPR for one person: everything the hub holds about them, and erasing all of it. */
@Injectable()
export class ContactPrivacyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: HubEventsService,
  ) {}

  async export(contactId: number): Promise<ContactExport> {
    const s = hubSchemaOf(this.dataSource);
    const q = (sql: string) => this.dataSource.query(sql, [contactId]) as Promise<Record<string, unknown>[]>;
    const [contact] = await q(`SELECT * FROM ${s}.contacts WHERE id = $1`);
    if (!contact) throw new HubProblem(404, 'contact-not-found', `No contact ${contactId} exists in the hub.`);
    const company = contact['company_id'] === null ? [] : await this.dataSource.query(`SELECT * FROM ${s}.companies WHERE id = $1`, [contact['company_id']]);
    const derived: Record<string, Record<string, unknown>[]> = {};
    for (const { table, contactColumn } of await this.existingDerivedTables()) {
      derived[table] = await q(`SELECT * FROM ${s}.${table} WHERE ${contactColumn} = $1`);
    }
    return {
      exportedAt: new Date().toISOString(),
      contact,
      company: company[0] ?? null,
      deals: await q(`SELECT * FROM ${s}.deals WHERE contact_id = $1 ORDER BY id`),
      activities: await q(`SELECT * FROM ${s}.activities WHERE contact_id = $1 ORDER BY occurred_at, id`),
      emails: await q(`SELECT * FROM ${s}.emails WHERE contact_id = $1 ORDER BY sent_at, id`),
      meetings: await q(`SELECT * FROM ${s}.meetings WHERE $1 = ANY(contact_ids) ORDER BY started_at, id`),
      tickets: await q(`SELECT * FROM ${s}.tickets WHERE contact_id = $1 ORDER BY id`),
      derived,
      audit: await q(`SELECT * FROM ${s}.audit_log WHERE subject_type = 'contact' AND $1 = ANY(subject_ids) ORDER BY id`),
    };
  }

  /**
   * Removes the person and everything derived from them, in one transaction: their activities,
   * emails, scores and insights, and meetings where they were the only contact; they are taken
   * off other meetings, deals and tickets (which belong to their company too). Their id is
   * redacted from audit rows, and the erasure itself is recorded without it.
   */
  async erase(contactId: number, keyId: string | null): Promise<ContactErasure> {
    const started = performance.now();
    const result = await this.dataSource.transaction(async (manager) => {
      const s = hubSchemaOf(this.dataSource);
      const run = async (sql: string) => Number((await manager.query(`WITH x AS (${sql} RETURNING 1) SELECT count(*) AS n FROM x`, [contactId]))[0].n);
      const found = await manager.query(`SELECT 1 FROM ${s}.contacts WHERE id = $1 FOR UPDATE`, [contactId]);
      if (found.length === 0) throw new HubProblem(404, 'contact-not-found', `No contact ${contactId} exists in the hub.`);
      let derived = 0;
      for (const { table, contactColumn } of await this.existingDerivedTables(manager)) {
        derived += await run(`DELETE FROM ${s}.${table} WHERE ${contactColumn} = $1`);
      }
      const erasure: ContactErasure = {
        contactId,
        deleted: {
          activities: await run(`DELETE FROM ${s}.activities WHERE contact_id = $1`),
          emails: await run(`DELETE FROM ${s}.emails WHERE contact_id = $1`),
          meetings: await run(`DELETE FROM ${s}.meetings WHERE contact_ids = ARRAY[$1::bigint]`),
          derived,
        },
        detached: {
          meetings: await run(`UPDATE ${s}.meetings SET contact_ids = array_remove(contact_ids, $1::bigint) WHERE $1 = ANY(contact_ids)`),
          deals: await run(`UPDATE ${s}.deals SET contact_id = NULL WHERE contact_id = $1`),
          tickets: await run(`UPDATE ${s}.tickets SET contact_id = NULL WHERE contact_id = $1`),
        },
        auditRowsRedacted: 0,
      };
      await run(`DELETE FROM ${s}.contacts WHERE id = $1`);
      // The audit log's one maintenance door: redact the id, never drop the rows.
      await manager.query(`SET LOCAL hub.audit_maintenance = 'on'`);
      erasure.auditRowsRedacted = await run(
        `UPDATE ${s}.audit_log SET subject_ids = array_remove(subject_ids, $1::bigint) WHERE subject_type = 'contact' AND $1 = ANY(subject_ids)`,
      );
      await manager.query(`SET LOCAL hub.audit_maintenance = 'off'`);
      await this.audit.record({
        keyId, operation: 'contact.erase', outcome: 'ok', subjectType: 'contact', subjectIds: [],
        durationMs: performance.now() - started,
        detail: { deleted: erasure.deleted, detached: erasure.detached, auditRowsRedacted: erasure.auditRowsRedacted },
      }, manager);
      return erasure;
    });
    // After the commit: every instance drops what it remembers of the person (scores read earlier),
    // and resource subscribers hear the record is gone.
    await this.events.publish({ source: 'privacy', records: { contact: [contactId] }, contacts: [contactId] });
    return result;
  }

  private async existingDerivedTables(manager: EntityManager = this.dataSource.manager) {
    const schema = hubSchemaOf(this.dataSource).replace(/"/g, '');
    const rows: { table_name: string }[] = await manager.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name = ANY($2)`,
      [schema, DERIVED_TABLES.map((entry) => entry.table)],
    );
    const present = new Set(rows.map((row) => row.table_name));
    return DERIVED_TABLES.filter((entry) => present.has(entry.table));
  }
}
