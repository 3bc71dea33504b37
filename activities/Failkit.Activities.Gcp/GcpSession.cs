using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Gcp;

/// <summary>A drill session on one GCP project and zone, over the Compute Engine and Cloud Storage JSON APIs.</summary>
public sealed partial class GcpSession(CloudAccount account, GcpSettings settings, GcpRest rest, TimeProvider time, GcpSessionOptions? options = null)
    : ICloudSession
{
    private readonly GcpSessionOptions _options = options ?? new GcpSessionOptions();

    public bool Simulated => false;

    public CloudCalls Calls => rest.Calls;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public Task<ProbeAttempt> ProbeAsync(CloudInstance instance, ProbeSpec probe, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(probe);
        // GCE has no run-command: a script would need an agent of ours inside the guest. See the decision record.
        return probe.Kind == ProbeKind.Script
            ? Task.FromResult(new ProbeAttempt(false, $"script probe '{probe.Name}' cannot run on GCP: Compute Engine has no run-command; use an HTTP or TCP probe"))
            : DirectProbe.RunAsync(instance, probe, ct);
    }

    private Uri Compute(string pathUnderProject) => new(settings.ComputeEndpoint, $"projects/{settings.ProjectId}/{pathUnderProject}");

    /// <summary>A selfLink or relative name (<c>projects/…</c>) resolved against the configured endpoint, so a
    /// fake or a private endpoint receives every call.</summary>
    private Uri ComputeLink(string link)
    {
        var at = link.IndexOf("projects/", StringComparison.Ordinal);
        return at < 0 ? throw new CloudOperationException($"'{link}' is not a Compute Engine resource link") : new Uri(settings.ComputeEndpoint, link[at..]);
    }

    private Uri Storage(string path) => new(settings.StorageEndpoint, path);

    private static string Relative(string link)
    {
        var at = link.IndexOf("projects/", StringComparison.Ordinal);
        return at < 0 ? link : link[at..];
    }

    private JsonObject Labels(string drillTagValue, string vmName, IReadOnlyDictionary<string, string> tags)
    {
        var labels = new JsonObject();
        foreach (var (key, value) in account.Tags.Concat(tags))
        {
            labels[GcpNames.Label(key)] = GcpNames.Label(value);
        }

        labels[DrillTags.Key] = GcpNames.Label(drillTagValue);
        labels[DrillTags.VmKey] = GcpNames.Label(vmName);
        return labels;
    }

    private static string Name(JsonObject resource) => (string?)resource["name"] ?? throw new CloudOperationException("Compute Engine returned a resource without a name");
}
