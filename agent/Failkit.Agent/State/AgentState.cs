using System.Text.Json;
using Failkit.Agent.Replication;

namespace Failkit.Agent.State;

/// <summary>
/// The agent's state folder: one subfolder per protected disk with its registration, the last
/// complete manifest (the previous cycle's block map) and, while a cycle is open, its resume journal.
/// </summary>
public sealed class AgentState(string root)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Root { get; } = Path.GetFullPath(root);

    public string IdentityDir => Path.Combine(Root, "identity");

    public static string DefaultRoot() =>
        Environment.GetEnvironmentVariable("FAILKIT_AGENT_STATE") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".failkit-agent");

    public string DiskDir(string name) => Path.Combine(Root, "disks", Uri.EscapeDataString(name));

    public void Save(DiskRegistration registration)
    {
        Directory.CreateDirectory(DiskDir(registration.Name));
        WriteAtomic(Path.Combine(DiskDir(registration.Name), "registration.json"), JsonSerializer.SerializeToUtf8Bytes(registration, Json));
    }

    public IReadOnlyList<DiskRegistration> Disks()
    {
        var dir = Path.Combine(Root, "disks");
        if (!Directory.Exists(dir))
        {
            return [];
        }

        return Directory.EnumerateDirectories(dir)
            .Select(d => Path.Combine(d, "registration.json"))
            .Where(File.Exists)
            .Select(f => JsonSerializer.Deserialize<DiskRegistration>(File.ReadAllBytes(f), Json)!)
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The named disk, or the only one when name is null.</summary>
    public DiskRegistration Disk(string? name)
    {
        var disks = Disks();
        if (name is null)
        {
            return disks.Count switch
            {
                1 => disks[0],
                0 => throw new AgentException($"no disk is protected yet in {Root}: run protect first"),
                _ => throw new AgentException($"several disks are protected; pick one with --name ({string.Join(", ", disks.Select(d => d.Name))})"),
            };
        }

        return disks.FirstOrDefault(d => d.Name == name) ?? throw new AgentException($"disk '{name}' is not protected (see status)");
    }

    public Manifest? LastManifest(string name)
    {
        var path = Path.Combine(DiskDir(name), "last-manifest.json");
        return File.Exists(path) ? Manifest.Parse(File.ReadAllBytes(path)) : null;
    }

    public void SaveLastManifest(string name, byte[] manifestBytes) =>
        WriteAtomic(Path.Combine(DiskDir(name), "last-manifest.json"), manifestBytes);

    public ResumeJournal Journal(string name) => new(DiskDir(name));

    public static void WriteAtomic(string path, byte[] bytes)
    {
        var temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
