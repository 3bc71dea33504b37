using System.Text.RegularExpressions;
using Failkit.Drills.Cloud;
using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Drills;

public static partial class ProtectionGroupEndpoints
{
    public static void MapProtectionGroupEndpoints(this IEndpointRouteBuilder app, DrillPolicies policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var group = app.MapGroup("/api/protection-groups").WithTags("Protection groups");
        group.MapGet("", ListAsync).WithName("ListProtectionGroups").RequireAuthorization(policies.Read);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetProtectionGroup").RequireAuthorization(policies.Read);
        group.MapPost("", CreateAsync).WithName("CreateProtectionGroup").RequireAuthorization(policies.Manage);
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateProtectionGroup").RequireAuthorization(policies.Manage);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteProtectionGroup").RequireAuthorization(policies.Manage);
    }

    private static async Task<Ok<IReadOnlyList<ProtectionGroup>>> ListAsync(ProtectionGroupStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(ct));

    private static async Task<Results<Ok<ProtectionGroup>, NotFound>> GetAsync(Guid id, ProtectionGroupStore store, CancellationToken ct) =>
        await store.FindAsync(id, ct) is { } group ? TypedResults.Ok(group) : TypedResults.NotFound();

    private static async Task<Results<Created<ProtectionGroup>, ValidationProblem>> CreateAsync(
        ProtectionGroupInput? input, ProtectionGroupChanges changes, IAuditTrail audit, HttpContext http, CancellationToken ct)
    {
        var result = await changes.CreateAsync(input, Recorder(audit, http, GroupCreated), ct);
        return result.Item is { } created
            ? TypedResults.Created($"/api/protection-groups/{created.Id}", created)
            : TypedResults.ValidationProblem(result.Errors);
    }

    /// <summary>The rules that need no database; <see cref="ProtectionGroupChanges.ValidateAsync"/> adds the rest.</summary>
    internal static Dictionary<string, string[]> Validate(ProtectionGroupInput? input)
    {
        var errors = new Dictionary<string, string[]>();
        if (input is null)
        {
            errors["body"] = ["a JSON body is required"];
            return errors;
        }

        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 100)
        {
            errors["name"] = ["name must be 1-100 characters"];
        }

        if (input.RtoTargetMinutes is < 1 or > 10080)
        {
            errors["rtoTargetMinutes"] = ["rtoTargetMinutes must be from 1 to 10080"];
        }

        if (input.RpoTargetMinutes is < 1 or > 10080)
        {
            errors["rpoTargetMinutes"] = ["rpoTargetMinutes must be from 1 to 10080"];
        }

        if (input.Schedule is { } schedule && !DrillSchedule.TryParse(schedule, out _, out var cronError))
        {
            errors["schedule"] = [cronError!];
        }

        if (input.ScheduleTimeZone is { } zone && !DrillSchedule.TryFindZone(zone, out _, out var zoneError))
        {
            errors["scheduleTimeZone"] = [zoneError!];
        }

        var vmErrors = new List<string>();
        if (input.Vms is not { Count: > 0 and <= 1000 })
        {
            vmErrors.Add("vms must list 1 to 1000 VMs");
        }

        foreach (var (vm, i) in (input.Vms ?? []).Select((vm, i) => (vm, i)))
        {
            vmErrors.AddRange(ValidateVm(vm, $"vms[{i}]"));
        }

        foreach (var dup in (input.Vms ?? []).GroupBy(v => v.Name).Where(g => g.Count() > 1))
        {
            vmErrors.Add($"VM name '{dup.Key}' is used more than once");
        }

        if (vmErrors.Count > 0)
        {
            errors["vms"] = [.. vmErrors];
        }

        return errors;
    }

    private static IEnumerable<string> ValidateVm(ProtectedVm vm, string at)
    {
        if (vm.Name is null || !VmName().IsMatch(vm.Name))
        {
            yield return $"{at}.name must start with a letter and hold lowercase letters, digits and '-' (at most 63)";
        }

        if (vm.Wave is < 1 or > 100)
        {
            yield return $"{at}.wave must be from 1 to 100";
        }

        if (string.IsNullOrWhiteSpace(vm.Size))
        {
            yield return $"{at}.size is required";
        }

        if (vm.Disks is not { Count: > 0 } || vm.Disks.Any(d => string.IsNullOrWhiteSpace(d.Name) || d.SizeBytes <= 0))
        {
            yield return $"{at}.disks must list at least one disk, each with a name and a positive sizeBytes";
        }

        foreach (var probe in vm.Probes ?? [])
        {
            var problem = probe.Kind switch
            {
                _ when string.IsNullOrWhiteSpace(probe.Name) => "has no name",
                ProbeKind.Http when !Uri.TryCreate(probe.Url?.Replace("{address}", "127.0.0.1", StringComparison.Ordinal), UriKind.Absolute, out var u)
                    || u.Scheme is not ("http" or "https") => "needs an http(s) url (use {address} for the VM's address)",
                ProbeKind.Tcp when probe.Port is not (> 0 and < 65536) => "needs a port from 1 to 65535",
                ProbeKind.Script when string.IsNullOrWhiteSpace(probe.Script) => "needs a script",
                _ => null,
            };
            if (problem is not null)
            {
                yield return $"{at}: probe '{probe.Name}' {problem}";
            }
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex VmName();
}
