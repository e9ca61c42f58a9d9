import type { Region, TriageDecision } from '@lamina/pathway';

/** The check-in answer on screen: from the server, or worked out on this phone while offline. */
export interface ShownResult {
  decision: TriageDecision;
  region: Region;
  /** Stored by the server (the team can see it); false while it waits on this phone. */
  sent: boolean;
  /** The server raised an alert for the care team. */
  alerted: boolean;
  /** A wound photo going with it (issue 17): resolves true once stored, false if it did not go. */
  photo?: Promise<boolean>;
}

let current: ShownResult | undefined;
export const showResult = (result: ShownResult) => {
  current = result;
};
export const shownResult = () => current;
