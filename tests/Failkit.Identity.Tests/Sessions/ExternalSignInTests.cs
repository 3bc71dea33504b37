using Failkit.Identity.Sessions;
using Failkit.Identity.Tests.Fixtures;
using Failkit.Identity.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Identity.Tests.Sessions;

public sealed class ExternalSignInTests(SharedPlane shared)
{
    [Fact]
    public async Task SsoLogin_CreatesTheUserJustInTime_WithTheMappedRole_NeverOwner()
    {
        var plane = shared.Plane;
        var (jit, boss) = ($"jit-{Guid.NewGuid():N}@example.test", $"boss-{Guid.NewGuid():N}@example.test");
        var ct = TestContext.Current.CancellationToken;
        using var scope = plane.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<IExternalSignIn>();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };

        Assert.Equal(ExternalSignInResult.SignedIn, await signIn.SignInAsync(http, new ExternalIdentity("oidc", "sub-1-" + jit, jit.ToUpperInvariant(), "J. It", "admin")));
        var user = await plane.Get<UserStore>().FindByEmailAsync(jit, ct);
        Assert.Equal(Roles.Admin, user!.Role);
        Assert.StartsWith("failkit-session=", http.Response.Headers.SetCookie.ToString(), StringComparison.Ordinal);

        Assert.Equal(ExternalSignInResult.SignedIn, await signIn.SignInAsync(new DefaultHttpContext { RequestServices = scope.ServiceProvider },
            new ExternalIdentity("oidc", "sub-2-" + boss, boss, null, "owner")));
        Assert.Equal(Roles.Operator, (await plane.Get<UserStore>().FindByEmailAsync(boss, ct))!.Role);

        Assert.Equal(ExternalSignInResult.Invalid, await signIn.SignInAsync(http, new ExternalIdentity("oidc", "", "x@example.test", null, null)));
        await plane.Get<UserStore>().UpdateAsync(user.Id, null, UserStatus.Disabled, ct);
        Assert.Equal(ExternalSignInResult.Disabled, await signIn.SignInAsync(http, new ExternalIdentity("oidc", "sub-1-" + jit, jit, null, "admin")));
    }
}
