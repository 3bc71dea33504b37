using System.Diagnostics;

namespace Failkit.Verifier.Tests.Fixtures;

/// <summary>Runs the verifier's DLL with <c>dotnet</c> as a separate process, as <c>./failkit verify</c> does.</summary>
public static class VerifierProcess
{
    public sealed record Outcome(int ExitCode, string Out, string Err);

    public static async Task<Outcome> RunAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Failkit.Verifier.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build tests/Failkit.Verifier.Tests, which copies the verifier beside it");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}
