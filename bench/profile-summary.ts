// Reads a V8 .cpuprofile (written by `node --cpu-prof`) and ranks functions by self time: the time the CPU was
// in the function's own code, not in what it called. Same-named functions at the same source position are merged.
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { groupOf, rankGroups } from './profile-groups.ts';
import type { ProfileGroup } from './profile-groups.ts';

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; hitCount?: number };
type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

export type HotFunction = { name: string; location: string; selfMs: number; selfPercent: number };
export type ProfileSummary = { file: string; sampledMs: number; idlePercent: number; top: HotFunction[];
  /** Self time by component (profile-groups.ts); absent from reports written before it existed. */
  groups?: ProfileGroup[] };

/** Self time per function, top `limit`, excluding (idle); percentages are of the busy (non-idle) time. */
export async function summarizeProfile(file: string, root: string, limit = 15): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, { frame: CallFrame; us: number }>();
  const byGroup = new Map<string, number>();
  let idleUs = 0;
  let totalUs = 0;
  // sample i lasted from its own timestamp to the next one (DevTools' convention); the last one has no end
  for (let i = 0; i < profile.samples.length - 1; i++) {
    const node = byNode.get(profile.samples[i]!);
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (node === undefined || us <= 0) continue;
    totalUs += us;
    const frame = node.callFrame;
    if (frame.functionName === '(idle)') { idleUs += us; continue; }
    const key = `${frame.functionName}|${frame.url}|${frame.lineNumber}|${frame.columnNumber}`;
    byGroup.set(groupOf(frame), (byGroup.get(groupOf(frame)) ?? 0) + us);
    const entry = selfUs.get(key) ?? { frame, us: 0 };
    entry.us += us;
    selfUs.set(key, entry);
  }
  const busyUs = Math.max(1, totalUs - idleUs);
  const top = [...selfUs.values()].sort((a, b) => b.us - a.us).slice(0, limit).map(({ frame, us }): HotFunction => ({
    name: frame.functionName || '(anonymous)',
    location: locationOf(frame, root),
    selfMs: Math.round(us / 100) / 10,
    selfPercent: Math.round((us / busyUs) * 1000) / 10,
  }));
  return { file: relative(root, file), sampledMs: Math.round(totalUs / 1000), idlePercent: Math.round((idleUs / Math.max(1, totalUs)) * 1000) / 10, top, groups: rankGroups(byGroup, busyUs) };
}

function locationOf(frame: CallFrame, root: string): string {
  if (frame.url === '') return '(native)';
  const path = frame.url.startsWith('file://') ? relative(root, new URL(frame.url).pathname) : frame.url;
  // lineNumber is 0-based in profiles
  return `${path}:${frame.lineNumber + 1}`;
}
