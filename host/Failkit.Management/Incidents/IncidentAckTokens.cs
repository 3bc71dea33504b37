using System.Security.Cryptography;
using System.Text;
using Failkit.Management.Secrets;
using Microsoft.AspNetCore.WebUtilities;

namespace Failkit.Management.Incidents;

/// <summary>The signed acknowledgement link of each incident email: the token is an HMAC under the management
/// secret of the incident and the recipient, so it acknowledges for that recipient's tenant only, needs no table and
/// cannot be forged without the secret (docs/decisions/notifications-incident-workflow.md).</summary>
public sealed class IncidentAckTokens(ManagementSecret secret, ManagementOptions options)
{
    public async Task<string> TokenAsync(Guid incidentId, Guid recipientId, CancellationToken ct) =>
        WebEncoders.Base64UrlEncode(await secret.DeriveAsync(Label(incidentId, recipientId), ct));

    public async Task<bool> VerifyAsync(Guid incidentId, Guid recipientId, string? token, CancellationToken ct)
    {
        var expected = Encoding.ASCII.GetBytes(await TokenAsync(incidentId, recipientId, ct));
        return token is not null && CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(token));
    }

    /// <summary>The page on the management plane's public URL where the recipient confirms with one click.</summary>
    public async Task<Uri> LinkAsync(Guid incidentId, Guid recipientId, CancellationToken ct) =>
        new(options.PublicUrl, $"api/incidents/{incidentId}/acknowledge?recipient={recipientId}&token={await TokenAsync(incidentId, recipientId, ct)}");

    private static string Label(Guid incidentId, Guid recipientId) => $"incident-ack:{incidentId:N}:{recipientId:N}";
}
