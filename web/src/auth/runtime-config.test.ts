import { describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from './runtime-config.ts';

describe('the runtime config', () => {
  it('reads local mode as the local server answers it', () => {
    expect(
      parseRuntimeConfig({ mode: 'local', issuer: 'http://127.0.0.1:3000/local' }, 'http://x'),
    ).toEqual({ mode: 'local', issuer: 'http://127.0.0.1:3000/local', apiBaseUrl: '' });
  });

  it('reads cognito mode with its defaults', () => {
    expect(
      parseRuntimeConfig(
        {
          mode: 'cognito',
          authority: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_P',
          clientId: 'c',
          redirectUri: 'https://app.example.com/auth/callback',
          apiBaseUrl: 'https://api.example.com/',
        },
        'https://app.example.com',
      ),
    ).toMatchObject({
      scope: 'openid email profile',
      logoutUri: 'https://app.example.com',
      apiBaseUrl: 'https://api.example.com',
    });
  });

  it('refuses plain http off this machine, and unknown modes', () => {
    expect(() =>
      parseRuntimeConfig(
        { mode: 'cognito', authority: 'http://idp.example', clientId: 'c', redirectUri: 'x' },
        'https://a',
      ),
    ).toThrow(/https/);
    expect(() => parseRuntimeConfig({ mode: 'magic' }, 'https://a')).toThrow(/mode/);
  });

  it('reads the intake domain when the file names one, lower-cased, and refuses what is not a domain', () => {
    const origin = 'http://127.0.0.1:3000';
    expect(
      parseRuntimeConfig({ mode: 'local', issuer: 'x', intakeDomain: 'Intake.Example' }, origin),
    ).toMatchObject({ intakeDomain: 'intake.example' });
    expect(parseRuntimeConfig({ mode: 'local', issuer: 'x' }, origin)).not.toHaveProperty(
      'intakeDomain',
    );
    expect(() =>
      parseRuntimeConfig(
        { mode: 'local', issuer: 'x', intakeDomain: 'evil.example/<script>' },
        origin,
      ),
    ).toThrow('"intakeDomain" must be a domain name');
  });
});
