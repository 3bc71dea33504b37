namespace Failkit.Sso.Storage;

/// <summary>Assertion ids already accepted, in PostgreSQL so a response replayed to the other replica is caught.
/// An id is kept until its assertion would be rejected as expired anyway.</summary>
public sealed class SamlReplayCache(SsoDatabase db, TimeProvider clock)
{
    /// <summary>Records the id; false when it was already there (a replay).</summary>
    internal async Task<bool> TryRecordAsync(string assertionId, DateTimeOffset keepUntil, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        // Expired ids are swept here rather than by a background job: every login pays a tiny, indexed delete.
        await using (var sweep = SsoDatabase.Command(conn, "DELETE FROM sso.saml_replay WHERE expires_at <= $1", clock.GetUtcNow()))
        {
            await sweep.ExecuteNonQueryAsync(ct);
        }

        await using var insert = SsoDatabase.Command(conn,
            "INSERT INTO sso.saml_replay (assertion_id, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", assertionId, keepUntil);
        return await insert.ExecuteNonQueryAsync(ct) == 1;
    }
}
