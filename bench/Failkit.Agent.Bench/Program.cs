using Failkit.Agent.Bench;

// Not run in CI: it needs minutes and a few GiB of disk. Usage:
//   dotnet run -c Release --project bench/Failkit.Agent.Bench -- [--size-mib 4096] [--dir /tmp/x] [--skip-s3rver]
var options = BenchOptions.Parse(args);
var report = new BenchReport();
using var work = new BenchWorkspace(options);

report.Add("image", $"{options.SizeMib} MiB generated", work.GenerateImage());
report.Add("sequential read", "FileStream, 4 MiB reads", Measure.SequentialRead(work.ImagePath));
report.Add("openssl aes-256-gcm", "openssl speed -evp, 1 core, 16 KiB", OpenSslSpeed.Run("aes-256-gcm"));
report.Add("openssl sha256", "openssl speed -evp, 1 core, 16 KiB", OpenSslSpeed.Run("sha256"));
report.Add(".NET AES-256-GCM", "1 core, 1 MiB blocks", Measure.AesGcm());
report.Add(".NET SHA-256", "1 core, 1 MiB blocks", Measure.Sha256());
report.Add(".NET XXH3", "1 core, 1 MiB blocks", Measure.Xxh3());
report.Add("pipeline, 1 core", "read→XXH3→SHA-256→AES-GCM, one thread", Measure.SingleCorePipeline(work.ImagePath));
report.Add("agent sync → null sink", $"initial cycle, {Environment.ProcessorCount} workers", await work.SyncAsync(NullSinkKind.Null));
report.AddIncremental(await work.IncrementalAsync());
if (!options.SkipS3rver)
{
    report.Add("agent sync → s3rver", "initial cycle over HTTP to npm s3rver", await work.SyncAsync(NullSinkKind.S3rver));
}

report.Print(Environment.ProcessorCount);
