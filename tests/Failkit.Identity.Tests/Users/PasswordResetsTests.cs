using System.Net;
using System.Text.RegularExpressions;
using Failkit.Identity.Pages;
using Failkit.Identity.Tests.Fixtures;
using Failkit.Identity.Users;
using Microsoft.Extensions.Time.Testing;

namespace Failkit.Identity.Tests.Users;

public sealed partial class PasswordResetsTests(SharedPlane shared)
{
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task Forgot_WritesAMailWithASingleUseLink_StoredOnlyAsAHash()
    {
        var plane = shared.Plane;
        var user = await plane.CreateUserAsync(Roles.Operator);
        using var browser = plane.Browser();
        var forgot = await browser.SubmitAsync("/account/forgot", "/account/forgot", new Dictionary<string, string> { ["email"] = user.Email.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.OK, forgot.StatusCode);
        Assert.Contains(AccountPages.ResetSentMessage, await forgot.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var token = await LinkTokenAsync(plane, user.Email);
        Assert.Equal(0L, await Db.ScalarAsync<long>(await Db.SuperuserAsync(plane.Tenant),
            "SELECT count(*) FROM identity.password_resets WHERE encode(token_sha256, 'escape') LIKE '%' || $1 || '%'", token));

        var reset = await browser.SubmitAsync($"/account/reset?token={token}", "/account/reset", new Dictionary<string, string> { ["token"] = token, ["password"] = NewPassword });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(LoginOutcome.Succeeded, (await plane.Get<LoginService>().LoginAsync(user.Email, NewPassword, TestContext.Current.CancellationToken)).Outcome);
        Assert.Equal(LoginOutcome.Failed, (await plane.Get<LoginService>().LoginAsync(user.Email, Passwords.Default, TestContext.Current.CancellationToken)).Outcome);

        var replay = await browser.SubmitAsync($"/account/reset?token={token}", "/account/reset", new Dictionary<string, string> { ["token"] = token, ["password"] = "yet another passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains(AccountPages.ResetFailedMessage, await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(LoginOutcome.Succeeded, (await plane.Get<LoginService>().LoginAsync(user.Email, NewPassword, TestContext.Current.CancellationToken)).Outcome);
    }

    [Fact]
    public async Task ResetLink_ExpiresAfter30Minutes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var plane = await TenantPlane.StartAsync(time: time);
        var user = await plane.CreateUserAsync(Roles.Operator);
        await plane.Get<PasswordResets>().RequestAsync(user.Email, new Uri(TenantPlane.PublicUrl), TestContext.Current.CancellationToken);
        var token = await LinkTokenAsync(plane, user.Email);
        time.Advance(TimeSpan.FromMinutes(31));
        Assert.False(await plane.Get<PasswordResets>().ResetAsync(token, NewPassword, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Forgot_UnknownEmail_SameAnswer_NoMail()
    {
        var plane = shared.Plane;
        var nobody = $"nobody-{Guid.NewGuid():N}@example.test";
        using var browser = plane.Browser();
        var forgot = await browser.SubmitAsync("/account/forgot", "/account/forgot", new Dictionary<string, string> { ["email"] = nobody });
        Assert.Equal(HttpStatusCode.OK, forgot.StatusCode);
        Assert.Contains(AccountPages.ResetSentMessage, await forgot.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0L, await Db.ScalarAsync<long>(plane.Tenant.AppConnectionString, "SELECT count(*) FROM identity.outbox WHERE to_address = $1", nobody));
    }

    public static async Task<string> LinkTokenAsync(TenantPlane plane, string email)
    {
        var body = await Db.ScalarAsync<string>(plane.Tenant.AppConnectionString,
            "SELECT body FROM identity.outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1", email);
        var match = Link().Match(body);
        Assert.True(match.Success, body);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"http://localhost/account/reset\?token=([A-Za-z0-9_-]+)")]
    private static partial Regex Link();
}
