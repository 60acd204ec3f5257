// Memory of processes as Linux accounts it, from /proc: resident set (RSS), its peak (HWM),
// and the proportional set (PSS), which shares each shared page among the processes that map
// it, so that Chromium's processes can be added up without counting its code many times.
import { readdir, readFile } from 'node:fs/promises';

export type ProcessMemory = { pid: number; kind: string; rssMiB: number; peakRssMiB: number; pssMiB: number };

const mib = (kib: number) => Math.round(kib / 1024);

function field(text: string, name: string): number {
  const found = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
  return found ? Number(found[1]) : 0;
}

/**
 * Chromium's process kind from its command line: browser, renderer, gpu-process, zygote,
 * utility (with its service). Chromium rewrites its own command line as one string, so this
 * reads the text, not argv.
 */
function kindOf(commandLine: string): string {
  const type = /--type=(\S+)/.exec(commandLine)?.[1];
  if (!type) return /chrom(e|ium)(\s|$)/.test(commandLine) ? 'browser' : commandLine.split(/[\s\0]/)[0] ?? 'process';
  const service = /--utility-sub-type=(\S+?)\.mojom\.(\S+)/.exec(commandLine);
  if (service) return `utility ${service[2]}`;
  return commandLine.includes('--top-chrome-webui') ? `${type} (browser UI)` : type;
}

export async function processMemory(pid: number): Promise<ProcessMemory | null> {
  try {
    const [status, rollup, cmdline] = await Promise.all([
      readFile(`/proc/${pid}/status`, 'utf8'),
      readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => ''),
      readFile(`/proc/${pid}/cmdline`, 'utf8'),
    ]);
    return {
      pid,
      kind: kindOf(cmdline.replace(/\0/g, ' ').trim()),
      rssMiB: mib(field(status, 'VmRSS')),
      peakRssMiB: mib(field(status, 'VmHWM')),
      pssMiB: mib(field(rollup, 'Pss')),
    };
  } catch {
    return null; // gone meanwhile
  }
}

/** Every process of a process group (Chromium runs in its own, see killableProcesses.ts). */
export async function processGroupMemory(pgid: number): Promise<ProcessMemory[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const members: number[] = [];
  await Promise.all(pids.map(async (pid) => {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so split after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(rest[2]) === pgid) members.push(pid);
  }));
  const measured = await Promise.all(members.sort((a, b) => a - b).map(processMemory));
  return measured.filter((entry): entry is ProcessMemory => entry !== null);
}
