namespace Failkit.Management.Tokens;

/// <summary>What a bootstrap token may be redeemed for: seeding a tenant's first owner, or enrolling an agent.</summary>
public enum BootstrapTokenPurpose
{
    Owner,
    Agent,
}

/// <summary>Why a redemption failed. Kept for logs and tests; clients only ever see one generic message.</summary>
public enum TokenFailure
{
    None,
    Unknown,
    Expired,
    Used,
    WrongTenant,
    WrongPurpose,
    TenantInactive,
}

/// <summary>A freshly minted token. <see cref="Token"/> exists only here: the database keeps its SHA-256.</summary>
public sealed record MintedToken(Guid Id, Guid TenantId, BootstrapTokenPurpose Purpose, string Token, DateTimeOffset ExpiresAt);

/// <summary>The outcome of a redemption: the tenant the token was bound to, or the reason it was refused.</summary>
public sealed record TokenRedemption(Guid? TenantId, TokenFailure Failure)
{
    /// <summary>The one message a client gets, whatever the reason, so a caller cannot probe which tokens exist.</summary>
    public const string GenericFailureMessage = "the token is invalid, expired or already used";

    public bool Succeeded => Failure == TokenFailure.None;
}
