using Failkit.Management.Endpoints;
using Failkit.Management.Incidents;
using Failkit.Management.Onboarding;
using Failkit.Management.Planes;
using Failkit.Management.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Failkit.OperatorConsole.Data;

/// <summary>What a page asked for and what the platform API's handler answered: errors by field (the handler's
/// validation problem) or one problem for the whole form.</summary>
public sealed record ActionOutcome(IReadOnlyDictionary<string, string[]> Errors, string? Problem)
{
    public static ActionOutcome Done { get; } = new(new Dictionary<string, string[]>(), null);

    public bool Succeeded => Errors.Count == 0 && Problem is null;

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public static ActionOutcome Of(IResult result) => result switch
    {
        ValidationProblem v => new(new Dictionary<string, string[]>(v.ProblemDetails.Errors), null),
        ProblemHttpResult p => new(new Dictionary<string, string[]>(), p.ProblemDetails.Detail ?? p.ProblemDetails.Title),
        NotFound => new(new Dictionary<string, string[]>(), "It no longer exists."),
        _ => Done,
    };
}

/// <summary>The console's actions: each one demands the platform-operator policy again, then runs the very handler
/// the platform API's route runs (<see cref="TenantAdminEndpoints"/>, <see cref="IncidentEndpoints"/>), so the rules,
/// the answers and what is recorded are the API's.</summary>
public sealed class ConsoleActions(
    ConsoleOperator me, TenantRegistry registry, TenantOnboarding onboarding, TenantPlanes planes,
    IncidentResponse response, IncidentStore store, IncidentOptions options, TimeProvider time)
{
    public async Task<IReadOnlyList<TenantResponse>> TenantsAsync(CancellationToken ct) =>
        (await TenantAdminEndpoints.ListAsync(registry, planes, ct)).Value ?? [];

    public async Task<TenantResponse?> TenantAsync(string slug, CancellationToken ct) =>
        (await TenantAdminEndpoints.GetAsync(slug, registry, onboarding, planes, ct)).Result is Ok<TenantResponse> ok ? ok.Value : null;

    /// <summary>Registers the tenant and dispatches its onboarding; the page then follows <see cref="TenantAsync"/>.</summary>
    public async Task<ActionOutcome> CreateTenantAsync(CreateTenantRequest request, CancellationToken ct)
    {
        await me.DemandAsync();
        return ActionOutcome.Of((await TenantAdminEndpoints.CreateAsync(request, registry, onboarding, ct)).Result);
    }

    public async Task<ActionOutcome> SetStatusAsync(string slug, TenantStatus status, CancellationToken ct)
    {
        await me.DemandAsync();
        return ActionOutcome.Of((await TenantAdminEndpoints.SetStatusAsync(slug, status, registry, planes, ct)).Result);
    }

    public async Task<IReadOnlyList<SecurityIncident>> IncidentsAsync(CancellationToken ct) =>
        await store.ListAsync(time.GetUtcNow() - StatusPage.RecentWindow, ct);

    public async Task<(ActionOutcome Outcome, IncidentView? Incident)> OpenIncidentAsync(OpenIncidentRequest request, CancellationToken ct)
    {
        await me.DemandAsync();
        var result = (await IncidentEndpoints.OpenAsync(request, me.Principal, response, store, options, ct)).Result;
        return (ActionOutcome.Of(result), (result as Created<IncidentView>)?.Value);
    }

    public async Task<IncidentView?> IncidentAsync(Guid id, CancellationToken ct) =>
        (await IncidentEndpoints.GetAsync(id, store, options, ct)).Result is Ok<IncidentView> ok ? ok.Value : null;

    public Task<List<IncidentUpdate>> UpdatesAsync(Guid id, CancellationToken ct) => store.UpdatesAsync(id, ct);

    public async Task<ActionOutcome> PostUpdateAsync(Guid id, string? message, CancellationToken ct)
    {
        await me.DemandAsync();
        return ActionOutcome.Of((await IncidentEndpoints.PostUpdateAsync(id, new IncidentUpdateRequest(message), store, ct)).Result);
    }

    public async Task<ActionOutcome> SubmitPostmortemAsync(Guid id, string? document, CancellationToken ct)
    {
        await me.DemandAsync();
        return ActionOutcome.Of((await IncidentEndpoints.PostmortemAsync(id, new PostmortemRequest(document), response, store, ct)).Result);
    }

    public Task<StatusReport> StatusAsync(CancellationToken ct) => StatusPage.BuildAsync(store, time, ct);
}
