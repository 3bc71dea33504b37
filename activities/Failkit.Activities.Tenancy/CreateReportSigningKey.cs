using Failkit.Management.Planes;
using Failkit.Tenancy.Evidence;
using Failkit.Workflows.Core;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using NSec.Cryptography;

namespace Failkit.Activities.Tenancy;

[Activity("Failkit", "Tenancy", "Create the tenant's Ed25519 report-signing key; the private key is protected under the tenant's own key ring.")]
public sealed class CreateReportSigningKey : CodeActivity<string>
{
    [Input(Description = "The tenant's slug.", IsRequired = true)]
    public Input<string> Slug { get; set; } = new("");

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var slug = TenantStep.Slug(context, Slug);
        var database = await TenantStep.DatabaseAsync(context, slug);
        await using var conn = new NpgsqlConnection(database.OwnerConnectionString);
        await conn.OpenAsync(context.CancellationToken);
        if (await CurrentPublicKeyAsync(conn, context.CancellationToken) is not { } publicKey)
        {
            var protector = context.GetRequiredService<TenantKeyRings>().For(slug).CreateProtector(EvidenceSchema.SigningKeyPurpose);
            using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
            var privateKey = key.Export(KeyBlobFormat.RawPrivateKey);
            try
            {
                // The unique index on the current key makes a second insert (a rerun, a racing replica) a no-op.
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO evidence.signing_keys (id, algorithm, public_key, protected_private_key, created_at)
                    VALUES ($1, 'Ed25519', $2, $3, $4) ON CONFLICT DO NOTHING
                    """, conn);
                insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7(context.Now) });
                insert.Parameters.Add(new NpgsqlParameter { Value = key.PublicKey.Export(KeyBlobFormat.RawPublicKey) });
                insert.Parameters.Add(new NpgsqlParameter { Value = protector.Protect(privateKey) });
                insert.Parameters.Add(new NpgsqlParameter { Value = context.Now });
                await insert.ExecuteNonQueryAsync(context.CancellationToken);
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(privateKey);
            }

            publicKey = await CurrentPublicKeyAsync(conn, context.CancellationToken)
                ?? throw new InvalidOperationException($"The signing key of '{slug}' vanished after it was written.");
        }

        // The public key is published per tenant; it is the step's result, so the journal shows which key was made.
        context.Set(Result, Convert.ToBase64String(publicKey));
    }

    private static async Task<byte[]?> CurrentPublicKeyAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT public_key FROM evidence.signing_keys WHERE retired_at IS NULL", conn);
        return await cmd.ExecuteScalarAsync(ct) as byte[];
    }
}
