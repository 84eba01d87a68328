import assert from 'node:assert/strict';
import { isDebianLike, packageIndexUrl } from './machine';

describe('machine probes', () => {
  describe('isDebianLike', () => {
    it('recognises Debian, Ubuntu and their derivatives from /etc/os-release', () => {
      assert.equal(isDebianLike('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n'), true);
      assert.equal(isDebianLike('ID=ubuntu\nID_LIKE=debian\n'), true);
      assert.equal(isDebianLike('ID=linuxmint\nID_LIKE="ubuntu debian"\n'), true);
    });
    it('refuses other distributions and an empty file', () => {
      assert.equal(isDebianLike('ID=fedora\nID_LIKE="rhel centos"\n'), false);
      assert.equal(isDebianLike('ID="debianish"\n'), false);
      assert.equal(isDebianLike(''), false);
    });
  });

  describe('packageIndexUrl', () => {
    it("is PyPI's simple index unless PIP_INDEX_URL names a mirror", () => {
      assert.equal(packageIndexUrl({}), 'https://pypi.org/simple');
      assert.equal(
        packageIndexUrl({ PIP_INDEX_URL: 'http://127.0.0.1:3141/root/pypi/+simple/' }),
        'http://127.0.0.1:3141/root/pypi/+simple',
      );
    });
  });
});
