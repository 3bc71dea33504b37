using Azure.Core.Pipeline;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Azure;

/// <summary>What tests swap under a real provider: the HTTP transport (to reach a fake over an https-rewriting
/// handler), the long-running-operation poll interval, and the account's <see cref="CloudCalls"/>. Production uses
/// <see cref="Default"/>: the SDK's transport and polling, and the shared per-account calls.</summary>
internal sealed record AzureClientPlumbing(
    HttpPipelineTransport? Transport = null,
    TimeSpan? PollInterval = null,
    Func<CloudAccount, int, CloudCalls>? Calls = null)
{
    public static AzureClientPlumbing Default { get; } = new();
}
