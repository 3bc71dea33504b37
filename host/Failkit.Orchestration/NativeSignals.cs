using System.Runtime.InteropServices;

namespace Failkit.Orchestration;

/// <summary>.NET's <c>Process.Kill</c> sends SIGKILL only; a graceful stop needs SIGTERM, which the host's generic-host
/// lifetime turns into an orderly shutdown (drain requests, release workflow locks).</summary>
internal static partial class NativeSignals
{
    private const int SigTerm = 15;

    public static bool TryTerminate(int pid) => !OperatingSystem.IsWindows() && Kill(pid, SigTerm) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
