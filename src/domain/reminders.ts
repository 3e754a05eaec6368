/**
 * The reminder plan: from the dialogue's state, the rules and an instant, which
 * reminders exist and when each fires. Pure: no clock reads, no I/O (the
 * working-day calendar is injected). Every reminder has a stable key naming
 * the occurrence it announces, so the tick records it once and re-planning
 * (a round moved, a due date changed) re-arms what belongs to the new date.
 *
 * Split by job under `reminders/`: types, the plan and its context, one
 * generator per kind (`kinds/`), and the status shared by preview and tick.
 */
export * from './reminders/index.js';
