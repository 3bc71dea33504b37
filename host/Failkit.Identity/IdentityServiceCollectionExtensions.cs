using Failkit.Identity.Audit;
using Failkit.Identity.Bootstrap;
using Failkit.Identity.Clients;
using Failkit.Identity.Data;
using Failkit.Identity.Sessions;
using Failkit.Identity.Support;
using Failkit.Identity.Users;
using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Server;
using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;

namespace Failkit.Identity;

/// <summary>Registration of the tenant plane's identity: users and cookie sessions, roles as policies, API clients
/// (OpenIddict client credentials), support sessions and the audit log.</summary>
public static class IdentityServiceCollectionExtensions
{
    /// <summary>The scheme every request is authenticated with: it forwards to the support-session handler
    /// (<c>Bearer fks_...</c>), to OpenIddict validation (any other bearer token) or to the session cookie.</summary>
    public const string Scheme = "Failkit";

    public static WebApplicationBuilder AddFailkitIdentity(this WebApplicationBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var config = builder.Configuration;
        var services = builder.Services;
        var options = Bind(config);
        services.AddOptions<IdentityOptions>().Configure(o => Copy(options, o));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new IdentityDatabase(connectionString));
        services.AddHostedService<IdentityMigrationService>();
        services.AddHostedService<IdentityWarmUp>();
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<AuditLog>());
        // Runbook saves, publishes, retracts and deletes reach the audit log through the workflow system's hook.
        services.AddHttpContextAccessor();
        services.AddSingleton<Failkit.Workflows.Runtime.Definitions.IWorkflowDefinitionObserver, RunbookAudit>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<LoginService>();
        services.AddSingleton<PasswordResets>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<AuditQuery>();
        services.AddSingleton<BootstrapService>();
        services.AddSingleton<SupportGrants>();
        services.AddScoped<ApiClientService>();
        services.AddScoped<IExternalSignIn, ExternalSignIn>();
        services.TryAddSingleton<ILoginProviders, NoLoginProviders>();
        services.AddHttpClient<IBootstrapTokenRedeemer, HttpBootstrapTokenRedeemer>(c => c.Timeout = TimeSpan.FromSeconds(10));

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = options.IsHttps ? "__Host-failkit-af" : "failkit-af";
            o.Cookie.SecurePolicy = options.IsHttps ? Microsoft.AspNetCore.Http.CookieSecurePolicy.Always : Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Failkit", o => o.ForwardDefaultSelector = SelectScheme)
            .AddCookie(CookieSessions.Scheme, o => CookieSessions.Configure(o, options))
            .AddScheme<AuthenticationSchemeOptions, SupportSessionAuthentication>(SupportSessionAuthentication.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, SameOriginHandler>();
        services.AddAuthorization(o =>
        {
            foreach (var (policy, roles) in Policies.RolesByPolicy)
            {
                o.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireClaim(Roles.ClaimType, roles).AddRequirements(new SameOriginRequirement()));
            }
        });

        services.AddDbContext<IdentityDbContext>(o => o.UseNpgsql(connectionString).UseOpenIddict());
        AddOpenIddict(services, options);
        // Token lifetimes and expiry checks follow the same clock as everything else (tests swap it).
        services.AddOptions<OpenIddictServerOptions>().PostConfigure<TimeProvider>((o, time) => o.TimeProvider = time);
        services.AddOptions<OpenIddictValidationOptions>().PostConfigure<TimeProvider>((o, time) => o.TimeProvider = time);
        return builder;
    }

    private static void AddOpenIddict(IServiceCollection services, IdentityOptions options) =>
        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris(TokenEndpoint.Path.TrimStart('/'));
                o.AllowClientCredentialsFlow();
                // Reference tokens: the token is a handle to a row, so deleting a client's rows revokes at once.
                o.UseReferenceAccessTokens();
                o.SetAccessTokenLifetime(options.AccessTokenLifetime);
                if (options.PublicUrl is not null)
                {
                    o.SetIssuer(options.PublicUrl);
                }

                // Identity tokens are never issued (client credentials only), so an ephemeral signing key is enough;
                // access token payloads are protected with the host's Data Protection key ring.
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.UseDataProtection();
                var aspNet = o.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (!options.IsHttps)
                {
                    // Embedded mode on loopback speaks plain HTTP; a plane with an HTTPS public URL keeps the check.
                    aspNet.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseDataProtection();
                o.EnableTokenEntryValidation();
                o.UseAspNetCore();
            });

    private static string SelectScheme(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer " + SupportGrants.TokenPrefix, StringComparison.Ordinal))
        {
            return SupportSessionAuthentication.SchemeName;
        }

        foreach (var route in http.RequestServices.GetServices<BearerTokenRoute>())
        {
            if (header.StartsWith("Bearer " + route.Prefix, StringComparison.Ordinal))
            {
                return route.Scheme;
            }
        }

        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme
            : CookieSessions.Scheme;
    }

    private static IdentityOptions Bind(Microsoft.Extensions.Configuration.ConfigurationManager config)
    {
        var o = new IdentityOptions();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(config.GetSection("Failkit:Identity"), o);
        o.TenantSlug = config["Failkit:Tenant:Slug"] ?? o.TenantSlug;
        o.TenantId = config["Failkit:Tenant:Id"] ?? o.TenantId;
        if (Uri.TryCreate(config["Failkit:Tenant:PublicUrl"], UriKind.Absolute, out var publicUrl))
        {
            o.PublicUrl = publicUrl;
        }

        if (Uri.TryCreate(config["Failkit:Management:Url"], UriKind.Absolute, out var management))
        {
            o.ManagementUrl = management;
        }

        return o;
    }

    private static void Copy(IdentityOptions from, IdentityOptions to)
    {
        foreach (var p in typeof(IdentityOptions).GetProperties().Where(p => p.CanWrite))
        {
            p.SetValue(to, p.GetValue(from));
        }
    }
}
