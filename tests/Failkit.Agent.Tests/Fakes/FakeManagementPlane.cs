using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Failkit.Agent.Tests.Fakes;

/// <summary>
/// The agent-facing part of the management plane (the real one is issue 3's): enrollment with
/// single-use tokens signed by a tenant CA, and metadata reports accepted only over mTLS with a
/// certificate of that CA that is not revoked. It records every report body as received.
/// </summary>
public sealed class FakeManagementPlane : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, bool> _tokens = new();
    private readonly ConcurrentDictionary<string, bool> _revoked = new();
    private LoopbackServer? _server;

    private FakeManagementPlane(TestCa tlsCa, TestCa tenantCa)
    {
        TlsCa = tlsCa;
        TenantCa = tenantCa;
    }

    public TestCa TlsCa { get; }

    public TestCa TenantCa { get; }

    public string Url => _server!.Url;

    public ConcurrentQueue<string> Reports { get; } = new();

    public ConcurrentQueue<string> IssuedSerials { get; } = new();

    public static async Task<FakeManagementPlane> StartAsync()
    {
        var plane = new FakeManagementPlane(new TestCa("fake plane TLS CA"), new TestCa("tenant-a agents CA"));
        var serverCert = plane.TlsCa.IssueServerCertificate();
        plane._server = await LoopbackServer.StartAsync(
            app =>
            {
                app.MapPost("/agent/enroll", (Func<HttpContext, Task<IResult>>)plane.EnrollAsync);
                app.MapPost("/agent/reports", (Func<HttpContext, Task<IResult>>)plane.ReportAsync);
            },
            listen => listen.UseHttps(https =>
            {
                https.ServerCertificate = serverCert;
                // Enrollment has no certificate yet, so the handshake allows none; /agent/reports demands one.
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.AllowAnyClientCertificate();
            }));
        return plane;
    }

    public string NewToken()
    {
        var token = Guid.NewGuid().ToString("N");
        _tokens[token] = true;
        return token;
    }

    public void Revoke(string serial) => _revoked[serial] = true;

    private async Task<IResult> EnrollAsync(HttpContext ctx)
    {
        var body = (await ctx.Request.ReadFromJsonAsync<JsonObject>())!;
        var token = body["token"]?.GetValue<string>() ?? "";
        if (!_tokens.TryRemove(token, out _))
        {
            return Results.Problem("enrollment token is unknown, expired or already used", statusCode: 401);
        }

        string chain, serial;
        try
        {
            chain = TenantCa.SignClientCsr(body["csr"]!.GetValue<string>(), out serial);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            return Results.Problem($"CSR rejected: {ex.Message}", statusCode: 400);
        }

        IssuedSerials.Enqueue(serial);
        return Results.Json(new JsonObject { ["certificateChain"] = chain });
    }

    private async Task<IResult> ReportAsync(HttpContext ctx)
    {
        var cert = await ctx.Connection.GetClientCertificateAsync();
        if (cert is null)
        {
            return Results.Problem("client certificate required", statusCode: 401);
        }

        if (!TenantCa.Issued(cert) || _revoked.ContainsKey(cert.SerialNumber))
        {
            return Results.Problem("certificate is not a valid agent certificate of this tenant", statusCode: 403);
        }

        using var reader = new StreamReader(ctx.Request.Body);
        Reports.Enqueue(await reader.ReadToEndAsync());
        return Results.Accepted();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        TlsCa.Dispose();
        TenantCa.Dispose();
    }
}
