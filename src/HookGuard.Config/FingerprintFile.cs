using System.Text.RegularExpressions;
using HookGuard.Detectors;

namespace HookGuard.Config;

/// <summary>
/// The two files that list fingerprints: <c>.hookguardignore</c> (one entry a line, with a <c>#</c> comment that says
/// why, who and when) and a baseline (fingerprints only). Blank lines and lines starting with <c>#</c> are comments.
/// </summary>
public static partial class FingerprintFile
{
    /// <summary>The ignore file's name, at the repository root.</summary>
    public const string IgnoreFileName = ".hookguardignore";

    /// <summary>The baseline's default name, at the repository root.</summary>
    public const string DefaultBaselineName = ".hookguard-baseline";

    /// <summary>The fingerprints in <paramref name="path"/>; an empty set when the file does not exist.</summary>
    /// <exception cref="HookGuardUsageException">A line is not a fingerprint (named by file and line).</exception>
    public static IReadOnlySet<string> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] lines;
        try
        {
            if (!File.Exists(path))
            {
                return new HashSet<string>(StringComparer.Ordinal);
            }

            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HookGuardEnvironmentException($"cannot read {path}: {e.Message}");
        }

        var fingerprints = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var entry = Entry().Match(line);
            if (!entry.Success)
            {
                throw new HookGuardUsageException(
                    $"{path}:{i + 1}: not a fingerprint (RULE-ID:PATH:HASH, then optionally '# comment')",
                    "each finding prints its fingerprint; `hookguard ignore FINGERPRINT --reason TEXT` writes the line for you");
            }

            fingerprints.Add(entry.Groups["fingerprint"].Value);
        }

        return fingerprints;
    }

    /// <summary>Whether <paramref name="fingerprint"/> has the contract's shape, RULE-ID:PATH:HASH (16 lowercase hex digits).</summary>
    public static bool IsFingerprint(string fingerprint) => fingerprint is not null && Fingerprint().IsMatch(fingerprint);

    /// <summary>The rule id part of a well-formed fingerprint.</summary>
    public static string RuleId(string fingerprint) => fingerprint[..fingerprint.IndexOf(':', StringComparison.Ordinal)];

    // The path may itself hold ':' or ' #'; the hash at the end anchors the split. \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)+:[^\x00-\x1f\x7f]+:[0-9a-f]{16}\z")]
    private static partial Regex Fingerprint();

    [GeneratedRegex(@"^(?<fingerprint>[a-z0-9]+(-[a-z0-9]+)+:[^\x00-\x1f\x7f]+?:[0-9a-f]{16})(\s+#.*)?\z")]
    private static partial Regex Entry();
}
