using System.Diagnostics;

namespace Failkit.Sso.Tests.Fixtures;

/// <summary>Finds node and the npm packages of tests/emulators. Missing pieces fail the test with the command
/// that installs them; nothing is skipped.</summary>
internal static class Emulators
{
    public static string Directory { get; } = Find();

    public static string Node { get; } = FindNode();

    /// <summary>The installed package's folder, or a failure naming the install command.</summary>
    public static string Package(string name)
    {
        var path = Path.Combine(Directory, "node_modules", name);
        return System.IO.Directory.Exists(path)
            ? path
            : throw new InvalidOperationException($"The npm package '{name}' is missing from {Directory}/node_modules: run npm ci --prefix tests/emulators");
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "emulators");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/emulators/package.json was not found above " + AppContext.BaseDirectory);
    }

    private static string FindNode()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var node = Path.Combine(dir, "node");
            if (File.Exists(node))
            {
                return node;
            }
        }

        throw new InvalidOperationException("Node.js is missing (the SSO tests run real IdPs on it). Install it with: sudo apt-get install -y nodejs npm; then run npm ci --prefix tests/emulators");
    }
}

/// <summary>A node process this test run started, stopped (by its own handle) on dispose. Output is kept for the
/// failure message when it does not come up.</summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private NodeProcess(Process process) => _process = process;

    public static async Task<NodeProcess> StartAsync(IEnumerable<string> args, IDictionary<string, string> env, Func<Task<bool>> ready)
    {
        var info = new ProcessStartInfo(Emulators.Node) { WorkingDirectory = Emulators.Directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env)
        {
            info.Environment[key] = value;
        }

        var node = new NodeProcess(Process.Start(info)!);
        node._process.OutputDataReceived += (_, e) => node.Append(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (node._process.HasExited)
            {
                break;
            }

            if (await ready())
            {
                return node;
            }

            await Task.Delay(50);
        }

        var output = node.Output;
        await node.DisposeAsync();
        throw new InvalidOperationException($"node {string.Join(' ', args)} did not come up (if packages are missing: run npm ci --prefix tests/emulators). Output:\n{output}");
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            // Bounded: saml-idp prints every response it makes.
            if (line is not null && _output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
