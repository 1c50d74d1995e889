import type { Person } from '../person/index.ts';
import type { Target } from '../target/index.ts';

/**
 * The data a report file is drawn from, gathered by the readiness and report domains and
 * handed to the renderers (CSV, XLSX, PDF), which neither read DynamoDB nor compute figures.
 */

export type UnitRef = { id: string; code: string; name: string; kind: string };

/** Whether the recent weekly pace reaches the target's percentage by its deadline. */
export type Projection = {
  /** People trained per week, averaged over the recent weeks of snapshots (null: too little history). */
  weeklyPace: number | null;
  /** The date the target percentage would be reached at that pace (null: never at this pace, or no history). */
  projectedDate: string | null;
  /** true / false once there is a pace; null without history, or where nobody is in scope. Already meeting the target is true. */
  onTrack: boolean | null;
};

/**
 * `inScope` everyone the target covers, `exempt` those exempt today, `staff` the denominator
 * (the rest), `trained` = `validNow` those whose completion counts today, `owing` = staff −
 * trained; for a target whose completions lapse, `expiringSoon` those of `validNow` inside
 * the renewal window, `expired` those whose completion lapsed (they owe it again), and
 * `everTrained` = validNow + expired.
 */
type Counts = {
  inScope: number;
  exempt: number;
  staff: number;
  trained: number;
  owing: number;
  validNow: number;
  expiringSoon: number;
  expired: number;
  everTrained: number;
};

export type ChildFigures = UnitRef &
  Counts & {
    percent: number;
    meetsTarget: boolean;
    gap: number;
    /** false: nobody at this unit is in the target's scope — "không áp dụng", never "chưa đạt". */
    applicable: boolean;
  };

export type TargetFigures = Counts & {
  target: {
    id: string;
    title: string;
    percent: number;
    deadline: string;
    programme: string[];
    validity: Target.Info['validity'] | null;
    renewalDays: number;
    /** The unit that set it (this one or one above), null: the installation's. What a report says it comes from. */
    owner: { id: string; name: string } | null;
  };
  percent: number;
  meetsTarget: boolean;
  /** false: nobody at this unit is in the target's scope — "không áp dụng", never "chưa đạt". */
  applicable: boolean;
  /** People still to train to reach the target's percentage. */
  gap: number;
  /** Days until the deadline (negative once past). */
  daysLeft: number;
  projection: Projection;
  /** "14/20 sở đạt chỉ tiêu": children meeting the target, grouped by unit kind; children the target does not apply to are left out. */
  childrenMeeting: { kind: string; meets: number; total: number }[];
  /** Worst first; the children the target does not apply to last. */
  children: ChildFigures[];
  /** Weekly figures, oldest first. */
  history: { week: string; staff: number; trained: number; percent: number }[];
};

export type UnitSummary = {
  unit: UnitRef;
  /** ISO time the figures were read. */
  generatedAt: string;
  /** Who asked for the report (an email), for the signature block and the audit. */
  requestedBy: string;
  targets: TargetFigures[];
};

/** One person in the scope of one target, for that target's sheet. */
export type PersonTargetRow = {
  unitCode: string;
  unitName: string;
  employeeCode: string;
  fullName: string;
  category: Person.Category;
  position: string;
  /** The day the person owes the programme by (yyyy-mm-dd): the deadline, or later for a late joiner. */
  dueDate: string;
  /** The last day of their exemption from this target (or from all), when they are exempt today; else null. */
  exemptUntil: string | null;
  /** When the person finished the target's whole programme, or null. */
  trainedAt: string | null;
  /** For a target whose completions lapse: the last day theirs counts, and where it stands (null: simply valid). */
  validUntil: string | null;
  lapse: 'soon' | 'lapsed' | null;
  /** completedAt per course of the target's programme, in programme order (null: not completed). */
  courses: (string | null)[];
  /** The courses of the programme completed by credit for prior learning, in programme order. */
  credited: string[];
};

export type Transcript = {
  person: { employeeCode: string; fullName: string; category: Person.Category; position: string; status: 'active' | 'left' };
  unit: UnitRef;
  generatedAt: string;
  /** Moves between units, oldest first. */
  moves: { at: string; fromUnitName: string; toUnitName: string }[];
  courses: {
    slug: string;
    title: string;
    version: number | null;
    lessonsDone: number;
    lessonCount: number;
    bestScore: number | null;
    completedAt: string | null;
    certificateCode: string | null;
  }[];
  targets: { title: string; deadline: string; trainedAt: string | null }[];
};
