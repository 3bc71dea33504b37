using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Failkit.Agent.Cli;

namespace Failkit.Agent.Tests.Fixtures;

public sealed partial record AgentRun(int ExitCode, string Out, string Err)
{
    public AgentRun Ok()
    {
        Assert.True(ExitCode == 0, $"agent exited {ExitCode}\nstdout:\n{Out}\nstderr:\n{Err}");
        return this;
    }

    public string PointId => Summary().Groups["point"].Value;

    public long UploadedBytes => long.Parse(Summary().Groups["bytes"].Value, System.Globalization.CultureInfo.InvariantCulture);

    public int UploadedBlocks => int.Parse(Summary().Groups["blocks"].Value, System.Globalization.CultureInfo.InvariantCulture);

    private Match Summary()
    {
        var match = SummaryLine().Matches(Out).LastOrDefault() ?? Match.Empty;
        Assert.True(match.Success, $"no cycle summary in:\n{Out}\n{Err}");
        return match;
    }

    [GeneratedRegex(@"recovery point (?<point>\S+) complete; uploaded (?<bytes>\d+) bytes in (?<blocks>\d+) blocks")]
    private static partial Regex SummaryLine();
}

/// <summary>Runs the agent's CLI in this process, or as a real child process when a test must kill it.</summary>
public static class AgentRunner
{
    public static async Task<AgentRun> RunAsync(string stateDir, params string[] args)
    {
        TestEnvironment.Ensure();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AgentCli.RunAsync(["--state-dir", stateDir, .. args], output, error, TestContext.Current.CancellationToken);
        return new AgentRun(code, output.ToString(), error.ToString());
    }

    public static ChildAgent Start(string stateDir, params string[] args)
    {
        TestEnvironment.Ensure();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[RepoPaths.AgentDll, "--state-dir", stateDir, .. args])
        {
            info.ArgumentList.Add(arg);
        }

        return new ChildAgent(Process.Start(info)!);
    }
}

/// <summary>A real agent process whose output is collected for assertions.</summary>
public sealed class ChildAgent : IDisposable
{
    private readonly StringBuilder _out = new();

    public ChildAgent(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (_out)
            {
                return _out.ToString();
            }
        }
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill();
        }

        Process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_out)
            {
                _out.AppendLine(line);
            }
        }
    }
}
