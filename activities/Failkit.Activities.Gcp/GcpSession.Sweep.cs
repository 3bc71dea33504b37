using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Gcp;

public sealed partial class GcpSession
{
    /// <summary>Resource kinds in teardown order: instances first (their auto-delete disks go with them), then
    /// what is left. GCE has no NIC resource: network interfaces live and die with the instance.</summary>
    private static readonly (string Type, string Collection, bool Aggregated)[] Kinds =
    [
        ("instance", "instances", true),
        ("disk", "disks", true),
        ("image", "images", false),
        ("snapshot", "snapshots", false),
        ("ip", "addresses", true),
    ];

    /// <remarks>Any failure short of the caller's cancellation (throttled past the retry limit, a timeout, a refused
    /// delete) is a line in the report: teardown must get as far as it can.</remarks>
    public async Task<TeardownReport> TeardownAsync(string drillTagValue, CancellationToken ct)
    {
        var deleted = new ConcurrentBag<CloudResource>();
        var failures = new ConcurrentBag<TeardownFailure>();
        var requestIds = new ConcurrentBag<string>();
        foreach (var kind in Kinds)
        {
            IReadOnlyList<(CloudResource Resource, string Link)> found;
            try
            {
                found = await ListAsync(kind, drillTagValue, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                failures.Add(new TeardownFailure(new CloudResource(kind.Type, "*"), $"could not list {kind.Collection}: {ex.Message}"));
                continue;
            }

            await Task.WhenAll(found.Select(async item =>
            {
                try
                {
                    var operation = await rest.SendAsync(HttpMethod.Delete, ComputeLink(item.Link), null, ct, notFoundIsNull: true);
                    if (operation is not null)
                    {
                        operation = await WaitAsync(operation, null, ct);
                        requestIds.Add((string?)operation["name"] ?? "");
                    }

                    deleted.Add(item.Resource);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    failures.Add(new TeardownFailure(item.Resource, ex.Message));
                }
            }));
        }

        await DeleteStagingAsync(drillTagValue, deleted, failures, ct);
        return new TeardownReport([.. deleted], [.. failures], [.. requestIds.Where(id => id.Length > 0)]);
    }

    public async Task<IReadOnlyList<CloudResource>> SweepAsync(string drillTagValue, CancellationToken ct)
    {
        var left = new List<CloudResource>();
        foreach (var kind in Kinds)
        {
            left.AddRange((await ListAsync(kind, drillTagValue, ct)).Select(f => f.Resource));
        }

        left.AddRange((await ListObjectsAsync(drillTagValue, ct)).Select(StagedObject));
        return left;
    }

    private async Task DeleteStagingAsync(string drillTagValue, ConcurrentBag<CloudResource> deleted, ConcurrentBag<TeardownFailure> failures, CancellationToken ct)
    {
        IReadOnlyList<string> objects;
        try
        {
            objects = await ListObjectsAsync(drillTagValue, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            failures.Add(new TeardownFailure(new CloudResource("object", $"gs://{settings.StagingBucket}/{GcpNames.StagingPrefix(drillTagValue)}*"), ex.Message));
            return;
        }

        foreach (var name in objects)
        {
            try
            {
                await DeleteObjectAsync(name, ct);
                deleted.Add(StagedObject(name));
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                failures.Add(new TeardownFailure(StagedObject(name), ex.Message));
            }
        }
    }

    private CloudResource StagedObject(string name) => new("object", $"gs://{settings.StagingBucket}/{name}", name);

    private async Task<IReadOnlyList<(CloudResource Resource, string Link)>> ListAsync(
        (string Type, string Collection, bool Aggregated) kind, string drillTagValue, CancellationToken ct)
    {
        var filter = Uri.EscapeDataString($"labels.{DrillTags.Key} = \"{GcpNames.Label(drillTagValue)}\"");
        var path = kind.Aggregated ? $"aggregated/{kind.Collection}?returnPartialSuccess=true&" : $"global/{kind.Collection}?";
        var found = new List<(CloudResource, string)>();
        string? page = null;
        do
        {
            var uri = Compute($"{path}filter={filter}" + (page is null ? "" : $"&pageToken={Uri.EscapeDataString(page)}"));
            var list = await rest.SendAsync(HttpMethod.Get, uri, null, ct) ?? [];
            var items = kind.Aggregated
                ? (list["items"] as JsonObject ?? []).SelectMany(scope => scope.Value?[kind.Collection] as JsonArray ?? [])
                : list["items"] as JsonArray ?? [];
            foreach (var item in items.OfType<JsonObject>())
            {
                var self = (string?)item["selfLink"] ?? throw new CloudOperationException($"a listed {kind.Type} has no selfLink");
                found.Add((new CloudResource(kind.Type, Relative(self), Name(item)), self));
            }

            page = (string?)list["nextPageToken"];
        }
        while (page is { Length: > 0 });
        return found;
    }

    private async Task<IReadOnlyList<string>> ListObjectsAsync(string drillTagValue, CancellationToken ct)
    {
        var names = new List<string>();
        string? page = null;
        do
        {
            var uri = Storage($"storage/v1/b/{Uri.EscapeDataString(settings.StagingBucket)}/o?prefix={Uri.EscapeDataString(GcpNames.StagingPrefix(drillTagValue))}"
                + (page is null ? "" : $"&pageToken={Uri.EscapeDataString(page)}"));
            var list = await rest.SendAsync(HttpMethod.Get, uri, null, ct) ?? [];
            names.AddRange((list["items"] as JsonArray ?? []).OfType<JsonObject>().Select(o => (string?)o["name"]).OfType<string>());
            page = (string?)list["nextPageToken"];
        }
        while (page is { Length: > 0 });
        return names;
    }
}
