using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Failkit.CloudFakes.Gcp;

public sealed partial class FakeGcp
{
    private static readonly Regex ResourceName = new("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$");
    private int _nextAddress = 1;

    private FakeReply InsertInstance(string zone, byte[] body, string? requestId)
    {
        if (requestId is not null && _operationsByRequestId.ContainsKey(requestId))
        {
            return NewOperation("insert", "", "", requestId);
        }

        var json = JsonNode.Parse(body) as JsonObject ?? [];
        var name = (string?)json["name"] ?? "";
        if (!ResourceName.IsMatch(name))
        {
            return Error(400, "invalid", $"Invalid value for field 'resource.name': '{name}'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{{0,61}}[a-z0-9])?)'");
        }

        if (_instances.ContainsKey($"{zone}/{name}"))
        {
            return Error(409, "alreadyExists", $"The resource 'projects/{Project}/zones/{zone}/instances/{name}' already exists");
        }

        var nic = json["networkInterfaces"]?[0];
        if (nic?["network"] is null && nic?["subnetwork"] is null)
        {
            return Error(400, "invalid", "Invalid value for field 'resource.networkInterfaces': ''. At least one network interface is required.");
        }

        var disks = new List<(string, bool, bool)>();
        var created = new List<FakeGceDisk>();
        foreach (var (disk, index) in (json["disks"] as JsonArray ?? []).Select((d, i) => (d!, i)))
        {
            var init = disk["initializeParams"];
            var image = ((string?)init?["sourceImage"] ?? "").Split('/')[^1];
            if (!_images.TryGetValue(image, out var source) || source.Status != "READY")
            {
                return Error(400, "invalid", $"Invalid value for field 'resource.disks[{index}].initializeParams.sourceImage': '{(string?)init?["sourceImage"]}'. The referenced image resource cannot be found or is not ready.");
            }

            var diskName = (string?)init?["diskName"] ?? (index == 0 ? name : $"{name}-{index}");
            created.Add(new FakeGceDisk { Zone = zone, Name = diskName, SourceImage = source.Name, Labels = Labels(init?["labels"]), Users = { Link($"zones/{zone}/instances/{name}") } });
            disks.Add((diskName, (bool?)disk["boot"] ?? index == 0, (bool?)disk["autoDelete"] ?? false));
        }

        if (disks.Count == 0 || !disks[0].Item2)
        {
            return Error(400, "invalid", "Invalid value for field 'resource.disks': ''. Boot disk must be the first disk attached to the instance.");
        }

        foreach (var disk in created)
        {
            _disks[$"{zone}/{disk.Name}"] = disk;
        }

        _instances[$"{zone}/{name}"] = new FakeGceInstance
        {
            Zone = zone,
            Name = name,
            Id = NextId(),
            MachineType = (string?)json["machineType"] ?? "",
            Network = (string?)nic?["network"] ?? "",
            Subnetwork = (string?)nic?["subnetwork"] ?? "",
            NetworkIp = PrivateAddress ?? $"10.128.0.{1 + _nextAddress++}",
            Labels = Labels(json["labels"]),
            Disks = disks,
            Metadata = json["metadata"]?.DeepClone(),
            Tags = json["tags"]?.DeepClone(),
        };
        return NewOperation("insert", $"zones/{zone}/instances/{name}", $"zones/{zone}", requestId);
    }

    private FakeReply GetInstance(string zone, string name)
    {
        if (!_instances.TryGetValue($"{zone}/{name}", out var instance))
        {
            return NotFound($"projects/{Project}/zones/{zone}/instances/{name}");
        }

        instance.Polls++;
        instance.Running = instance.Polls > RunningAfterPolls;
        return FakeReply.Ok(InstanceJson(instance));
    }

    private FakeReply DeleteInstance(string zone, string name)
    {
        if (!_instances.TryGetValue($"{zone}/{name}", out var instance))
        {
            return NotFound($"projects/{Project}/zones/{zone}/instances/{name}");
        }

        if (_failDelete.Contains(name))
        {
            return NewOperation("delete", $"zones/{zone}/instances/{name}", $"zones/{zone}", null, error: ("INTERNAL_ERROR", "Internal error. Please try again or contact Google Support."));
        }

        return NewOperation("delete", $"zones/{zone}/instances/{name}", $"zones/{zone}", null, () =>
        {
            _instances.Remove($"{zone}/{name}");
            foreach (var (diskName, _, autoDelete) in instance.Disks)
            {
                if (_disks.TryGetValue($"{zone}/{diskName}", out var disk))
                {
                    disk.Users.Clear();
                    // A disk marked to fail its delete survives the instance's auto-delete: it leaks.
                    if (autoDelete && !_failDelete.Contains(diskName))
                    {
                        _disks.Remove($"{zone}/{diskName}");
                    }
                }
            }
        });
    }

