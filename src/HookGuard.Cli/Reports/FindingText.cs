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

    public static string KeepOutOfCode(Finding finding) => KeepOutOfCode(finding.Rule);

    public static string KeepOutOfCode(RuleDefinition rule) =>
        $"read it from the environment variable {rule.Remediation.EnvVar} (or a secrets manager) instead of the code";
}
