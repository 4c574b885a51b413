using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;

namespace HookGuard.Config;

/// <summary>
/// Everything the user decided about a scan, loaded once: the config, <c>.hookguardignore</c> and the baseline. It turns
/// the engine's findings into those that block and those that are allowed (and says why).
/// </summary>
public sealed class ScanPolicy
{
    private ScanPolicy(HookGuardConfig config, string ignorePath, IReadOnlySet<string> ignored, string? baselinePath, IReadOnlySet<string> baseline)
    {
        Config = config;
        IgnorePath = ignorePath;
        Ignored = ignored;
        BaselinePath = baselinePath;
        Baseline = baseline;
    }

    public HookGuardConfig Config { get; }

    /// <summary>Where <c>.hookguardignore</c> is (it may not exist).</summary>
    public string IgnorePath { get; }

    public IReadOnlySet<string> Ignored { get; }

    /// <summary>The baseline applied (from <c>--baseline</c>, else the config), or null.</summary>
    public string? BaselinePath { get; }

    public IReadOnlySet<string> Baseline { get; }

    // The paths the ignore and baseline entries name, made when first asked.
    private HashSet<string>? _pathsWithEntries;

    /// <summary>
    /// Loads the policy for a scan of the repository at <paramref name="root"/> (or, outside a repository, the working
    /// directory): the config named by <paramref name="configOption"/> or found from <paramref name="root"/> upwards, the
    /// ignore file at <paramref name="root"/>, and the baseline named by <paramref name="baselineOption"/> or the config.
    /// </summary>
    /// <param name="applyBaseline">False to leave any baseline out: a new baseline must list every finding, old ones too.</param>
    /// <exception cref="Detectors.HookGuardUsageException">Any of them is missing (when named) or malformed.</exception>
    public static ScanPolicy Load(string root, string? configOption, string? baselineOption, RuleCatalog builtIn, bool applyBaseline = true) =>
        Load(root, configOption, baselineOption, () => builtIn, applyBaseline);

    /// <inheritdoc cref="Load(string, string?, string?, RuleCatalog, bool)"/>
    /// <param name="builtIn">Asked for only when a config exists (see <see cref="ConfigLoader.Load(string?, string, Func{RuleCatalog})"/>).</param>
    public static ScanPolicy Load(string root, string? configOption, string? baselineOption, Func<RuleCatalog> builtIn, bool applyBaseline = true)
    {
        ArgumentNullException.ThrowIfNull(root);
        var config = ConfigLoader.Load(configOption, root, builtIn);
        var ignorePath = Path.Combine(root, FingerprintFile.IgnoreFileName);
        if (baselineOption is not null && !File.Exists(baselineOption))
        {
            throw new Detectors.HookGuardUsageException($"baseline file not found: {baselineOption}", "create one with `hookguard baseline create`");
        }

        var baselinePath = applyBaseline ? baselineOption ?? config.BaselinePath : null;
        return new ScanPolicy(
            config,
            ignorePath,
            FingerprintFile.Read(ignorePath),
            baselinePath,
            baselinePath is null ? new HashSet<string>(StringComparer.Ordinal) : FingerprintFile.Read(baselinePath));
    }

    /// <summary>
    /// Whether findings in the file at <paramref name="path"/> (from the repository root, '/' separators) may be allowed
    /// by the user: an exclude glob leaves the file out, or an ignore or baseline entry names it. Such a file's lines were
    /// never checked, or were accepted at that path only, so a copy of it elsewhere must be read whole.
    /// </summary>
    public bool AllowsFindingsIn(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Config.ExcludePath?.Invoke(path) == true)
        {
            return true;
        }

        _pathsWithEntries ??= [.. Ignored.Concat(Baseline).Select(PathOf).OfType<string>()];
        return _pathsWithEntries.Contains(path);
    }

    /// <summary>The PATH of a RULE-ID:PATH:HASH fingerprint (a path may hold ':'; rule ids and hashes do not).</summary>
    private static string? PathOf(string fingerprint)
    {
        var first = fingerprint.IndexOf(':', StringComparison.Ordinal);
        var last = fingerprint.LastIndexOf(':');
        return first >= 0 && last > first ? fingerprint[(first + 1)..last] : null;
    }

    /// <summary>A policy with nothing configured, for scans that take none.</summary>
    public static ScanPolicy None(string root) =>
        new(HookGuardConfig.None, Path.Combine(root, FingerprintFile.IgnoreFileName), new HashSet<string>(StringComparer.Ordinal), null, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Splits findings into those that block and those allowed, each allowed one with its reason.</summary>
    public (List<Finding> Blocking, List<Finding> Allowed) Apply(IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var blocking = new List<Finding>();
        var allowed = new List<Finding>();
        foreach (var finding in findings)
        {
            var reason = finding.AllowedBy
                ?? (Ignored.Contains(finding.Fingerprint) ? Allowance.IgnoreFile
                    : Baseline.Contains(finding.Fingerprint) ? Allowance.Baseline
                    : null);
            if (reason is null)
            {
                blocking.Add(finding);
            }
            else
            {
                allowed.Add(finding with { AllowedBy = reason });
            }
        }

        return (blocking, allowed);
    }
}
