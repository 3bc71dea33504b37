// Attributes the saml-idp emulator puts in its assertions for the SSO tests (--configFile). The tests post
// userName, email, displayName and role with the sign-in form, so each login chooses its own values.
module.exports = {
  user: {
    userName: 'saml.user@example.test',
    nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    email: 'saml.user@example.test',
    displayName: 'Saml User',
    role: '',
  },
  metadata: [
    { id: 'email', optional: false, displayName: 'E-Mail Address', description: 'The e-mail address of the user', multiValue: false },
    { id: 'displayName', optional: true, displayName: 'Display Name', description: 'The display name of the user', multiValue: false },
    { id: 'role', optional: true, displayName: 'Role', description: 'Failkit role groups', multiValue: true },
  ],
};
