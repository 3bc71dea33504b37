using System.Text;

namespace Failkit.Identity.Users;

/// <summary>Input rules for emails and passwords, shared by the pages and the API.</summary>
public static class Validation
{
    public static string? EmailError(string? email)
    {
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 254 || email.Count(c => c == '@') != 1 || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "Enter a valid email address.";
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at == 0 || at == email.Length - 1 ? "Enter a valid email address." : null;
    }

    /// <summary>bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused.</summary>
    public static string? PasswordError(string? password, int minimumLength)
    {
        if (string.IsNullOrEmpty(password) || password.Length < minimumLength)
        {
            return $"The password must be at least {minimumLength} characters long.";
        }

        return Encoding.UTF8.GetByteCount(password) > 72 ? "The password must be at most 72 bytes long." : null;
    }
}
