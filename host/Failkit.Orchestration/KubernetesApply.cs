using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Failkit.Orchestration;

/// <summary>Create, and on 409 read the live object and replace it at its resourceVersion: the same result however
/// often it runs. A replace that loses a race (409 again) is retried from the read.</summary>
internal static class KubernetesApply
{
    private const int Attempts = 3;

    public static async Task CreateOrReplaceAsync<T>(
        T desired, Func<Task<T>> create, Func<Task<T>> read, Func<Task<T>> replace, Action<T, T>? carryOver = null)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            await create();
            return;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // It exists: fall through to the replace.
        }

        for (var attempt = 1; ; attempt++)
        {
            var existing = await read();
            desired.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
            carryOver?.Invoke(desired, existing);
            try
            {
                await replace();
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < Attempts)
            {
                // Someone changed it between our read and our replace; read again.
            }
        }
    }

    public static async Task<T?> ReadOrNullAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
