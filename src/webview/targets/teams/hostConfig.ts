/**
 * A host config close to Microsoft Teams' look, light and dark, for the preview's Teams tab.
 *
 * The values come from Microsoft's Teams host config samples, samples/HostConfig/microsoft-teams-light.json and
 * microsoft-teams-dark.json in https://github.com/microsoft/AdaptiveCards (Copyright (c) Microsoft Corporation,
 * MIT License). They are a designer's approximation, not what Teams ships; Teams' own rendering may differ.
 * Colours are "#AARRGGBB" (alpha first), which the Adaptive Cards renderer reads that way.
 */

export type TeamsTheme = 'light' | 'dark';

type Pair = readonly [normal: string, subtle: string];

interface Palette {
  fg: Record<'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention', Pair>;
  /** The dark theme draws dark text on the coloured (accent, good, …) containers. */
  fgOnColour?: Partial<Palette['fg']>;
  defaultBg: string;
  emphasisBg: string;
}

const PALETTES: Record<TeamsTheme, Palette> = {
  light: {
    fg: {
      default: ['#ff252424', '#bf252424'],
      dark: ['#252424', '#bf252424'],
      light: ['#ffffff', '#fff3f2f1'],
      accent: ['#6264a7', '#8b8cc7'],
      good: ['#92c353', '#e592c353'],
      warning: ['#f8d22a', '#e5f8d22a'],
      attention: ['#c4314b', '#e5c4314b'],
    },
    defaultBg: '#ffffff',
    emphasisBg: '#fff9f8f7',
  },
  dark: {
    fg: {
      default: ['#ffffffff', '#bfffffff'],
      dark: ['#ff201f1f', '#ff2d2c2c'],
      light: ['#ffffffff', '#bfffffff'],
      accent: ['#ffa6a7dc', '#ff8b8cc7'],
      good: ['#ff92c353', '#e592c353'],
      warning: ['#fff8d22a', '#e5f8d22a'],
      attention: ['#ffd74654', '#e5d74654'],
    },
    fgOnColour: { default: ['#ff201f1f', '#ff2d2c2c'] },
    defaultBg: '#ff2d2c2c',
    emphasisBg: '#ff292828',
  },
};

const COLOURED_CONTAINERS = {
  accent: { borderColor: '#62A8F7', backgroundColor: '#C7DEF9' },
  good: { borderColor: '#69E569', backgroundColor: '#CCFFCC' },
  attention: { borderColor: '#FF764C', backgroundColor: '#FFC5B2' },
  warning: { borderColor: '#FFBC51', backgroundColor: '#FFE2B2' },
};

const fontSizes = { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 };
const fontWeights = { lighter: 200, default: 400, bolder: 600 };

function foregrounds(fg: Partial<Palette['fg']>): Record<string, { default: string; subtle: string }> {
  const out: Record<string, { default: string; subtle: string }> = {};
  for (const [k, pair] of Object.entries(fg)) out[k] = { default: pair[0], subtle: pair[1] };
  return out;
}

/** The host config JSON (pass to `new HostConfig(…)`). */
export function teamsHostConfig(theme: TeamsTheme): Record<string, unknown> {
  const p = PALETTES[theme];
  const fg = foregrounds(p.fg);
  const onColour = foregrounds({ ...p.fg, ...p.fgOnColour });
  const containerStyles: Record<string, unknown> = {
    default: { foregroundColors: fg, borderColor: '#CCCCCC', backgroundColor: p.defaultBg },
    emphasis: { foregroundColors: fg, borderColor: '#666666', backgroundColor: p.emphasisBg },
  };
  for (const [k, v] of Object.entries(COLOURED_CONTAINERS)) containerStyles[k] = { ...v, foregroundColors: onColour };
  return {
    choiceSetInputValueSeparator: ',',
    supportsInteractivity: true,
    spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: '#EEEEEE' },
    imageSizes: { small: 32, medium: 52, large: 100 },
    fontTypes: {
      default: { fontFamily: "'Segoe UI', Tahoma, Geneva, Verdana, sans-serif", fontSizes, fontWeights },
      monospace: { fontFamily: "'Courier New', Courier, monospace", fontSizes, fontWeights },
    },
    textStyles: {
      heading: { fontType: 'default', size: 'large', weight: 'bolder', color: 'default', isSubtle: false },
    },
    textBlock: { headingLevel: 2 },
    containerStyles,
    actions: {
      maxActions: 6,
      spacing: 'Default',
      buttonSpacing: 8,
      showCard: { actionMode: 'Inline', inlineTopMargin: 16, style: 'emphasis' },
      preExpandSingleShowCardAction: false,
      actionsOrientation: 'Horizontal',
      actionAlignment: 'Left',
    },
    adaptiveCard: { allowCustomStyle: false },
    imageSet: { imageSize: 'Medium', maxImageHeight: 100 },
    factSet: {
      // (The published sample spells "wrap" as "warp" here.)
      title: { size: 'Default', color: 'Default', isSubtle: false, weight: 'Bolder', wrap: true },
      value: { size: 'Default', color: 'Default', isSubtle: false, weight: 'Default', wrap: true },
      spacing: 16,
    },
  };
}
