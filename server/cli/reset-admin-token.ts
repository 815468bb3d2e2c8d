// `reset-admin-token`: for a lost generated token. Stores a new token's hash and prints the token
// once; the running server keeps the hash it read at start, so it must be restarted.
import { resetAdminToken } from '../auth/admin-token.js';
import { CommandError, type CommandContext } from './command.js';

export async function resetAdminTokenCommand({ db, config, out, now }: CommandContext): Promise<void> {
  if (config.adminToken !== undefined) {
    throw new CommandError(
      'CANDOR_ADMIN_TOKEN is set, so the environment decides the admin token and the stored one is not used. ' +
        'To change the token, change CANDOR_ADMIN_TOKEN and restart Candor; to go back to a generated token, unset it.',
    );
  }
  const token = await resetAdminToken(db, now());
  out('Your new admin token (shown this once; only its hash is stored):');
  out('');
  out(`    ${token}`);
  out('');
  out('The old token no longer works once Candor restarts. Restart the running server now:');
  out('it reads the token at start and accepts only the old one until then.');
}
