using System.Diagnostics;
using System.Net;
using Failkit.Identity.Pages;
using Failkit.Identity.Tests.Fixtures;
using Failkit.Identity.Users;
using Microsoft.Extensions.Time.Testing;

namespace Failkit.Identity.Tests.Users;

public sealed class LoginServiceTests(FullCostPlaneFixture fixture) : IClassFixture<FullCostPlaneFixture>
{
    private TenantPlane Plane => fixture.Plane;

    [Fact]
    public async Task StoredHash_IsBcryptCost12()
    {
        var user = await Plane.CreateUserAsync(Roles.Operator);
        var hash = await Db.ScalarAsync<string>(await Db.SuperuserAsync(Plane.Tenant), "SELECT password_hash FROM identity.users WHERE id = $1", user.Id);
        Assert.Matches(@"^\$2[ab]\$12\$", hash);
        Assert.True(BCrypt.Net.BCrypt.Verify(Passwords.Default, hash));
    }

    [Fact]
    public async Task Login_RightPassword_SetsAnHttpOnlySameSiteCookie_AndTheHomePageShowsTheUser()
    {
        var user = await Plane.CreateUserAsync(Roles.Auditor);
        using var browser = Plane.Browser();
        var response = await browser.LoginAsync(user.Email, Passwords.Default);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("failkit-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var home = await browser.Client.GetStringAsync("/");
        Assert.Contains(user.Email, home, StringComparison.Ordinal);
        Assert.Contains("auditor", home, StringComparison.Ordinal);

        var logout = await browser.SubmitAsync("/", "/logout", new Dictionary<string, string>());
        Assert.Equal("/login", logout.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Login_WrongPasswordAndUnknownEmail_GiveTheSameAnswer()
    {
        var user = await Plane.CreateUserAsync(Roles.Operator);
        using var browser = Plane.Browser();
        var wrong = await browser.LoginAsync(user.Email, "not the password at all");
        var unknown = await browser.LoginAsync($"nobody-{Guid.NewGuid():N}@example.test", "not the password at all");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(SessionPages.LoginFailedMessage), await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(SessionPages.LoginFailedMessage), await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(wrong.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("failkit-session=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task LoginPost_WithoutAntiforgeryToken_Is400()
    {
        var user = await Plane.CreateUserAsync(Roles.Operator);
        using var client = Plane.Anonymous();
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = user.Email, ["password"] = Passwords.Default }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownEmail_StillRunsOneBcryptVerification()
    {
        var logins = Plane.Get<LoginService>();
        var hasher = Plane.Get<PasswordHasher>();
        var before = hasher.Verifications;
        var result = await logins.LoginAsync($"ghost-{Guid.NewGuid():N}@example.test", "whatever password", TestContext.Current.CancellationToken);
        Assert.Equal(LoginOutcome.Failed, result.Outcome);
        Assert.True(hasher.Verifications > before, "the unknown-email path did not hash");
    }

    [Fact]
    public async Task UnknownEmail_TakesAboutAsLongAsAKnownOne()
    {
        var logins = Plane.Get<LoginService>();
        var ct = TestContext.Current.CancellationToken;
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            // A fresh user per attempt, so the known path never reaches the lockout.
            var user = await Plane.CreateUserAsync(Roles.Operator);
            known.Add(await TimeAsync(() => logins.LoginAsync(user.Email, "wrong password here", ct)));
            unknown.Add(await TimeAsync(() => logins.LoginAsync($"ghost-{Guid.NewGuid():N}@example.test", "wrong password here", ct)));
        }

        var (k, u) = (Median(known), Median(unknown));
        // bcrypt at cost 12 dominates both (~250 ms); without the dummy hash the unknown path takes a few ms. The
        // margin is wide because CI machines are shared.
        Assert.True(u > k / 3 && u < k * 3, $"known {k:F0} ms, unknown {u:F0} ms");
    }

    [Fact]
    public async Task FiveFailures_LockTheAccount_EvenForTheRightPassword()
    {
        var user = await Plane.CreateUserAsync(Roles.Operator);
        var logins = Plane.Get<LoginService>();
        var ct = TestContext.Current.CancellationToken;
        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal(LoginOutcome.Failed, (await logins.LoginAsync(user.Email, "wrong password " + i, ct)).Outcome);
        }

        Assert.Equal(LoginOutcome.LockedOut, (await logins.LoginAsync(user.Email, "wrong password 5", ct)).Outcome);
        Assert.Equal(LoginOutcome.LockedOut, (await logins.LoginAsync(user.Email, Passwords.Default, ct)).Outcome);
        var kinds = await Db.ScalarAsync<long>(Plane.Tenant.AppConnectionString,
            "SELECT count(*) FROM identity.audit_events WHERE kind = 'login.locked-out' AND target = $1", User.Normalize(user.Email));
        Assert.Equal(1L, kinds);
    }

    [Fact]
    public async Task Lockout_EndsAfter15Minutes_AndASuccessResetsTheCount()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var plane = await TenantPlane.StartAsync(time: time, fullBcryptCost: true);
        var user = await plane.CreateUserAsync(Roles.Operator);
        var logins = plane.Get<LoginService>();
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 5; i++)
        {
            await logins.LoginAsync(user.Email, "wrong password " + i, ct);
        }

        time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(LoginOutcome.LockedOut, (await logins.LoginAsync(user.Email, Passwords.Default, ct)).Outcome);
        time.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Equal(LoginOutcome.Succeeded, (await logins.LoginAsync(user.Email, Passwords.Default, ct)).Outcome);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(LoginOutcome.Failed, (await logins.LoginAsync(user.Email, "wrong again " + i, ct)).Outcome);
        }
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
