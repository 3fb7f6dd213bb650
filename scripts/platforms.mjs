// The platforms the extension is packaged for (scripts/build.mjs --target, scripts/package.mjs).

/**
 * VS Code platform (`vsce package --target`) -> the classic-level prebuild it loads
 * (prebuilds/<folder>/<file>, as node-gyp-build picks it). win32-arm64 has none.
 */
export const NATIVE_PREBUILDS = {
  'linux-x64': ['linux-x64', 'classic-level.node'],
  'alpine-x64': ['linux-x64', 'classic-level.musl.node'],
  'linux-arm64': ['linux-arm64', 'classic-level.armv8.node'],
  'linux-armhf': ['linux-arm', 'classic-level.armv7.node'],
  'darwin-x64': ['darwin-x64+arm64', 'classic-level.node'],
  'darwin-arm64': ['darwin-x64+arm64', 'classic-level.node'],
  'win32-x64': ['win32-x64', 'classic-level.node'],
};
