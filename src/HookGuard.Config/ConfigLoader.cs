using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HookGuard.Detectors;
using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;
using HookGuard.Git;
using Microsoft.Extensions.FileSystemGlobbing;

namespace HookGuard.Config;

/// <summary>
/// Finds and reads <c>.hookguard.json</c>. A config with any problem is refused whole, with one line naming the file, the
/// line and the first problem: a scan with half a config would quietly scan with rules nobody chose.
/// </summary>
public static partial class ConfigLoader
{
    private const string Hint = "fix the config, or see docs/config.md";

    /// <summary>The nearest <see cref="HookGuardConfig.FileName"/> in <paramref name="startDirectory"/> or a folder above it, or null.</summary>
    public static string? Find(string startDirectory)
    {
        ArgumentNullException.ThrowIfNull(startDirectory);
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, HookGuardConfig.FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The config in effect: <paramref name="explicitPath"/> when given, else the nearest one from <paramref name="startDirectory"/> up, else none.</summary>
    /// <exception cref="HookGuardUsageException">The config is missing (when named) or has a problem.</exception>
    public static HookGuardConfig Load(string? explicitPath, string startDirectory, RuleCatalog builtIn) =>
        Load(explicitPath, startDirectory, () => builtIn);

    /// <param name="builtIn">The built-in catalogue, asked for only when there is a config to check against it: with no
    /// config, the hook's main thread does not wait for the catalogue, which loads meanwhile on another core.</param>
    /// <exception cref="HookGuardUsageException">The config is missing (when named) or has a problem.</exception>
    public static HookGuardConfig Load(string? explicitPath, string startDirectory, Func<RuleCatalog> builtIn)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        if (explicitPath is not null && !File.Exists(explicitPath))
        {
            throw new HookGuardUsageException($"config file not found: {explicitPath}", "check the path given to --config");
        }

        var path = explicitPath ?? Find(startDirectory);
        return path is null ? HookGuardConfig.None : LoadFile(path, builtIn());
    }

    /// <exception cref="HookGuardUsageException">The file cannot be read or has a problem.</exception>
    public static HookGuardConfig LoadFile(string path, RuleCatalog builtIn)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(builtIn);
        byte[] utf8;
        try
        {
            utf8 = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HookGuardUsageException($"{path}: cannot read the config: {e.Message}", Hint);
        }

        // Editors on Windows often save with a byte order mark; it is not part of the JSON.
        if (utf8.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            utf8 = utf8[Encoding.UTF8.Preamble.Length..];
        }

