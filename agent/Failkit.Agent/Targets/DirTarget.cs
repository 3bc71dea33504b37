namespace Failkit.Agent.Targets;

/// <summary>A local folder standing in for a bucket: the embedded default, for demos and development.</summary>
public sealed class DirTarget(string root) : ITarget
{
    private readonly string _root = Path.GetFullPath(root);

    public string Description => $"dir:{_root}";

    public Task EnsureReadyAsync(CancellationToken ct)
    {
        if (!Directory.Exists(_root))
        {
            throw new AgentException($"target folder '{_root}' does not exist");
        }

        return Task.CompletedTask;
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write then rename, so a killed agent never leaves a truncated object under the final name.
        var temp = path + ".partial-" + Guid.NewGuid().ToString("N");
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
        {
            await file.WriteAsync(data, ct);
        }

        File.Move(temp, path, overwrite: true);
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
    }

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct)
    {
        var dir = Path.GetDirectoryName(PathOf(prefix + "x"))!;
        if (!Directory.Exists(dir))
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        IReadOnlyList<string> keys = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(".partial-", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/'))
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(keys);
    }

    public void Dispose() { }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new AgentException($"object key '{key}' escapes the target folder");
        }

        return path;
    }
}
