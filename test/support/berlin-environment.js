/**
 * Jest's Node environment in the Europe/Berlin zone, for tests of times without a zone: a machine
 * with summer time, where reading such times as local time would gain or lose an hour. The zone is
 * the process's own (a test's `process.env` is a copy), restored after the test file.
 */
const { TestEnvironment } = require('jest-environment-node');

class BerlinEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.zone = process.env.TZ;
    process.env.TZ = 'Europe/Berlin';
  }

  async teardown() {
    if (this.zone === undefined) delete process.env.TZ;
    else process.env.TZ = this.zone;
    await super.teardown();
  }
}

module.exports = BerlinEnvironment;
