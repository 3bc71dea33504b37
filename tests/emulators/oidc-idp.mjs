// An OpenID Provider on loopback for the SSO tests (tests/Failkit.Sso.Tests starts it).
// Environment: PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI. Prints "ready <issuer>" once it listens.
// devInteractions serves the login and consent forms; any login name is accepted, and the accounts below
// decide the claims. email and name are returned from userinfo only (oidc-provider's conformIdTokenClaims).
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const roles = { alice: ['idp-admins', 'staff'], bob: ['idp-ops'], carol: ['nobody-maps-this'] };

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.CLIENT_ID,
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: [process.env.REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  cookies: { keys: ['failkit-sso-tests-only'] },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: `${id}@example.test`, email_verified: true, name: `${id[0].toUpperCase()}${id.slice(1)} Example`, groups: roles[id] ?? [] };
      },
    };
  },
});

http.createServer(provider.callback()).listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
