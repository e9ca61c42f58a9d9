import { type CandidacyAnswers, candidacyAnswersSchema } from '@lamina/pathway';

/**
 * What a stored candidacy check says, as a short English summary for the care team (the
 * requester's own words come first; this only describes their answers, it judges nothing).
 */
export function summarizeAnswers(answers: CandidacyAnswers): string {
  const limb = answers.region === 'cervical' ? 'arm' : 'leg';
  const lines: string[] = [`Region: ${answers.region === 'cervical' ? 'neck' : 'lower back'}.`];
  const e = answers.emergency;
  if (e.newBladderOrBowelTrouble) lines.push('Reported new bladder or bowel trouble.');
  if (e.saddleNumbness) lines.push('Reported numbness in the groin or saddle area.');
  if (e.rapidlyWorseningWeakness) lines.push('Reported weakness getting worse fast.');
  const s = answers.symptoms;
  if (s.painTravelsIntoLimb) lines.push(`Pain travels into the ${limb}.`);
  if (s.limbPainWorseThanSpinePain)
    lines.push(`${limb === 'arm' ? 'Arm' : 'Leg'} pain is worse than the spine pain.`);
  if (s.nervePatternNumbnessOrTingling) lines.push('Numbness or tingling along a nerve.');
  if (s.weakness && s.weakness !== 'none')
    lines.push(`Weakness: ${s.weakness.replaceAll('-', ' ')}.`);
  if (s.durationWeeks !== undefined) lines.push(`Symptoms for ${s.durationWeeks} weeks.`);
  const w = answers.walking;
  if (w.worseWithStandingOrWalking) lines.push('Worse with standing or walking.');
  if (w.easedBySittingOrBendingForward) lines.push('Eased by sitting or bending forward.');
  if (w.minutesBeforeStopping !== undefined)
    lines.push(`Walks about ${w.minutesBeforeStopping} minutes before stopping.`);
  if (answers.spinalCord.clumsyHandsOrDroppingThings)
    lines.push('Clumsy hands or dropping things.');
  if (answers.spinalCord.balanceOrWalkingTrouble) lines.push('Trouble with balance or walking.');
  if (answers.dailyTasksLost?.length)
    lines.push(`Daily tasks lost: ${answers.dailyTasksLost.join(', ').replaceAll('-', ' ')}.`);
  const care = answers.conservativeCare;
  if (care?.tried?.length)
    lines.push(
      `Tried: ${care.tried.join(', ').replaceAll('-', ' ')}${care.weeks === undefined ? '' : ` for ${care.weeks} weeks`}.`,
    );
  if (answers.imaging?.type)
    lines.push(
      `Imaging: ${answers.imaging.type}${answers.imaging.showed ? `, ${answers.imaging.showed.replaceAll('-', ' ')}` : ''}.`,
    );
  return lines.join(' ');
}

/** The stored answers of a check, parsed back (undefined when they no longer parse). */
export function parseStoredAnswers(stored: unknown): CandidacyAnswers | undefined {
  const parsed = candidacyAnswersSchema.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}
