using Failkit.Identity.Sessions;
using Failkit.Identity.Tests.Fixtures;
using Failkit.Identity.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Identity.Tests.Sessions;

public sealed class ExternalSignInTests
{
    [Fact]
    public async Task SsoLogin_CreatesTheUserJustInTime_WithTheMappedRole_NeverOwner()
    {
        await using var plane = await TenantPlane.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        using var scope = plane.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<IExternalSignIn>();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };

        Assert.Equal(ExternalSignInResult.SignedIn, await signIn.SignInAsync(http, new ExternalIdentity("oidc", "sub-1", "Jit@Example.test", "J. It", "admin")));
        var user = await plane.Get<UserStore>().FindByEmailAsync("jit@example.test", ct);
        Assert.Equal(Roles.Admin, user!.Role);
        Assert.StartsWith("failkit-session=", http.Response.Headers.SetCookie.ToString(), StringComparison.Ordinal);

        Assert.Equal(ExternalSignInResult.SignedIn, await signIn.SignInAsync(new DefaultHttpContext { RequestServices = scope.ServiceProvider },
            new ExternalIdentity("oidc", "sub-2", "boss@example.test", null, "owner")));
        Assert.Equal(Roles.Operator, (await plane.Get<UserStore>().FindByEmailAsync("boss@example.test", ct))!.Role);

        Assert.Equal(ExternalSignInResult.Invalid, await signIn.SignInAsync(http, new ExternalIdentity("oidc", "", "x@example.test", null, null)));
        await plane.Get<UserStore>().UpdateAsync(user.Id, null, UserStatus.Disabled, ct);
        Assert.Equal(ExternalSignInResult.Disabled, await signIn.SignInAsync(http, new ExternalIdentity("oidc", "sub-1", "jit@example.test", null, "admin")));
    }
}
