namespace Failkit.Sso;

/// <summary>The tenant plane's four roles, least privileged first: the order is what "highest" means when a user
/// carries several mapped IdP values.</summary>
public enum SsoRole
{
    Auditor,
    Operator,
    Admin,
    Owner,
}
