import { describe, expect, it } from 'vitest';
import { InvalidConnectionUrlError, catalogSourceId, connectionTarget } from '../../../ingestors/postgres/index.js';
import { withoutPassword } from '../../../ingestors/postgres/connectionTarget.js';

// Pure URL handling: needs no server, so unlike the catalog tests it runs without DATABASE_URL.
describe('postgres connection target', () => {
  it('names the namespace postgres://host:port, defaulting the port to 5432', () => {
    expect(connectionTarget('postgres://alice:s3cret@Warehouse.example.com/risk')).toEqual({
      host: 'warehouse.example.com',
      port: 5432,
      database: 'risk',
      namespace: 'postgres://warehouse.example.com:5432',
      password: 's3cret',
    });
    expect(connectionTarget('postgresql://db:6543/risk').namespace).toBe('postgres://db:6543');
  });

  it('takes the database from the path, else from the user name as libpq does', () => {
    expect(connectionTarget('postgres://alice@db:5432/my%20db').database).toBe('my db');
    expect(connectionTarget('postgres://alice@db:5432').database).toBe('alice');
    expect(() => connectionTarget('postgres://db:5432')).toThrow(InvalidConnectionUrlError);
  });

  it('makes each schema filter its own source, in a stable order, and never includes the password', () => {
    const url = 'postgres://alice:p%40ss@db:5432/risk';
    expect(catalogSourceId(connectionTarget(url))).toBe('postgres:db:5432/risk');
    expect(catalogSourceId(connectionTarget(url, ['mart', ' ods', 'mart']))).toBe('postgres:db:5432/risk?schemas=mart,ods');
    expect(catalogSourceId(connectionTarget(url, []))).toBe('postgres:db:5432/risk');
    expect(connectionTarget(url).password).toBe('p@ss');
  });

  it('refuses what is not a postgres URL without repeating it', () => {
    for (const url of ['host=db password=hunter2', 'mysql://u:hunter2@db/risk']) {
      let message = '';
      try {
        connectionTarget(url);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidConnectionUrlError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/^invalid PostgreSQL connection URL/);
      expect(message).not.toContain('hunter2');
    }
  });

  it('scrubs the password, raw or URL-encoded, from messages', () => {
    expect(withoutPassword('failed for p@ss and p%40ss', { password: 'p@ss' })).toBe('failed for *** and ***');
    expect(withoutPassword('nothing to hide', {})).toBe('nothing to hide');
  });
});
