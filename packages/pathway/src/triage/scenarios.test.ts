import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isKnownSource } from '../sources/source.ts';
import { escalationScenarios } from './escalations.scenarios.ts';
import { normalScenarios } from './normal.scenarios.ts';
import { redFlagScenarios } from './red-flags.scenarios.ts';
import { allTriageRules } from './rules.ts';
import { runScenario, type Scenario } from './scenario-kit.ts';
import { trajectoryScenarios } from './trajectory.scenarios.ts';

const tables: Record<string, readonly Scenario[]> = {
  'red flag': redFlagScenarios,
  trajectory: trajectoryScenarios,
  'normal recovery': normalScenarios,
  escalation: escalationScenarios,
};

for (const [table, scenarios] of Object.entries(tables)) {
  for (const scenario of scenarios) {
    for (const region of scenario.regions) {
      test(`${table} (${region}, day ${scenario.day}): ${scenario.name} → ${scenario.level}`, () => {
        const decision = runScenario(scenario, region);
        const fired = decision.findings.map((f) => f.ruleId);
        assert.equal(decision.level, scenario.level, `findings: ${fired.join(', ') || 'none'}`);
        for (const ruleId of scenario.fires) {
          assert.ok(fired.includes(ruleId), `${ruleId} should fire; fired: ${fired.join(', ')}`);
        }
        if (scenario.fires.length === 0) assert.deepEqual(fired, []);
        assert.equal(decision.offTrack, scenario.offTrack ?? false);
        assert.equal(decision.instruction.id.startsWith(`triage.headline.${scenario.level}`), true);
      });
    }
  }
}

const everyScenario = Object.values(tables).flat();

test('every scenario names at least one real source', () => {
  for (const scenario of everyScenario) {
    assert.ok(scenario.sources.length > 0, scenario.name);
    for (const source of scenario.sources)
      assert.ok(isKnownSource(source), `${scenario.name}: ${source}`);
  }
});

test('every rule is exercised by the scenario table in every region it applies to', () => {
  const covered = new Set(
    everyScenario.flatMap((s) =>
      s.regions.flatMap((region) => s.fires.map((id) => `${id}@${region}`)),
    ),
  );
  const missing = allTriageRules.flatMap((rule) =>
    rule.regions
      .filter((region) => !covered.has(`${rule.id}@${region}`))
      .map((r) => `${rule.id}@${r}`),
  );
  assert.deepEqual(missing, [], 'add a scenario for each rule listed');
});

test('normal recoveries cover both regions and many days', () => {
  const lumbarDays = new Set(
    normalScenarios.filter((s) => s.regions.includes('lumbar')).map((s) => s.day),
  );
  const cervicalDays = new Set(
    normalScenarios.filter((s) => s.regions.includes('cervical')).map((s) => s.day),
  );
  assert.ok(lumbarDays.size >= 15, `lumbar days: ${[...lumbarDays]}`);
  assert.ok(cervicalDays.size >= 15, `cervical days: ${[...cervicalDays]}`);
});