        ConfigFileModel model;
        try
        {
            model = JsonSerializer.Deserialize(utf8, ConfigJsonContext.Default.ConfigFileModel)
                ?? throw new HookGuardUsageException($"{path}:1: the config must be a JSON object", Hint);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var notAnObject = e.Path == "$" && e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);
            throw new HookGuardUsageException(notAnObject ? $"{path}:{line}: the config must be a JSON object" : $"{path}:{line}: {Describe(e)}", Hint);
        }

        var problems = new Problems(path, JsonLineMap.Build(utf8));
        var config = Validate(model, path, builtIn, problems);
        problems.ThrowIfAny();
        return config;
    }

    private static HookGuardConfig Validate(ConfigFileModel model, string path, RuleCatalog builtIn, Problems problems)
    {
        var builtInIds = builtIn.Rules.Select(rule => rule.Id).ToHashSet(StringComparer.Ordinal);
        var customRules = RuleCatalog.ParseCustom(
            model.CustomRules ?? [], Path.GetFileName(path), builtInIds,
            (file, rule, field, message) => problems.Add(
                rule < 0 ? $"$.customRules[{file}]" : JsonLineMap.Child($"$.customRules[{file}].rules[{rule}]", field),
                rule < 0 ? message : $"custom rule {RuleLabel(model, file, rule)}: {message}"));

        var known = builtInIds.Concat(customRules.Select(rule => rule.Id)).ToHashSet(StringComparer.Ordinal);
        var disabled = new HashSet<string>(StringComparer.Ordinal);
        Each(model.DisableRules, "$.disableRules", (id, at) =>
        {
            if (!known.Contains(id))
            {
                problems.Add(at, $"disableRules: unknown rule '{id}' (`hookguard rules` lists the ids)");
            }

            disabled.Add(id);
        });

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string? baseline = null;
        if (model.Baseline is { } baselineName)
        {
            baseline = baselineName.Contains('\0', StringComparison.Ordinal) ? null : Path.GetFullPath(baselineName, directory);
            if (string.IsNullOrWhiteSpace(baselineName) || !File.Exists(baseline))
            {
                problems.Add("$.baseline", $"baseline file not found: {baselineName} (paths are relative to the config's folder; create one with `hookguard baseline create`)");
            }
        }

        return new HookGuardConfig
        {
            SourcePath = path,
            MaxFileBytes = MaxFileBytes(model.MaxFileSize, problems),
            BaselinePath = baseline,
            DisabledRules = disabled,
            CustomRules = customRules,
            ExcludePath = Excludes(model.Exclude, problems),
            AllowList = AllowList(model.Allow, problems),
        };
    }

    private static string RuleLabel(ConfigFileModel model, int file, int rule) =>
        model.CustomRules![file].Rules![rule]?.Id is { } id ? $"'{id}'" : $"#{rule + 1}";

    private static long? MaxFileBytes(JsonElement? value, Problems problems)
    {
        if (value is not { } element)
        {
            return null;
        }

        var text = element.ValueKind switch
        {
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.String => element.GetString(),
            _ => null,
        };
        if (!GitSizeValue.TryParse(text, out var bytes) || bytes is < 1 or > StagedScanOptions.LargestMaxFileBytes)
        {
            problems.Add("$.maxFileSize", "maxFileSize must be a number of bytes between 1 and 1g, optionally with k, m or g (\"10m\")");
            return null;
        }

        return bytes;
    }

    /// <summary>
    /// Globs from the repository root, with .gitignore's habits: a pattern without '/' matches that name in any folder
    /// (<c>*.min.js</c>, <c>testdata</c>), a pattern naming a folder covers everything in it, a leading '/' anchors at the root.
    /// </summary>
    private static Func<string, bool>? Excludes(List<string>? patterns, Problems problems)
    {
        if (patterns is not { Count: > 0 })
        {
            return null;
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        Each(patterns, "$.exclude", (pattern, at) =>
        {
            var glob = pattern.Trim().Replace('\\', '/');
            if (glob.Length == 0 || glob.StartsWith('!') || glob.Split('/').Contains(".."))
            {
                problems.Add(at, "exclude: each entry must be a glob from the repository root, such as \"**/testdata/**\" or \"*.min.js\" (no '!', no '..')");
                return;
            }

            glob = glob.TrimEnd('/');
            glob = glob.StartsWith('/') ? glob.TrimStart('/') : glob.Contains('/', StringComparison.Ordinal) ? glob : "**/" + glob;
            matcher.AddInclude(glob);
            if (!glob.EndsWith("/**", StringComparison.Ordinal))
            {
                matcher.AddInclude(glob + "/**");
            }
        });
        return path => matcher.Match(path).HasMatches;
    }

    private static SecretAllowList AllowList(AllowModel? allow, Problems problems)
    {
        if (allow is null)
        {
            return SecretAllowList.Empty;
        }

        var regexes = new List<Regex>();
        Each(allow.Regexes, "$.allow.regexes", (pattern, at) =>
        {
            if (pattern.Length == 0)
            {
                problems.Add(at, "allow.regexes: an empty regex would allow every secret");
                return;
            }

            try
            {
                // Linear time, like the rules: an allow regex runs on every finding and must not hang a commit.
                regexes.Add(new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                problems.Add(at, $"allow.regexes: not a regex HookGuard can run in linear time: {e.Message}");
            }
        });

        var stopwords = new List<string>();
        Each(allow.Stopwords, "$.allow.stopwords", (word, at) =>
        {
            if (word.Trim().Length < 3)
            {
                problems.Add(at, "allow.stopwords: each stopword needs at least 3 characters (a shorter one would allow almost any secret)");
                return;
            }

            stopwords.Add(word.Trim());
        });

        return new SecretAllowList(regexes, stopwords);
    }

    private static void Each(List<string>? values, string path, Action<string, string> check)
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            check(values![i] ?? "", $"{path}[{i}]");
        }
    }

    /// <summary>System.Text.Json's message in our words, without its "Path: … | LineNumber: …" tail (the line is given already).</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        if (UnmappedMember().Match(message) is { Success: true } unmapped)
        {
            return $"unknown setting '{unmapped.Groups["name"].Value}' (see docs/config.md for the settings)";
        }

        var tail = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (tail > 0)
        {
            message = message[..tail];
        }

        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            return $"{e.Path?.TrimStart('$', '.') ?? "a value"} has the wrong type of value (see docs/config.md)";
        }

        return $"not valid JSON: {message}";
    }

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnmappedMember();

    /// <summary>Problems found after parsing, each placed on its line; all are collected, the first is reported.</summary>
    private sealed class Problems(string path, JsonLineMap lines)
    {
        private readonly List<(int Line, string Message)> _found = [];

        public void Add(string jsonPath, string message) => _found.Add((lines.LineOf(jsonPath), message));

        public void ThrowIfAny()
        {
            if (_found.Count == 0)
            {
                return;
            }

            var (line, message) = _found.OrderBy(p => p.Line).First();
            var more = _found.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (and {_found.Count - 1} more problem{(_found.Count > 2 ? "s" : "")})") : "";
            throw new HookGuardUsageException($"{path}:{line}: {message}{more}", Hint);
        }
    }
}
