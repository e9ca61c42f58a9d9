import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckinInput, Region } from '@lamina/pathway';
import {
  sampleCervicalCheckin,
  sampleCheckin,
} from '../../../../server/src/ops/bench-checkin.test-helper.ts';
import { groupsFor, type Screening, withScreening } from './groups.ts';

// The check-in bench loads the server with "the check-in the app sends on a routine day" (decision
// 031): "no" to every screening group, then pain, pain control, walking and exercises. It is only
// that if it equals what this screen builds.
const routineDay = (region: Region) => {
  const screening: Screening = Object.fromEntries(groupsFor(region).map((g) => [g.id, 'no']));
  const { axialPain, limbPain, painControlled, walkingMinutes, exercises } = sampleCheckin;
  const day = { axialPain, limbPain, painControlled, walkingMinutes, exercises } as CheckinInput;
  return withScreening(day, screening, region);
};

test("the check-in bench's bodies are what the app sends on a routine day, lumbar and cervical", () => {
  assert.deepEqual(routineDay('lumbar'), sampleCheckin);
  assert.deepEqual(routineDay('cervical'), sampleCervicalCheckin);
});
