using System.Globalization;
using System.Text;

namespace HookGuard.Cli.Reports;

/// <summary>
/// Makes text from the repository (file names, commit subjects) safe to print on a terminal. A file
/// name is attacker-controlled: with raw control characters it could move the cursor or clear the
/// screen and hide a block message, and bidirectional overrides can make one name look like another.
/// </summary>
public static class DisplayText
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when NeedsEscape(c) => c <= 0xFF ? $"\\x{(int)c:x2}" : $"\\u{((int)c).ToString("x4", CultureInfo.InvariantCulture)}",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F';
}
