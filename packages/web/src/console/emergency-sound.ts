import { useCallback, useState } from 'react';

/**
 * The optional sound for a new emergency (issue 17): off by default, turned on by the user, and
 * remembered in this browser only. A short two-tone chime made with Web Audio (no audio file).
 */
const storageKey = 'lamina.console.emergencySound';

function stored(): boolean {
  try {
    return localStorage.getItem(storageKey) === 'on';
  } catch {
    return false;
  }
}

let context: AudioContext | null = null;

/** Browsers let a page make sound only after a user gesture: call this from the switch's click. */
function unlock() {
  try {
    context ??= new AudioContext();
    void context.resume();
  } catch {
    context = null;
  }
}

/** Plays the chime once; counts plays on the page so a browser test can see it (window.__laminaChimes). */
export function chime() {
  const w = window as unknown as { __laminaChimes?: number };
  w.__laminaChimes = (w.__laminaChimes ?? 0) + 1;
  try {
    context ??= new AudioContext();
    const start = context.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.25, 660],
    ] as const) {
      const tone = context.createOscillator();
      const gain = context.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.2, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.22);
      tone.connect(gain).connect(context.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 0.23);
    }
  } catch {
    // No audio on this device: the title, highlight and live region still announce it.
  }
}

export function useEmergencySound(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(stored);
  const set = useCallback((next: boolean) => {
    try {
      localStorage.setItem(storageKey, next ? 'on' : 'off');
    } catch {
      // Storage blocked: on for this page only.
    }
    if (next) unlock();
    setOn(next);
  }, []);
  return [on, set];
}
