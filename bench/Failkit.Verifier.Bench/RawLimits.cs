using System.Diagnostics;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace Failkit.Verifier.Bench;

/// <summary>The raw limit the verifier is compared with, over the same work: SHA-256 of as many bytes as the verifier
/// hashes (PDFs and manifests, from memory, so no file system), and one Ed25519 verify per report (keys imported once).</summary>
public static class RawLimits
{
    public static TimeSpan Sha256(BenchChain chain, int pdfKiB, int reports, int threads)
    {
        var pdfCount = (int)(chain.PdfBytes / (pdfKiB * 1024L));
        var manifestSize = (int)(chain.ManifestBytes / Math.Max(1, pdfCount));
        var pdf = new byte[pdfKiB * 1024];
        var manifest = new byte[manifestSize];
        Random.Shared.NextBytes(pdf);
        Random.Shared.NextBytes(manifest);
        var sink = new byte[threads * 32];
        return Time(reports, threads, (i, t) =>
        {
            if (i < pdfCount)
            {
                SHA256.HashData(pdf, sink.AsSpan(t * 32, 32));
                SHA256.HashData(manifest, sink.AsSpan(t * 32, 32));
            }
        });
    }

    public static TimeSpan Ed25519(BenchChain chain, int threads)
    {
        var keys = chain.PublicKeys.Select(k => PublicKey.Import(SignatureAlgorithm.Ed25519, k, KeyBlobFormat.RawPublicKey)).ToArray();
        var failures = 0;
        var elapsed = Time(chain.Signatures.Count, threads, (i, _) =>
        {
            var (hash, signature, key) = chain.Signatures[i];
            if (!SignatureAlgorithm.Ed25519.Verify(keys[key], hash, signature))
            {
                Interlocked.Increment(ref failures);
            }
        });
        return failures == 0 ? elapsed : throw new InvalidOperationException($"{failures} signatures did not verify in the raw loop");
    }

    /// <summary>Runs <paramref name="work"/> for items 0..count-1 on the given number of threads, each taking a
    /// contiguous share (as Parallel.For's range partitioning does).</summary>
    public static TimeSpan Time(int count, int threads, Action<int, int> work)
    {
        var watch = Stopwatch.StartNew();
        if (threads == 1)
        {
            for (var i = 0; i < count; i++)
            {
                work(i, 0);
            }
        }
        else
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                for (var i = t * count / threads; i < (t + 1) * count / threads; i++)
                {
                    work(i, t);
                }
            });
        }

        return watch.Elapsed;
    }
}
