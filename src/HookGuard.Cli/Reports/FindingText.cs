using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;

namespace HookGuard.Cli.Reports;

/// <summary>Words shared by every place a finding is shown.</summary>
public static class FindingText
{
    public static string ExplainCommand(Finding finding) => ExplainCommand(finding.Rule);

    public static string ExplainCommand(RuleDefinition rule) => $"hookguard explain {rule.Id}";

    /// <summary>12 hex digits: unambiguous in any repository a developer is likely to have.</summary>
    public static string ShortCommit(string commit) => commit.Length > 12 ? commit[..12] : commit;

    public static string Location(Finding finding) => $"{DisplayText.Escape(finding.Path)}:{finding.Line}:{finding.Column}";

    /// <summary>
    /// The command that ignores this finding, ready to paste into a POSIX shell. A path holding control characters
    /// (or characters that must be escaped on a terminal) cannot be written as one line of .hookguardignore; an inline comment or an exclude covers those.
    /// </summary>
    public static string IgnoreCommand(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        // A name that must be escaped to be shown safely would paste as something else.
        return Config.FingerprintFile.IsFingerprint(finding.Fingerprint) && DisplayText.Escape(finding.Fingerprint) == finding.Fingerprint
            ? $"hookguard ignore {ShellQuote(finding.Fingerprint)} --reason \"why this is not a leak\""
            : $"(this path cannot be ignored by fingerprint; add a {Detectors.Engine.SecretScanner.InlineAllowMarker} comment to the line, or an exclude to .hookguard.json)";
    }

    /// <summary>Single quotes, which the shell takes literally; a quote inside becomes '\''.</summary>
    public static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static string KeepOutOfCode(Finding finding) => KeepOutOfCode(finding.Rule);

    public static string KeepOutOfCode(RuleDefinition rule) =>
        $"read it from the environment variable {rule.Remediation.EnvVar} (or a secrets manager) instead of the code";
}