    private FakeReply DeleteDisk(string zone, string name)
    {
        if (!_disks.TryGetValue($"{zone}/{name}", out var disk))
        {
            return NotFound($"projects/{Project}/zones/{zone}/disks/{name}");
        }

        if (disk.Users.Count > 0)
        {
            return Error(400, "resourceInUseByAnotherResource", $"The disk resource 'projects/{Project}/zones/{zone}/disks/{name}' is already being used by '{disk.Users[0]}'");
        }

        return _failDelete.Contains(name)
            ? NewOperation("delete", $"zones/{zone}/disks/{name}", $"zones/{zone}", null, error: ("RESOURCE_OPERATION_RATE_EXCEEDED", $"Operation rate exceeded for resource 'projects/{Project}/zones/{zone}/disks/{name}'. Too frequent operations from the source resource."))
            : NewOperation("delete", $"zones/{zone}/disks/{name}", $"zones/{zone}", null, () => _disks.Remove($"{zone}/{name}"));
    }

    private FakeReply GuestAttributes(string zone, string name, string? queryPath)
    {
        if (!_instances.TryGetValue($"{zone}/{name}", out var instance))
        {
            return NotFound($"projects/{Project}/zones/{zone}/instances/{name}");
        }

        var enabled = (instance.Metadata?["items"] as JsonArray ?? []).Any(i => (string?)i?["key"] == "enable-guest-attributes" && ((string?)i?["value"])?.ToUpperInvariant() == "TRUE");
        if (!enabled || !instance.Running || instance.Polls <= RunningAfterPolls + AgentReadyAfterPolls - 1 || queryPath is not ("hostkeys/" or "hostkeys"))
        {
            return NotFound($"projects/{Project}/zones/{zone}/instances/{name}/guestAttributes/{queryPath}");
        }

        return FakeReply.Ok(new JsonObject
        {
            ["kind"] = "compute#guestAttributes",
            ["queryPath"] = queryPath,
            ["selfLink"] = Link($"zones/{zone}/instances/{name}/getGuestAttributes"),
            ["queryValue"] = new JsonObject
            {
                ["items"] = new JsonArray(new JsonObject { ["namespace"] = "hostkeys", ["key"] = "ssh-ed25519", ["value"] = "AAAAC3NzaC1lZDI1NTE5AAAAIFailkitFakeHostKey" }),
            },
        });
    }

    private FakeReply SerialPort(string zone, string name)
    {
        if (!_instances.TryGetValue($"{zone}/{name}", out var instance))
        {
            return NotFound($"projects/{Project}/zones/{zone}/instances/{name}");
        }

        var log = "SeaBIOS (version 1.8.2)\nBooting from Hard Disk 0...\n[    0.000000] Linux version 6.1.0-13-cloud-amd64\n";
        if (instance.Running)
        {
            log += $"[    4.211000] systemd[1]: Reached target multi-user.target\n{BootMarker}\n";
        }

        return FakeReply.Ok(new JsonObject
        {
            ["kind"] = "compute#serialPortOutput",
            ["contents"] = log,
            ["start"] = "0",
            ["next"] = log.Length.ToString(CultureInfo.InvariantCulture),
            ["selfLink"] = Link($"zones/{zone}/instances/{name}/serialPort"),
        });
    }

    private JsonObject InstanceJson(FakeGceInstance i) => new()
    {
        ["kind"] = "compute#instance",
        ["id"] = i.Id.ToString(CultureInfo.InvariantCulture),
        ["name"] = i.Name,
        ["zone"] = Link($"zones/{i.Zone}"),
        ["machineType"] = Link(i.MachineType),
        ["status"] = i.Running ? "RUNNING" : i.Polls <= 1 ? "PROVISIONING" : "STAGING",
        ["labels"] = LabelsJson(i.Labels),
        ["networkInterfaces"] = new JsonArray(new JsonObject
        {
            ["kind"] = "compute#networkInterface",
            ["name"] = "nic0",
            ["network"] = i.Network,
            ["subnetwork"] = i.Subnetwork,
            ["networkIP"] = i.NetworkIp,
            ["stackType"] = "IPV4_ONLY",
        }),
        ["disks"] = new JsonArray([.. i.Disks.Select((d, n) => (JsonNode)new JsonObject
        {
            ["kind"] = "compute#attachedDisk",
            ["index"] = n,
            ["boot"] = d.Boot,
            ["autoDelete"] = d.AutoDelete,
            ["source"] = Link($"zones/{i.Zone}/disks/{d.DiskName}"),
        })]),
        ["metadata"] = i.Metadata?.DeepClone(),
        ["tags"] = i.Tags?.DeepClone(),
        ["selfLink"] = Link($"zones/{i.Zone}/instances/{i.Name}"),
    };

    private JsonObject DiskJson(FakeGceDisk d) => new()
    {
        ["kind"] = "compute#disk",
        ["name"] = d.Name,
        ["zone"] = Link($"zones/{d.Zone}"),
        ["status"] = "READY",
        ["sourceImage"] = Link($"global/images/{d.SourceImage}"),
        ["labels"] = LabelsJson(d.Labels),
        ["users"] = new JsonArray([.. d.Users.Select(u => (JsonNode)u)]),
        ["selfLink"] = Link($"zones/{d.Zone}/disks/{d.Name}"),
    };
}
