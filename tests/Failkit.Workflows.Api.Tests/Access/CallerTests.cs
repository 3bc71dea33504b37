using System.Net;
using System.Security.Claims;
using Failkit.Workflows.Api.Access;
using Failkit.Workflows.Api.Tests.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Workflows.Api.Tests.Access;

/// <summary>A caller who may read but neither edit nor run: the Studio's read-only mode comes from the links, and
/// the routes refuse what the links leave out.</summary>
public sealed class CallerTests : ApiTest
{
    [Fact]
    public async Task ReadOnlyCaller_GetsNoWritingLinks_AndEveryWriteIs403()
    {
        var writer = (await Client.SaveAsync(Samples.Hello("ro", "hi"), publish: true, Ct))["workflowDefinition"]!;
        Assert.True(ApiClient.HasLink(writer, "publish"));
        ReadOnly.Active = true;

        var definition = await Client.GetObjectAsync("workflow-definitions/by-definition-id/ro", Ct);
        Assert.Equal(["self", "versions"], definition["links"]!.AsArray().Select(l => (string?)l!["rel"]));
        var list = await Client.GetObjectAsync("workflow-definitions?versionOptions=Latest", Ct);
        Assert.Empty(list["links"]!.AsArray());
        Assert.False(ApiClient.HasLink(list["items"]![0], "publish"));

        foreach (var (method, url, body) in new (string, string, string?)[]
        {
            ("POST", "workflow-definitions", Samples.Save(Samples.Hello("ro", "changed"), false).ToJsonString()),
            ("POST", "workflow-definitions/ro/publish", "{}"),
            ("POST", "workflow-definitions/ro/retract", "{}"),
            ("POST", "workflow-definitions/ro/revert/1", null),
            ("DELETE", "workflow-definitions/ro", null),
            ("DELETE", $"workflow-definition-versions/{writer["id"]}", null),
            ("POST", "bulk-actions/publish/workflow-definitions/by-definition-ids", """{"definitionIds":["ro"]}"""),
            ("POST", "workflow-definitions/ro/execute", "{}"),
            ("POST", "workflow-definitions/ro/dispatch", "{}"),
        })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }

            var response = await Client.SendAsync(request, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {url}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Single((await Client.GetObjectAsync("workflow-definitions?versionOptions=AllVersions&DefinitionIds=ro", Ct))["items"]!.AsArray());
    }

    protected override Task<ApiServer> StartServerAsync() =>
        ApiServer.StartAsync(services => services.AddSingleton<IWorkflowDefinitionPermissions>(ReadOnly));

    private ReadOnlyPermissions ReadOnly { get; } = new();

    private sealed class ReadOnlyPermissions : IWorkflowDefinitionPermissions
    {
        public bool Active { get; set; }

        public ValueTask<bool> CanEditAsync(ClaimsPrincipal user, CancellationToken ct) => ValueTask.FromResult(!Active);

        public ValueTask<bool> CanRunAsync(ClaimsPrincipal user, CancellationToken ct) => ValueTask.FromResult(!Active);
    }
}
