using System.Globalization;

namespace Failkit.Agent.Bench;

public sealed record BenchOptions(int SizeMib, string Dir, bool SkipS3rver)
{
    public static BenchOptions Parse(string[] args)
    {
        var size = 4096;
        var dir = Path.Combine(Path.GetTempPath(), "failkit-agent-bench");
        var skip = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size-mib":
                    size = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--dir":
                    dir = args[++i];
                    break;
                case "--skip-s3rver":
                    skip = true;
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}; use --size-mib N, --dir PATH, --skip-s3rver");
            }
        }

        return new BenchOptions(size, dir, skip);
    }
}
