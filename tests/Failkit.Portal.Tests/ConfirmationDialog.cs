using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>Answers the confirmation a destructive action asks for (Layout/Confirmation.cs in the portal).</summary>
public static class ConfirmationDialog
{
    /// <summary>Clicks <paramref name="action"/>, answers its dialog with <paramref name="answer"/> ("Cancel" or the
    /// action's own button), and waits until the dialog is gone.</summary>
    public static async Task AnswerAsync(IPage page, ILocator action, string answer)
    {
        await action.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = answer, Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }
}
