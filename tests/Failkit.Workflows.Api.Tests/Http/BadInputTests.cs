using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Failkit.Workflows.Api.Tests.Http;

/// <summary>Bad input gets RFC 7807 problem details, never a 500.</summary>
public sealed class BadInputTests : ApiTest
{
    [Theory]
    [InlineData("""{"model": {"name": "x", "root": {"type": "Elsa.Flowchart",}}, "publish": false}""", "$.model.root")]
    [InlineData("""{"model": {"name": "x"}, "publish": "yes"}""", "$.publish")]
    [InlineData("""{"model": {"version": "one"}}""", "$.model.version")]
    [InlineData("""{"model": {"variables": [{"name": "a", "isArray": 3}]}}""", "$.model.variables[0].isArray")]
    public async Task MalformedJson_Is400NamingThePath(string body, string path)
    {
        var problem = await (await Client.PostJsonAsync("workflow-definitions", body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal(path, (string?)problem["path"]);
        Assert.Contains(path, (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("workflow-definitions/x/execute")]
    [InlineData("workflow-instances")]
    [InlineData("events/e/trigger")]
    [InlineData("workflow-instances/x/resume")]
    public async Task TruncatedJson_OnEveryBodyRoute_Is400(string url) =>
        await (await Client.PostJsonAsync(url, """{"input": {""", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest, Ct);

    [Fact]
    public async Task SaveWithoutModel_Is400()
    {
        var problem = await (await Client.PostJsonAsync("workflow-definitions", """{"model": null, "publish": true}""", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal("$.model", (string?)problem["path"]);
    }

    [Fact]
    public async Task ActivityIdThatIsNotAString_Is400()
    {
        var body = """{"model": {"root": {"id": "f", "type": "Elsa.Flowchart", "activities": [{"id": 5, "type": "Elsa.WriteLine"}]}}}""";

        await (await Client.PostJsonAsync("workflow-definitions", body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest, Ct);
    }

    [Fact]
    public async Task ResumeWithoutBookmark_Is400() =>
        await (await Client.PostJsonAsync("workflow-instances/x/resume", "{}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest, Ct);

    [Fact]
    public async Task UnknownVersionOptions_Is400() =>
        await (await Client.GetAsync("workflow-definitions/by-definition-id/x?versionOptions=Newest", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest, Ct);

    [Fact]
    public async Task BodyOverTheLimit_Is413()
    {
        var padding = new string('x', (int)ElsaApiOptions.DefaultMaxRequestBodySize);
        var body = "{\"model\": {\"name\": \"big\", \"description\": \"" + padding + "\"}}";

        using var request = new HttpRequestMessage(HttpMethod.Post, "workflow-definitions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        // The API refuses a declared length before reading; with 100-continue the client then never sends the body,
        // instead of finding the connection closed under it mid-upload.
        request.Headers.ExpectContinue = true;

        var problem = await (await Client.SendAsync(request, Ct)).ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge, Ct);

        Assert.Contains("limit", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimit_Is413()
    {
        var content = new StreamContent(new MemoryStream(new byte[ElsaApiOptions.DefaultMaxRequestBodySize + 1]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "events/e/trigger") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        await (await Client.SendAsync(request, Ct)).ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge, Ct);
    }
}
