// Packaging cannot run here (it downloads Electron), so electron-builder.yml is checked the way
// electron-builder itself would load and validate it (its own config loader and JSON schema),
// and then for what the desk needs: three platforms' targets, the fuses, what goes into the
// asar and what stays out, the app id, the user-data folder's name, and icons that are what
// their names say.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'electron-builder';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { USER_DATA_FOLDER } from '../../../main/electron/launchSettings';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
let config: Configuration;

type Target = { target: string; arch?: string[] };
const targetsOf = (platform: 'win' | 'mac' | 'linux') => ((config[platform]?.target ?? []) as Target[]).map((entry) => entry.target);

beforeAll(async () => {
  config = await getConfig(projectRoot, 'electron-builder.yml', null);
});

describe('electron-builder.yml', () => {
  it('is valid for electron-builder (its own schema)', async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add: () => {} } as unknown as Parameters<typeof validateConfiguration>[1])).resolves.toBeUndefined();
  });

  it('names the app: id, product name (= the user-data folder), output folder, icons folder', () => {
    expect(config.appId).toBe('app.boxoffice.desk');
    expect(config.productName).toBe(USER_DATA_FOLDER);
    expect(config.directories).toMatchObject({ output: 'release', buildResources: 'build' });
  });

  it.each([
    ['win', ['nsis']],
    ['mac', ['dmg']],
    ['linux', ['AppImage', 'deb']],
  ] as const)('builds %s installers: %j', (platform, targets) => {
    expect(targetsOf(platform)).toEqual(targets);
  });

  it('keeps the database when the desk is uninstalled or reinstalled on Windows', () => {
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false);
  });

  it('gives deb packages a maintainer (deb refuses to build without one)', () => {
    expect(config.linux?.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
  });

  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['onlyLoadAppFromAsar', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['grantFileProtocolExtraPrivileges', false],
  ] as const)('sets the fuse %s to %s', (fuse, value) => {
    expect(config.electronFuses?.[fuse]).toBe(value);
  });

  it('packs an asar whose integrity can be checked', () => {
    expect(config.asar).toBe(true);
  });

  describe('what goes into the app', () => {
    const patterns = () => (config.files as { filter: string[] }[]).flatMap((set) => set.filter);

    it.each(['package.json', 'dist/renderer/**', 'dist-electron/**'])('includes %s', (pattern) => {
      expect(patterns()).toContain(pattern);
    });

    it('leaves out source maps and node_modules (esbuild bundled every dependency)', () => {
      expect(patterns()).toEqual(expect.arrayContaining(['!**/*.map', '!node_modules']));
    });

    it('includes nothing else: no sources, tests, server, scripts or data', () => {
      const included = patterns().filter((pattern) => !pattern.startsWith('!'));
      expect(included.sort()).toEqual(['dist-electron/**', 'dist/renderer/**', 'package.json']);
      for (const source of ['main/', 'shared/', 'renderer/', 'server/', 'test/', 'scripts/', '.desk-data/', 'src/']) {
        expect(included.some((pattern) => pattern.startsWith(source) || pattern === '**/*' || pattern === '**')).toBe(false);
      }
    });

    it('starts from the bundled main process the package names', async () => {
      const pkg = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
      expect(pkg.main).toBe('dist-electron/main.js');
      expect(pkg.scripts.dist).toBe('npm run build && electron-builder --config electron-builder.yml');
    });
  });
});

describe('icons', () => {
  const read = (file: string) => readFile(path.join(projectRoot, file));
  const pngSize = (png: Buffer) => {
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    return [png.readUInt32BE(16), png.readUInt32BE(20)];
  };

  it('the platform icons the configuration names exist', async () => {
    for (const file of [config.win?.icon, config.mac?.icon, config.linux?.icon]) {
      expect(file).toBeTruthy();
      await expect(stat(path.join(projectRoot, file!))).resolves.toBeTruthy();
    }
  });

  it('build/icon.png is a 1024 px square PNG', async () => {
    expect(pngSize(await read('build/icon.png'))).toEqual([1024, 1024]);
  });

  it.each([16, 32, 48, 64, 128, 256, 512])('build/icons/%ix%i.png is that size (Linux)', async (size) => {
    expect(pngSize(await read(`build/icons/${size}x${size}.png`))).toEqual([size, size]);
  });

  it('build/icon.ico holds 16 to 256 px images (Windows)', async () => {
    const ico = await read('build/icon.ico');
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, index) => {
      const entry = 6 + 16 * index;
      const image = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
      const [width] = pngSize(image);
      expect(ico[entry] === 0 ? 256 : ico[entry]).toBe(width);
      return width;
    });
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('build/icon.icns holds 128 to 1024 px images (macOS)', async () => {
    const icns = await read('build/icon.icns');
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const sizes = new Map<string, number>();
    for (let offset = 8; offset < icns.length;) {
      const type = icns.subarray(offset, offset + 4).toString('ascii');
      const length = icns.readUInt32BE(offset + 4);
      sizes.set(type, pngSize(icns.subarray(offset + 8, offset + length))[0]!);
      offset += length;
    }
    expect(Object.fromEntries(sizes)).toMatchObject({ ic07: 128, ic08: 256, ic09: 512, ic10: 1024 });
  });
});
