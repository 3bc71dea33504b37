namespace Failkit.Identity.Bootstrap;

/// <summary>Spends a bootstrap token at the management plane, which alone knows the tokens (hash only) and enforces
/// single use, expiry and the tenant binding.</summary>
public interface IBootstrapTokenRedeemer
{
    Task<BootstrapRedemption> RedeemAsync(string token, CancellationToken ct);
}

/// <summary>Either the tenant the token was minted for, or why it was refused.</summary>
public sealed record BootstrapRedemption(string? TenantId, BootstrapFailure? Failure)
{
    public bool Succeeded => Failure is null;

    public static BootstrapRedemption For(string tenantId) => new(tenantId, null);

    public static BootstrapRedemption Refused(BootstrapFailure failure) => new(null, failure);
}

/// <summary>The management plane's <c>failure</c> values (docs/decisions/planes-internal-api.md), plus
/// <see cref="Unavailable"/> when it could not be asked.</summary>
public enum BootstrapFailure
{
    Unknown,
    Expired,
    Used,
    WrongTenant,
    TenantInactive,
    Unavailable,
}
