import type { MigrationInterface, QueryRunner } from 'typeorm';
import { hubSchemaOf } from '../hub-schema';

/**
 * The canonical CRM store: one table per contract entity, columns named as in the contract.
 * No foreign-key constraints: the store mirrors the CRM, whose own database keeps integrity, and
 * the importer (the only writer of these tables) checks every reference and refuses orphaning
 * deletes, naming the bundle line. Per-row FK triggers would triple the cost of bulk loads.
 */
export class CrmStore1732406400000 implements MigrationInterface {
  name = 'CrmStore1732406400000';

  async up(runner: QueryRunner): Promise<void> {
    const s = hubSchemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.users (
        id bigint PRIMARY KEY, name text NOT NULL, email text NOT NULL, role text NOT NULL, team text);
      CREATE TABLE ${s}.companies (
        id bigint PRIMARY KEY, name text NOT NULL, domain text, industry text, employees integer,
        annual_revenue numeric, country text, created_at timestamptz NOT NULL, custom jsonb);
      CREATE TABLE ${s}.products (
        code text PRIMARY KEY, name text NOT NULL, family text, list_price numeric, currency text);
      CREATE TABLE ${s}.contacts (
        id bigint PRIMARY KEY,
        company_id bigint,
        owner_id bigint,
        first_name text NOT NULL, last_name text NOT NULL, email text NOT NULL, phone text, title text,
        seniority text, is_decision_maker boolean, lead_source text, lifecycle_stage text NOT NULL,
        created_at timestamptz NOT NULL, updated_at timestamptz, custom jsonb);
      CREATE TABLE ${s}.deals (
        id bigint PRIMARY KEY, name text NOT NULL,
        company_id bigint,
        contact_id bigint,
        owner_id bigint,
        amount numeric NOT NULL, currency text NOT NULL, stage text NOT NULL, budget_confirmed boolean,
        expected_close_date date, created_at timestamptz NOT NULL, closed_at timestamptz, lost_reason text,
        products text[], custom jsonb);
      CREATE TABLE ${s}.activities (
        id bigint PRIMARY KEY, type text NOT NULL,
        contact_id bigint,
        deal_id bigint,
        user_id bigint,
        occurred_at timestamptz NOT NULL, metadata jsonb);
      CREATE TABLE ${s}.emails (
        id bigint PRIMARY KEY, direction text NOT NULL,
        contact_id bigint,
        deal_id bigint,
        subject text NOT NULL, body text NOT NULL, sent_at timestamptz NOT NULL, thread_id text);
      CREATE TABLE ${s}.meetings (
        id bigint PRIMARY KEY, title text NOT NULL,
        deal_id bigint,
        contact_ids bigint[] NOT NULL,
        user_id bigint,
        started_at timestamptz NOT NULL, duration_minutes integer NOT NULL, notes text NOT NULL);
      CREATE TABLE ${s}.subscriptions (
        id bigint PRIMARY KEY,
        company_id bigint NOT NULL,
        product text NOT NULL, mrr numeric NOT NULL, currency text NOT NULL,
        started_at timestamptz NOT NULL, ended_at timestamptz);
      CREATE TABLE ${s}.tickets (
        id bigint PRIMARY KEY,
        company_id bigint NOT NULL,
        contact_id bigint,
        subject text NOT NULL, priority text NOT NULL, status text NOT NULL,
        created_at timestamptz NOT NULL, solved_at timestamptz);

      CREATE INDEX contacts_company_id_idx ON ${s}.contacts (company_id);
      CREATE INDEX contacts_owner_id_idx ON ${s}.contacts (owner_id);
      CREATE INDEX contacts_custom_idx ON ${s}.contacts USING gin (custom jsonb_path_ops);
      CREATE INDEX companies_custom_idx ON ${s}.companies USING gin (custom jsonb_path_ops);
      CREATE INDEX deals_company_id_idx ON ${s}.deals (company_id);
      CREATE INDEX deals_contact_id_idx ON ${s}.deals (contact_id);
      CREATE INDEX deals_owner_id_idx ON ${s}.deals (owner_id);
      CREATE INDEX deals_custom_idx ON ${s}.deals USING gin (custom jsonb_path_ops);
      CREATE INDEX activities_contact_id_idx ON ${s}.activities (contact_id, occurred_at);
      CREATE INDEX activities_deal_id_idx ON ${s}.activities (deal_id, occurred_at);
      CREATE INDEX emails_contact_id_idx ON ${s}.emails (contact_id, sent_at);
      CREATE INDEX emails_deal_id_idx ON ${s}.emails (deal_id);
      CREATE INDEX emails_thread_id_idx ON ${s}.emails (thread_id);
      CREATE INDEX meetings_deal_id_idx ON ${s}.meetings (deal_id);
      CREATE INDEX meetings_user_id_idx ON ${s}.meetings (user_id);
      CREATE INDEX meetings_contact_ids_idx ON ${s}.meetings USING gin (contact_ids);
      CREATE INDEX subscriptions_company_id_idx ON ${s}.subscriptions (company_id);
      CREATE INDEX tickets_company_id_idx ON ${s}.tickets (company_id);
      CREATE INDEX tickets_contact_id_idx ON ${s}.tickets (contact_id);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = hubSchemaOf(runner);
    await runner.query(
      ['tickets', 'subscriptions', 'meetings', 'emails', 'activities', 'deals', 'contacts', 'products', 'companies', 'users']
        .map((table) => `DROP TABLE ${s}.${table};`)
        .join('\n'),
    );
  }
}
