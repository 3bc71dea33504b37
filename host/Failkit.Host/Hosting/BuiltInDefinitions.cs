using System.Text.Json;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Runtime.Definitions;
using Failkit.Workflows.Runtime.Stores;

namespace Failkit.Host.Hosting;

/// <summary>Publishes the built-in definitions (<c>definitions/*.json</c>) that the database does not have yet.
/// A definition a tenant already edited is never overwritten. The management plane's definitions (tenant onboarding, incident notification)
/// are published in the management role only, and only they are.</summary>
public sealed class BuiltInDefinitions(
    IWorkflowDefinitionStore store, WorkflowDefinitionService definitions, IConfiguration config, ILogger<BuiltInDefinitions> logger) : IHostedService
{
    public static readonly IReadOnlySet<string> ManagementDefinitions = new HashSet<string>(StringComparer.Ordinal) { "tenant-onboarding", "incident-notification" };

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "definitions");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            var model = JsonSerializer.Deserialize<WorkflowDefinition>(await File.ReadAllTextAsync(file, cancellationToken), WorkflowJson.Options)
                ?? throw new InvalidOperationException($"{file} holds no definition.");
            var management = string.Equals(config["Failkit:Role"], "management", StringComparison.OrdinalIgnoreCase);
            if (ManagementDefinitions.Contains(model.DefinitionId) != management
                || (await store.GetVersionsAsync(model.DefinitionId, cancellationToken)).Count > 0)
            {
                continue;
            }

            await definitions.SaveAsync(model, publish: true, cancellationToken);
            logger.LogInformation("Published built-in definition {DefinitionId}", model.DefinitionId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
