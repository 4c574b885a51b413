using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;

namespace HookGuard.Config;

/// <summary>A validated <c>.hookguard.json</c>: what to scan, with which rules, and which secrets are known not to be leaks.</summary>
public sealed class HookGuardConfig
{
    /// <summary>The file name looked for from the repository root upwards.</summary>
    public const string FileName = ".hookguard.json";

    /// <summary>No config file: the built-in rules, nothing excluded or allowed.</summary>
    public static HookGuardConfig None { get; } = new();

    /// <summary>The file this came from, or null for <see cref="None"/>.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The size limit the config sets, or null to leave it to git config and the default.</summary>
    public long? MaxFileBytes { get; init; }

    /// <summary>The baseline file the config names (absolute), or null.</summary>
    public string? BaselinePath { get; init; }

    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlyList<RuleDefinition> CustomRules { get; init; } = [];

    /// <summary>Whether a path from the repository root ('/' separators) is excluded, or null when nothing is.</summary>
    public Func<string, bool>? ExcludePath { get; init; }

    public SecretAllowList AllowList { get; init; } = SecretAllowList.Empty;

    /// <summary>Whether the rules differ from the built-in catalogue (a scan then builds its own engine).</summary>
    public bool ChangesRules => DisabledRules.Count > 0 || CustomRules.Count > 0;

    /// <summary>The rules a scan runs: the built-in ones, then the custom ones, less those disabled.</summary>
    public IReadOnlyList<RuleDefinition> Rules(RuleCatalog builtIn)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        return ChangesRules ? [.. builtIn.Rules.Concat(CustomRules).Where(rule => !DisabledRules.Contains(rule.Id))] : builtIn.Rules;
    }

    /// <summary>A rule by id among the built-in (even disabled: its guide still helps) and custom rules.</summary>
    public RuleDefinition? FindRule(RuleCatalog builtIn, string id)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        return builtIn.Find(id) ?? CustomRules.FirstOrDefault(rule => rule.Id == id);
    }
}
