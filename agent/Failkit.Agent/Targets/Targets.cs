namespace Failkit.Agent.Targets;

/// <summary>Builds the target named by a disk's --target setting.</summary>
public static class TargetFactory
{
    /// <summary>target is "dir:&lt;path&gt;", "s3://bucket[/prefix]", "azure://container[/prefix]" or "gcs://bucket[/prefix]".</summary>
    public static ITarget Create(string target, string? endpoint, string? region)
    {
        if (target.StartsWith("dir:", StringComparison.Ordinal))
        {
            return new DirTarget(target[4..]);
        }

        var schemeEnd = target.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            throw new AgentException($"--target '{target}' must be dir:<path>, s3://<bucket>[/prefix], azure://<container>[/prefix] or gcs://<bucket>[/prefix]");
        }

        var rest = target[(schemeEnd + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
        prefix = prefix.Length == 0 ? "" : prefix + "/";
        if (bucket.Length == 0)
        {
            throw new AgentException($"--target '{target}' names no bucket");
        }

        return target[..schemeEnd] switch
        {
            "s3" => new S3Target(bucket, prefix, endpoint, region),
            "azure" => new AzureBlobTarget(bucket, prefix),
            "gcs" => new GcsTarget(bucket, prefix, endpoint),
            var other => throw new AgentException($"unknown target kind '{other}' (use dir, s3, azure or gcs)"),
        };
    }
}
