using MudBlazor;

namespace Failkit.Portal.Layout;

/// <summary>Asks before a destructive action (deactivate, revoke, delete, cancel, suspend): one stray click must not lock
/// a user out or stop a drill. The dialog's action button says what happens; Cancel and Escape do nothing.</summary>
public static class Confirmation
{
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string action)
    {
        var answer = await dialogs.ShowMessageBoxAsync(new MessageBoxOptions { Title = title, Message = message, YesText = action, CancelText = "Cancel" },
            new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true });
        return answer == true;
    }
}
