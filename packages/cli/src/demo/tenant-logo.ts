import { encodePng } from '@sansang/core';

/** Pixels a side: shown at 32 px in the header and about 40 pt on a report, sharp on a high-density screen too. */
const SIDE = 128;
const CENTRE = SIDE / 2;
const DISC = 62;
/** The white ring inside the disc, between these radii; the code sits within the inner one. */
const RING = [49, 53] as const;

/** Letters and digits 3 × 5, five rows of three (`#` lit): enough to write any unit code on an emblem. */
const GLYPHS: Record<string, string> = {
  A: '.#. #.# ### #.# #.#',
  B: '##. #.# ##. #.# ##.',
  C: '.## #.. #.. #.. .##',
  D: '##. #.# #.# #.# ##.',
  E: '### #.. ##. #.. ###',
  F: '### #.. ##. #.. #..',
  G: '.## #.. #.# #.# .##',
  H: '#.# #.# ### #.# #.#',
  I: '### .#. .#. .#. ###',
  J: '..# ..# ..# #.# .#.',
  K: '#.# #.# ##. #.# #.#',
  L: '#.. #.. #.. #.. ###',
  M: '#.# ### ### #.# #.#',
  N: '##. #.# #.# #.# #.#',
  O: '.#. #.# #.# #.# .#.',
  P: '##. #.# ##. #.. #..',
  Q: '.#. #.# #.# ##. .##',
  R: '##. #.# ##. #.# #.#',
  S: '.## #.. .#. ..# ##.',
  T: '### .#. .#. .#. .#.',
  U: '#.# #.# #.# #.# ###',
  V: '#.# #.# #.# #.# .#.',
  W: '#.# #.# ### ### #.#',
  X: '#.# #.# .#. #.# #.#',
  Y: '#.# #.# .#. .#. .#.',
  Z: '### ..# .#. #.. ###',
  '0': '### #.# #.# #.# ###',
  '1': '.#. ##. .#. .#. ###',
  '2': '##. ..# .#. #.. ###',
  '3': '##. ..# .#. ..# ##.',
  '4': '#.# #.# ### ..# ..#',
  '5': '### #.. ##. ..# ##.',
  '6': '.## #.. ### #.# ###',
  '7': '### ..# .#. .#. .#.',
  '8': '### #.# ### #.# ###',
  '9': '### #.# ### ..# ##.',
};

/**
 * A unit's emblem for the demo: a disc in a colour drawn from its code, a white ring, and the
 * code in white at its centre, on a transparent ground. The same code always makes the same
 * bytes; units are told apart by the code written in each, and most by colour too.
 */
export function tenantLogo(code: string): Buffer {
  const text = [...code.toUpperCase()].filter((c) => c in GLYPHS);
  const [r, g, b] = hslToRgb(hueOf(code), 0.62, 0.36);
  // Glyph cells are 4 wide with the gap; the biggest whole scale whose box fits inside the ring.
  const cells = { w: 4 * text.length - 1, h: 5 };
  const scale = Math.max(1, Math.min(9, Math.floor((RING[0] - 4) / Math.hypot(cells.w / 2, cells.h / 2))));
  const left = CENTRE - Math.round((cells.w * scale) / 2);
  const top = CENTRE - Math.round((cells.h * scale) / 2);
  const lit = (x: number, y: number) => {
    const [cx, cy] = [Math.floor((x - left) / scale), Math.floor((y - top) / scale)];
    if (cx < 0 || cy < 0 || cx >= cells.w || cy >= cells.h || cx % 4 === 3) return false;
    return GLYPHS[text[(cx - (cx % 4)) / 4]!]![cy * 4 + (cx % 4)] === '#';
  };

  const rgba = new Uint8Array(SIDE * SIDE * 4);
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) {
      const d = Math.sqrt((x + 0.5 - CENTRE) ** 2 + (y + 0.5 - CENTRE) ** 2);
      const white = lit(x, y) ? 1 : within(RING[1], d) - within(RING[0], d);
      const at = (y * SIDE + x) * 4;
      rgba[at] = Math.round(r + (255 - r) * white);
      rgba[at + 1] = Math.round(g + (255 - g) * white);
      rgba[at + 2] = Math.round(b + (255 - b) * white);
      rgba[at + 3] = Math.round(255 * within(DISC, d));
    }
  return encodePng(SIDE, SIDE, rgba);
}

/** How much of a pixel `d` from the centre lies within `radius`: smooth edges without supersampling. */
const within = (radius: number, d: number) => Math.min(1, Math.max(0, radius - d + 0.5));

/** A hue in degrees from the code (FNV-1a), so each unit keeps its colour from one demo to the next. */
function hueOf(code: string): number {
  let hash = 0x811c9dc5;
  for (const c of code) hash = Math.imul(hash ^ c.codePointAt(0)!, 0x01000193) >>> 0;
  return hash % 360;
}

function hslToRgb(hue: number, saturation: number, lightness: number): [number, number, number] {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [channel(0), channel(8), channel(4)];
}
