namespace Failkit.Workflows.Api.Tests;

internal static class TestExtensions
{
    /// <summary>Edits a value inline and returns it, for building request bodies in one expression.</summary>
    public static T Also<T>(this T value, Action<T> edit)
    {
        edit(value);
        return value;
    }
}
