import type { ProtocolRecord } from '../../../models/protocol';

/**
 * The settings a user may change, as overrides on the chosen model's protocol record. Only values the
 * user set are stored, so switching models shows that model's own defaults for everything else, and
 * "reset" is simply dropping the overrides.
 */
export interface SettingsOverrides {
  temperature?: number;
  maxNewTokens?: number;
  maxCodeCalls?: number;
  timeLimitSeconds?: number;
}

export interface AppSettings {
  /** Catalog id of the chosen model. */
  modelId: string;
  overrides: SettingsOverrides;
}

/** The user-visible values the loop runs with, kept with each session and shown in exports. */
export interface EffectiveSettings {
  protocolId: string;
  modelName: string;
  temperature: number;
  maxNewTokens: number;
  maxCodeCalls: number;
  timeLimitSeconds: number;
}

export type SettingKey = keyof SettingsOverrides;

/** Limits of each setting: anything outside is clamped, so a typo cannot start a runaway session. */
export const SETTING_LIMITS: Record<SettingKey, { min: number; max: number; step: number; integer: boolean }> = {
  temperature: { min: 0, max: 2, step: 0.05, integer: false },
  maxNewTokens: { min: 64, max: 32_768, step: 64, integer: true },
  maxCodeCalls: { min: 0, max: 32, step: 1, integer: true },
  timeLimitSeconds: { min: 1, max: 600, step: 1, integer: true },
};

/** Clamps a value into its limits; NaN (an emptied field) yields undefined, meaning "use the default". */
export function clampSetting(key: SettingKey, value: number): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  const limit = SETTING_LIMITS[key];
  const clamped = Math.min(limit.max, Math.max(limit.min, value));
  return limit.integer ? Math.round(clamped) : clamped;
}

/** Drops overrides that are invalid or equal to the protocol's default (nothing to remember). */
export function normaliseOverrides(overrides: SettingsOverrides, base: ProtocolRecord): SettingsOverrides {
  const defaults = defaultValues(base);
  const out: SettingsOverrides = {};
  for (const key of Object.keys(SETTING_LIMITS) as SettingKey[]) {
    const raw = overrides[key];
    if (raw === undefined) continue;
    const value = clampSetting(key, Number(raw));
    if (value !== undefined && value !== defaults[key]) out[key] = value;
  }
  return out;
}

/** The protocol's own values for the settings the user can change. */
export function defaultValues(base: ProtocolRecord): Required<SettingsOverrides> {
  return {
    temperature: base.sampling.temperature,
    maxNewTokens: base.maxNewTokens,
    maxCodeCalls: base.maxCodeCalls,
    timeLimitSeconds: base.timeLimitSeconds,
  };
}

/** The protocol record the loop runs with: the model's record with the user's overrides applied. */
export function effectiveProtocol(base: ProtocolRecord, overrides: SettingsOverrides): ProtocolRecord {
  const values = { ...defaultValues(base), ...normaliseOverrides(overrides, base) };
  return {
    ...base,
    sampling: { ...base.sampling, temperature: values.temperature },
    maxNewTokens: values.maxNewTokens,
    maxCodeCalls: values.maxCodeCalls,
    timeLimitSeconds: values.timeLimitSeconds,
  };
}

/** The summary of an effective protocol kept with a session. */
export function summariseProtocol(protocol: ProtocolRecord): EffectiveSettings {
  return {
    protocolId: protocol.id,
    modelName: protocol.displayName,
    temperature: protocol.sampling.temperature,
    maxNewTokens: protocol.maxNewTokens,
    maxCodeCalls: protocol.maxCodeCalls,
    timeLimitSeconds: protocol.timeLimitSeconds,
  };
}

/** Reads settings saved by an older or damaged page without trusting their shape. */
export function parseSettings(json: string | null, fallbackModelId: string): AppSettings {
  try {
    const data = JSON.parse(json ?? 'null') as Partial<AppSettings> | null;
    const modelId = typeof data?.modelId === 'string' && data.modelId ? data.modelId : fallbackModelId;
    const overrides: SettingsOverrides = {};
    const raw = (data?.overrides ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(SETTING_LIMITS) as SettingKey[]) {
      if (typeof raw[key] === 'number') overrides[key] = raw[key];
    }
    return { modelId, overrides };
  } catch {
    return { modelId: fallbackModelId, overrides: {} };
  }
}
