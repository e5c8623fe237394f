import type { Seniority } from '@hub/contracts';
import type { Random } from '../core/random';
import type { Segment } from './firmographics';

type Department = 'Sales' | 'Marketing' | 'Revenue Operations' | 'IT' | 'Operations' | 'Finance' | 'Customer Success';

const DEPARTMENT_WEIGHTS: Record<Department, number> = {
  Sales: 30, Marketing: 20, 'Revenue Operations': 12, IT: 12, Operations: 10, Finance: 6, 'Customer Success': 10,
};

const C_LEVEL: Record<Department, readonly string[]> = {
  Sales: ['Chief Revenue Officer', 'Chief Sales Officer', 'CEO'],
  Marketing: ['Chief Marketing Officer', 'CMO', 'CEO'],
  'Revenue Operations': ['Chief Operating Officer', 'CEO'],
  IT: ['CTO', 'Chief Information Officer', 'CIO'],
  Operations: ['COO', 'Chief Operating Officer', 'Managing Director'],
  Finance: ['CFO', 'Chief Financial Officer'],
  'Customer Success': ['Chief Customer Officer', 'CEO'],
};

const INDIVIDUAL: Record<Department, readonly string[]> = {
  Sales: ['Account Executive', 'Sales Development Representative', 'Business Development Representative', 'Sales Representative', 'Key Account Manager'],
  Marketing: ['Marketing Specialist', 'Demand Generation Specialist', 'Content Marketing Manager', 'Marketing Coordinator'],
  'Revenue Operations': ['Sales Operations Analyst', 'CRM Administrator', 'Revenue Operations Analyst'],
  IT: ['Systems Administrator', 'Solutions Architect', 'Software Engineer', 'Business Systems Analyst'],
  Operations: ['Operations Analyst', 'Project Coordinator', 'Business Analyst'],
  Finance: ['Financial Analyst', 'Controller', 'Accountant'],
  'Customer Success': ['Customer Success Manager', 'Support Specialist', 'Onboarding Specialist'],
};

const MANAGER_OF: Record<Department, readonly string[]> = {
  Sales: ['Sales Manager', 'Regional Sales Manager', 'Inside Sales Manager'],
  Marketing: ['Marketing Manager', 'Marketing Operations Manager', 'Growth Manager'],
  'Revenue Operations': ['Sales Operations Manager', 'CRM Manager', 'RevOps Manager'],
  IT: ['IT Manager', 'Engineering Manager', 'Application Manager'],
  Operations: ['Operations Manager', 'Program Manager'],
  Finance: ['Finance Manager', 'Procurement Manager'],
  'Customer Success': ['Customer Success Team Lead', 'Support Manager'],
};

/** Seniority mix by company size: small firms have more founders and chiefs among their contacts. */
const SENIORITY_WEIGHTS: Record<Segment, Record<Seniority, number>> = {
  SMB: { c_level: 14, vp: 8, director: 14, manager: 28, individual: 36 },
  'Mid-Market': { c_level: 5, vp: 11, director: 20, manager: 30, individual: 34 },
  Enterprise: { c_level: 2, vp: 10, director: 22, manager: 32, individual: 34 },
};

/** How often someone at each level signs off on software purchases. */
export const DECISION_MAKER_RATE: Record<Seniority, number> = {
  c_level: 0.88, vp: 0.7, director: 0.45, manager: 0.14, individual: 0.03,
};

export function drawSeniority(rng: Random, segment: Segment): Seniority {
  return rng.weighted(SENIORITY_WEIGHTS[segment]);
}

export function titleFor(rng: Random, seniority: Seniority, segment: Segment): string {
  const department = rng.weighted(DEPARTMENT_WEIGHTS);
  switch (seniority) {
    case 'c_level': {
      const title = rng.pick(C_LEVEL[department]);
      return segment === 'SMB' && title === 'CEO' && rng.chance(0.4) ? 'Founder & CEO' : title;
    }
    case 'vp':
      return rng.pick([`VP of ${department}`, `Vice President, ${department}`, `SVP ${department}`, `VP ${department}`]);
    case 'director':
      return rng.pick([`Director of ${department}`, `Head of ${department}`, `${department} Director`]);
    case 'manager':
      return rng.pick(MANAGER_OF[department]);
    case 'individual':
      return rng.pick(INDIVIDUAL[department]);
  }
}
