/** One size format for the explorer and the details panel, with one word for bytes. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { formatBytes } from '../../../src/model/live';

describe('formatBytes', () => {
  it('says bytes below a KB, then one decimal in KB, MB, GB, TB', () => {
    assert.equal(formatBytes(0), '0 bytes');
    assert.equal(formatBytes(1023), '1023 bytes');
    assert.equal(formatBytes(1024), '1.0 KB');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(3 * 1024 ** 3), '3.0 GB');
    assert.equal(formatBytes(2 * 1024 ** 5), '2048.0 TB');
  });
});
