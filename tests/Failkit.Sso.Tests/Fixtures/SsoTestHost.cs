using Failkit.Tenancy;
using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Failkit.Sso.Tests.Fixtures;

/// <summary>A tenant plane reduced to the SSO module, on Kestrel at 127.0.0.1 with a free port: the production
/// registration (<see cref="SsoServiceCollectionExtensions.AddFailkitSso"/>) with the sign-in, the clock and a
/// back-channel handler swapped for test ones.</summary>
internal sealed class SsoTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _keys;
    private readonly bool _ownsKeys;

    private SsoTestHost(
        WebApplication app, string keys, bool ownsKeys, Uri url, RecordingSignIn signIns, ShiftedClock clock, BackChannelTamperer backChannel, RecordingAuditTrail audit)
    {
        Audit = audit;
        _app = app;
        _keys = keys;
        _ownsKeys = ownsKeys;
        Url = url;
        SignIns = signIns;
        Clock = clock;
        BackChannel = backChannel;
    }

    public Uri Url { get; }

    public RecordingSignIn SignIns { get; }

    public ShiftedClock Clock { get; }

    /// <summary>The events the module wrote; the real log (the identity module) is tested with the whole plane.</summary>
    public RecordingAuditTrail Audit { get; }

    public BackChannelTamperer BackChannel { get; }

    public T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Starts a host; with <paramref name="replicaOf"/>, a second replica of that one's tenant plane: same
    /// Data Protection key ring and public URL (as behind the gateway), its own process state.</summary>
    public static async Task<SsoTestHost> StartAsync(TenantDatabase tenant, string tier = "Enterprise", SsoTestHost? replicaOf = null)
    {
        var keys = replicaOf?._keys ?? Directory.CreateTempSubdirectory("failkit-sso-keys-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        SsoOptions? options = null;
        builder.Services.AddFailkitSso(o =>
        {
            o.ConnectionString = tenant.AppConnectionString;
            o.Tier = tier;
            options = o;
        });
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys)).SetApplicationName("failkit-sso-tests");
        var signIns = new RecordingSignIn();
        var clock = new ShiftedClock();
        var backChannel = new BackChannelTamperer();
        builder.Services.AddSingleton<ISsoSignIn>(signIns);
        var audit = new RecordingAuditTrail();
        builder.Services.AddSingleton<IAuditTrail>(audit);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddHttpClient(SsoHttp.ClientName).AddHttpMessageHandler(() => new TamperingHandler(backChannel));
        var app = builder.Build();
        app.MapSsoLoginEndpoints();
        app.MapSsoSettingsEndpoints();
        await app.StartAsync();
        var url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        options!.PublicUrl = replicaOf?.Url ?? url;
        return new SsoTestHost(app, keys, replicaOf is null, url, signIns, clock, backChannel, audit);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        if (_ownsKeys && Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }
}

/// <summary>Records who was signed in; the host's real implementation makes a JIT user and a cookie.</summary>
internal sealed class RecordingSignIn : ISsoSignIn
{
    private readonly List<(SsoIdentity Identity, string ReturnUrl)> _signIns = [];

    public IReadOnlyList<(SsoIdentity Identity, string ReturnUrl)> All
    {
        get
        {
            lock (_signIns)
            {
                return [.. _signIns];
            }
        }
    }

    public Task SignInAsync(HttpContext context, SsoIdentity identity, string returnUrl)
    {
        lock (_signIns)
        {
            _signIns.Add((identity, returnUrl));
        }

        return Task.CompletedTask;
    }
}

/// <summary>The real clock moved by an offset a test sets and resets: the IdPs run on real time, so a fake clock
/// frozen at some instant would not match them.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
}
