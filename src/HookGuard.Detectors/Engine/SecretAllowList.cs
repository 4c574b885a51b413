using System.Text.RegularExpressions;

namespace HookGuard.Detectors.Engine;

/// <summary>
/// The config's allow list: a secret matching one of the regexes, or holding one of the stopwords (any case), is a known
/// non-secret (a test fixture's shape, a team's placeholder word). Both look at the secret only, never the whole line,
/// so a real token on a line that mentions "test" still blocks.
/// </summary>
public sealed class SecretAllowList(IReadOnlyList<Regex> regexes, IReadOnlyList<string> stopwords)
{
    public static SecretAllowList Empty { get; } = new([], []);

    public bool IsEmpty => regexes.Count == 0 && stopwords.Count == 0;

    public bool Allows(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        foreach (var stopword in stopwords)
        {
            if (secret.Contains(stopword, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var regex in regexes)
        {
            if (regex.IsMatch(secret))
            {
                return true;
            }
        }

        return false;
    }
}
