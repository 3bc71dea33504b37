using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Failkit.CloudFakes.Azure;

public sealed partial class AzureFake
{
    private static readonly Dictionary<string, string> OperationPrefix = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.Compute/disks"] = "Disks",
        ["Microsoft.Compute/virtualMachines"] = "VirtualMachines",
        ["Microsoft.Compute/snapshots"] = "Snapshots",
        ["Microsoft.Compute/images"] = "Images",
        ["Microsoft.Network/networkInterfaces"] = "NetworkInterfaces",
        ["Microsoft.Network/publicIPAddresses"] = "PublicIPAddresses",
    };

    private async Task HandleArmAsync(HttpContext ctx)
    {
        var s = ctx.Request.Path.Value!.Trim('/').Split('/');
        var method = ctx.Request.Method;
        if (s.Length < 2 || !s[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) || s[1] != SubscriptionId)
        {
            await ArmErrorAsync(ctx, 404, "SubscriptionNotFound", $"The subscription in {ctx.Request.Path} could not be found.");
            return;
        }

        switch (s.Length)
        {
            case 3 when Is(s[2], "resources") && HttpMethods.IsGet(method):
                await ListResourcesAsync(ctx, "Resources_List", null);
                return;
            case 5 when Is(s[2], "resourceGroups") && Is(s[4], "resources") && HttpMethods.IsGet(method):
                await ListResourcesAsync(ctx, "Resources_ListByResourceGroup", s[3]);
                return;
            case 4 when Is(s[2], "providers") && HttpMethods.IsGet(method):
                await ProviderAsync(ctx, s[3]);
                return;
            case 8 when Is(s[2], "providers") && Is(s[4], "locations") && (Is(s[6], "operations") || Is(s[6], "operationResults")):
                await HandleOperationAsync(ctx, s[7]);
                return;
            case 8 or 9 when Is(s[2], "resourceGroups") && Is(s[4], "providers"):
                break;
            default:
                await ArmErrorAsync(ctx, 404, "NoRegisteredProviderFound", $"No route for {method} {ctx.Request.Path}.");
                return;
        }

        var type = $"{s[5]}/{s[6]}";
        var id = string.Join('/', s.Take(8).Prepend(""));
        if (!OperationPrefix.TryGetValue(type, out var prefix))
        {
            await ArmErrorAsync(ctx, 400, "InvalidResourceType", $"The resource type '{s[6]}' could not be found in the namespace '{s[5]}'.");
            return;
        }

        var action = s.Length == 9 ? s[8] : null;
        var operation = action is null
            ? $"{prefix}_{(HttpMethods.IsPut(method) ? "CreateOrUpdate" : HttpMethods.IsDelete(method) ? "Delete" : "Get")}"
            : $"{prefix}_{char.ToUpperInvariant(action[0])}{action[1..]}";
        if (!await EnterAsync(ctx, operation))
        {
            return;
        }

        var rg = s[3];
        var name = s[7];
        var handled = (prefix, action, method) switch
        {
            ("Disks", null, "PUT") => PutDiskAsync(ctx, operation, id, rg, name),
            ("VirtualMachines", null, "PUT") => PutVmAsync(ctx, operation, id, name),
            ("VirtualMachines", "instanceView", "GET") => InstanceViewAsync(ctx, id),
            ("VirtualMachines", "runCommand", "POST") => RunCommandAsync(ctx, operation, id),
            ("VirtualMachines", "retrieveBootDiagnosticsData", "POST") => BootDiagnosticsAsync(ctx, id),
            ("NetworkInterfaces", null, "PUT") => PutNicAsync(ctx, operation, id, name),
            (_, null, "GET") => GetResourceAsync(ctx, id),
            (_, null, "DELETE") => DeleteResourceAsync(ctx, operation, id),
            _ => ArmErrorAsync(ctx, 405, "MethodNotAllowed", $"{method} is not supported on {ctx.Request.Path}."),
        };
        await handled;
    }

    private static bool Is(string segment, string expected) => segment.Equals(expected, StringComparison.OrdinalIgnoreCase);

    private FakeArmResource? Find(string id)
    {
        lock (_gate)
        {
            return _resources.GetValueOrDefault(id);
        }
    }

    private async Task GetResourceAsync(HttpContext ctx, string id)
    {
        if (Find(id) is not { } resource)
        {
            await NotFoundAsync(ctx, id);
            return;
        }

        JsonObject json;
        lock (_gate)
        {
            json = resource.ToJson();
        }

        await JsonAsync(ctx, 200, json);
    }

    private static Task NotFoundAsync(HttpContext ctx, string id) =>
        ArmErrorAsync(ctx, 404, "ResourceNotFound", $"The Resource '{id.Split("/providers/")[^1]}' under resource group '{id.Split('/')[4]}' was not found.");

    private async Task ListResourcesAsync(HttpContext ctx, string operation, string? resourceGroup)
    {
        if (!await EnterAsync(ctx, operation))
        {
            return;
        }

        var filter = ctx.Request.Query["$filter"].ToString();
        var match = Regex.Match(filter, @"^tagName eq '(?<k>[^']+)' and tagValue eq '(?<v>[^']*)'$");
        if (filter.Length > 0 && !match.Success)
        {
            await ArmErrorAsync(ctx, 400, "InvalidFilterInQueryString", $"The $filter '{filter}' is not supported by the fake.");
            return;
        }

        var value = new JsonArray();
        lock (_gate)
        {
            foreach (var r in _resources.Values.OrderBy(r => r.Id, StringComparer.Ordinal))
            {
                var inGroup = resourceGroup is null || r.Id.Split('/')[4].Equals(resourceGroup, StringComparison.OrdinalIgnoreCase);
                var tagged = !match.Success || (r.Tags.TryGetValue(match.Groups["k"].Value, out var v) && v == match.Groups["v"].Value);
                if (inGroup && tagged)
                {
                    var json = r.ToJson();
                    json.Remove("properties");
                    value.Add(json);
                }
            }
        }

        await JsonAsync(ctx, 200, new JsonObject { ["value"] = value });
    }

    private static async Task ProviderAsync(HttpContext ctx, string providerNamespace)
    {
        var types = new JsonArray();
        foreach (var type in OperationPrefix.Keys.Where(k => k.StartsWith(providerNamespace + "/", StringComparison.OrdinalIgnoreCase)))
        {
            types.Add(new JsonObject
            {
                ["resourceType"] = type.Split('/')[1],
                ["locations"] = new JsonArray("West Europe"),
                ["apiVersions"] = new JsonArray("2023-09-01", "2023-04-01", "2022-08-01"),
            });
        }

        await JsonAsync(ctx, 200, new JsonObject
        {
            ["id"] = $"/subscriptions/{ctx.Request.Path.Value!.Split('/')[2]}/providers/{providerNamespace}",
            ["namespace"] = providerNamespace,
            ["registrationState"] = "Registered",
            ["resourceTypes"] = types,
        });
    }
}
