using System.Net;
using Failkit.Workflows.Api.Tests.Http;

namespace Failkit.Workflows.Api.Tests.Definitions;

public sealed class BulkDefinitionEndpointsTests : ApiTest
{
    [Fact]
    public async Task BulkPublishRetractDelete_ReportEachDefinition()
    {
        await Client.SaveAsync(Samples.Hello("bulk-a"), publish: false, Ct);
        await Client.SaveAsync(Samples.Hello("bulk-b"), publish: true, Ct);
        var ids = """{"definitionIds":["bulk-a","bulk-b","bulk-ghost"]}""";

        var publish = await (await Client.PostJsonAsync("bulk-actions/publish/workflow-definitions/by-definition-ids", ids, Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("bulk-a", (string?)Assert.Single(publish["published"]!.AsArray()));
        Assert.Equal("bulk-b", (string?)Assert.Single(publish["alreadyPublished"]!.AsArray()));
        Assert.Equal("bulk-ghost", (string?)Assert.Single(publish["notFound"]!.AsArray()));

        await (await Client.PostJsonAsync("workflow-definitions/bulk-b/retract", "{}", Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        var retract = await (await Client.PostJsonAsync("bulk-actions/retract/workflow-definitions/by-definition-ids", ids, Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("bulk-a", (string?)Assert.Single(retract["retracted"]!.AsArray()));
        Assert.Equal("bulk-b", (string?)Assert.Single(retract["alreadyRetracted"]!.AsArray()));

        var delete = await (await Client.PostJsonAsync("bulk-actions/delete/workflow-definitions/by-definition-id", ids, Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(2, (int)delete["deleted"]!);
    }

    [Fact]
    public async Task BulkDeleteByVersionId_DeletesThoseVersions()
    {
        await Client.SaveAsync(Samples.Hello("bulk-v"), publish: true, Ct);
        var draft = await Client.SaveAsync(Samples.Hello("bulk-v", "two"), publish: false, Ct);

        var body = $$"""{"ids":["{{draft["workflowDefinition"]!["id"]}}","ghost"]}""";
        var delete = await (await Client.PostJsonAsync("bulk-actions/delete/workflow-definitions/by-id", body, Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(1, (int)delete["deleted"]!);
        Assert.Equal(1, (int)(await Client.GetObjectAsync("workflow-definitions/by-definition-id/bulk-v", Ct))["version"]!);
    }
}
