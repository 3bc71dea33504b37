using Microsoft.AspNetCore.Http;

namespace Failkit.CloudFakes.Gcp;

public sealed partial class FakeGcp
{
    /// <summary>Maps a request to the API method name (as in Google's discovery documents, used by fault injection
    /// and call counts) and the handler that runs under the fake's lock.</summary>
    private (string? Method, Func<byte[], FakeReply>? Handler) Route(string verb, string[] s, IQueryCollection q)
    {
        string? Query(string key) => q[key] is { Count: > 0 } v ? v.ToString() : null;
        switch (verb, s)
        {
            case ("POST", ["upload", "storage", "v1", "b", var bucket, "o"]) when Query("uploadType") == "media":
                return ("objects.insert", body => InsertObject(bucket, Query("name"), body));
            case ("GET", ["storage", "v1", "b", var bucket, "o"]):
                return ("objects.list", _ => ListObjects(bucket, Query("prefix") ?? "", Query("pageToken")));
            case ("DELETE", ["storage", "v1", "b", var bucket, "o", var name]):
                return ("objects.delete", _ => DeleteObject(bucket, name));
            case (_, ["compute", "v1", "projects", var project, .. var rest]) when project != Project:
                return ("projects.get", _ => NotFound($"projects/{project}"));
            case (_, ["compute", "v1", "projects", _, .. var rest]):
                return ComputeRoute(verb, rest, Query);
            default:
                return (null, null);
        }
    }

    private (string?, Func<byte[], FakeReply>?) ComputeRoute(string verb, string[] s, Func<string, string?> q) => (verb, s) switch
    {
        ("GET", ["global", "images"]) => ("images.list", _ => ListGlobal(_images.Values.Select(i => (i.Labels, ImageJson(i))), q("filter"), q("pageToken"))),
        ("POST", ["global", "images"]) => ("images.insert", body => InsertImage(body, q("requestId"))),
        ("GET", ["global", "images", var name]) => ("images.get", _ => _images.TryGetValue(name, out var image) ? FakeReply.Ok(ImageJson(image)) : NotFound($"projects/{Project}/global/images/{name}")),
        ("DELETE", ["global", "images", var name]) => ("images.delete", _ => DeleteImage(name)),
        ("GET", ["global", "snapshots"]) => ("snapshots.list", _ => ListGlobal(_snapshots.Values.Select(x => (x.Labels, LabelledJson("snapshot", x))), q("filter"), q("pageToken"))),
        ("DELETE", ["global", "snapshots", var name]) => ("snapshots.delete", _ => DeleteLabelled(_snapshots, name, "global", "snapshots")),
        ("POST", ["global", "operations", var op, "wait"]) => ("globalOperations.wait", _ => WaitOperation(op)),
        ("GET", ["global", "operations", var op]) => ("globalOperations.get", _ => GetOperation(op)),
        ("POST", ["zones", _, "operations", var op, "wait"]) => ("zoneOperations.wait", _ => WaitOperation(op)),
        ("GET", ["zones", _, "operations", var op]) => ("zoneOperations.get", _ => GetOperation(op)),
        ("POST", ["regions", _, "operations", var op, "wait"]) => ("regionOperations.wait", _ => WaitOperation(op)),
        ("GET", ["regions", _, "operations", var op]) => ("regionOperations.get", _ => GetOperation(op)),
        ("POST", ["zones", var zone, "instances"]) => ("instances.insert", body => InsertInstance(zone, body, q("requestId"))),
        ("GET", ["zones", var zone, "instances", var name]) => ("instances.get", _ => GetInstance(zone, name)),
        ("DELETE", ["zones", var zone, "instances", var name]) => ("instances.delete", _ => DeleteInstance(zone, name)),
        ("GET", ["zones", var zone, "instances", var name, "getGuestAttributes"]) => ("instances.getGuestAttributes", _ => GuestAttributes(zone, name, q("queryPath"))),
        ("GET", ["zones", var zone, "instances", var name, "serialPort"]) => ("instances.getSerialPortOutput", _ => SerialPort(zone, name)),
        ("GET", ["zones", var zone, "disks", var name]) => ("disks.get", _ => _disks.TryGetValue($"{zone}/{name}", out var disk) ? FakeReply.Ok(DiskJson(disk)) : NotFound($"projects/{Project}/zones/{zone}/disks/{name}")),
        ("DELETE", ["zones", var zone, "disks", var name]) => ("disks.delete", _ => DeleteDisk(zone, name)),
        ("DELETE", ["regions", var region, "addresses", var name]) => ("addresses.delete", _ => DeleteLabelled(_addresses, $"{region}/{name}", $"regions/{region}", "addresses")),
        ("GET", ["aggregated", "instances"]) => ("instances.aggregatedList", _ => ListAggregated("instances", _instances.Values.Select(i => ($"zones/{i.Zone}", i.Labels, InstanceJson(i))), q("filter"), q("pageToken"))),
        ("GET", ["aggregated", "disks"]) => ("disks.aggregatedList", _ => ListAggregated("disks", _disks.Values.Select(d => ($"zones/{d.Zone}", d.Labels, DiskJson(d))), q("filter"), q("pageToken"))),
        ("GET", ["aggregated", "addresses"]) => ("addresses.aggregatedList", _ => ListAggregated("addresses", _addresses.Values.Select(a => (a.Scope, a.Labels, LabelledJson("address", a))), q("filter"), q("pageToken"))),
        _ => (null, null),
    };
}
