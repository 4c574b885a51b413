using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HookGuard.Detectors.Catalog;

/// <summary>The detector catalogue: every rule from the provider files embedded under Rules/.</summary>
public sealed partial class RuleCatalog
{
    private const string ResourcePrefix = "HookGuard.Rules.";
    private static readonly Lazy<RuleCatalog> Embedded = new(FromIndex);

    /// <summary>Built-in provider files read so far for their rules' details, by file name.</summary>
    private static readonly ConcurrentDictionary<string, Dictionary<string, RuleDetails>> DetailsByFile = new(StringComparer.Ordinal);

    private readonly Dictionary<string, RuleDefinition> _byId;

    private RuleCatalog(IReadOnlyList<RuleDefinition> rules)
    {
        Rules = rules;
        _byId = rules.ToDictionary(rule => rule.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<RuleDefinition> Rules { get; }

    /// <summary>
    /// The built-in catalogue, from the index the build generates out of the provider files (BuiltInRuleIndex): a
    /// scan starts without reading any JSON. A rule's remediation and test material are read from its embedded file
    /// the first time they are asked for. The test suite parses every file with all checks (<c>fullChecks: true</c>)
    /// and compares the index with it, so a bad rule never reaches a user.
    /// </summary>
    public static RuleCatalog LoadEmbedded() => Embedded.Value;

    /// <summary>The largest <see cref="RuleDefinition.LineReach"/> a rule may declare; past it, spanning the whole fragment costs little more.</summary>
    public const int MaxLineReach = 100;

    /// <summary>
    /// Builds the search tables the built-in compiled patterns share (one class for all of them, ~0.3 ms), so that the
    /// first match does not pay for it. For a warm-up thread; no rule's regex is built.
    /// </summary>
    public static void PrepareCompiledPatterns() => BuiltInRegexes.BuildSharedTables();

    /// <summary>A new catalogue from the generated index (tests need rule objects no other test has touched).</summary>
    internal static RuleCatalog FromIndex() => new(Array.ConvertAll(BuiltInRuleIndex.Entries, ToRule));

    private static RuleDefinition ToRule(BuiltInRuleEntry entry)
    {
        SecretValidator? validator = null;
        if (entry.Validator is not null && SecretValidator.TryParse(entry.Validator, out validator) is { } error)
        {
            throw new RuleCatalogException([$"{entry.Id} ({entry.SourceFile}): {error}"]);
        }

        return new RuleDefinition(
            entry.Id, entry.Title, entry.Provider, entry.SourceFile, entry.Matches, entry.Keywords, entry.Pattern, entry.MinEntropy, validator,
            SetOf(entry.AllowedHashes),
            new Lazy<RuleDetails>(() => ReadDetails(entry.SourceFile, entry.Id), LazyThreadSafetyMode.ExecutionAndPublication),
            entry.SpansLines, SetOf(entry.Supersedes), entry.Fallback, entry.LineReach);
    }

    /// <summary>Most rules allow and supersede nothing: they share one empty set instead of allocating two each at start-up.</summary>
    private static IReadOnlySet<string> SetOf(IReadOnlyList<string> values) =>
        values.Count == 0 ? NoStrings : values.ToHashSet(StringComparer.Ordinal);

    private static readonly IReadOnlySet<string> NoStrings = new HashSet<string>(StringComparer.Ordinal);

    private static RuleDetails ReadDetails(string fileName, string id)
    {
        var rules = DetailsByFile.GetOrAdd(fileName, static fileName =>
        {
            try
            {
                return RuleDetailsReader.Read(ReadEmbeddedFile(fileName));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new RuleCatalogException([$"{fileName}: not valid rule JSON: {e.Message}"]);
            }
        });
        return rules.TryGetValue(id, out var details)
            ? details
            : throw new RuleCatalogException([$"{id} ({fileName}): the rule is in the index but not in its embedded file"]);
    }

    private static string ReadEmbeddedFile(string fileName)
    {
        using var stream = typeof(RuleCatalog).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new RuleCatalogException([$"{fileName}: not embedded"]);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public RuleDefinition? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The embedded provider files, as (file name, JSON text).</summary>
    public static IReadOnlyList<(string FileName, string Json)> ReadEmbeddedFiles()
    {
        return typeof(RuleCatalog).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => name[ResourcePrefix.Length..])
            .Select(fileName => (fileName, ReadEmbeddedFile(fileName)))
            .ToList();
    }

    /// <summary>
    /// Parses and validates provider files. Collects every error (each led by the rule id and file)
    /// and throws <see cref="RuleCatalogException"/> if there is any. <paramref name="fullChecks"/>
    /// also compiles every pattern with the linear-time engine and expands every sample shape.
    /// </summary>
    public static RuleCatalog Parse(IEnumerable<(string FileName, string Json)> files, bool fullChecks)
    {
        ArgumentNullException.ThrowIfNull(files);
        var errors = new List<string>();
        var rules = new List<RuleDefinition>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (fileName, json) in files)
        {
            foreach (var rule in ParseFile(fileName, json, fullChecks, errors))
            {
                if (!ids.Add(rule.Id))
                {
                    errors.Add($"{rule.Id} ({fileName}): duplicate rule id");
                    continue;
                }

                rules.Add(rule);
            }
        }

        foreach (var rule in rules)
        {
            foreach (var superseded in rule.Supersedes.Where(id => !ids.Contains(id) || id == rule.Id))
            {
                errors.Add($"{rule.Id} ({rule.SourceFile}): supersedes '{superseded}', which is not another rule of the catalogue");
            }
        }

        if (errors.Count > 0)
        {
            throw new RuleCatalogException(errors);
        }

        return new RuleCatalog(rules);
    }

    /// <summary>The valid rules of one provider file; its problems go to <paramref name="errors"/>.</summary>
    private static List<RuleDefinition> ParseFile(string fileName, string json, bool fullChecks, List<string> errors)
    {
        RuleFileModel? file;
        try
        {
            file = JsonSerializer.Deserialize(json, RuleFileJsonContext.Default.RuleFileModel);
        }
        catch (JsonException e)
        {
            errors.Add($"{fileName}: not valid rule JSON: {e.Message}");
            return [];
        }

        if (file is null || string.IsNullOrWhiteSpace(file.Provider) || file.Rules is not { Count: > 0 })
        {
            errors.Add($"{fileName}: needs a 'provider' and at least one rule");
            return [];
        }

        var rules = new List<RuleDefinition>();
        foreach (var model in file.Rules)
        {
            if (Validate(model, file.Provider, fileName, fullChecks, errors) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return rules;
    }

    /// <summary>
    /// Rules a user adds in the config (<c>customRules</c>): provider files in the same schema as the built-in ones, checked
    /// fully (every pattern compiled), but only the fields a scan and a finding need are required. The tests' fields
    /// (sample, examples, negatives) and the guide's lists are optional; those given are checked as for a built-in rule.
    /// </summary>
    /// <param name="files">The provider files, in config order.</param>
    /// <param name="sourceName">Shown as the rules' source file (the config's file name).</param>
    /// <param name="knownIds">Ids a custom rule may supersede, and must not reuse (the built-in catalogue).</param>
    /// <param name="error">Called per problem with the file index, the rule index (-1 for the file itself), the field (null for the whole rule) and the message.</param>
    public static IReadOnlyList<RuleDefinition> ParseCustom(
        IReadOnlyList<RuleFileModel> files, string sourceName, IReadOnlySet<string> knownIds, Action<int, int, string?, string> error)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(knownIds);
        ArgumentNullException.ThrowIfNull(error);
        var rules = new List<(RuleDefinition Rule, int File, int Index)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var f = 0; f < files.Count; f++)
        {
            var file = files[f];
            if (file is null || string.IsNullOrWhiteSpace(file.Provider) || file.Rules is not { Count: > 0 })
            {
                error(f, -1, null, "a custom rule file needs a 'provider' and at least one rule in 'rules'");
                continue;
            }

            for (var r = 0; r < file.Rules.Count; r++)
            {
                if (file.Rules[r] is null)
                {
                    error(f, r, null, "a rule must be an object");
                    continue;
                }

                var (fileIndex, ruleIndex) = (f, r);
                var rule = Validate(file.Rules[r], file.Provider, sourceName, RuleChecks.Custom, (field, message) => error(fileIndex, ruleIndex, field, message));
                if (rule is null)
                {
                    continue;
                }

                if (knownIds.Contains(rule.Id) || !ids.Add(rule.Id))
                {
                    error(f, r, "id", $"rule id '{rule.Id}' is already taken{(knownIds.Contains(rule.Id) ? " by a built-in rule (to change a built-in rule, disable it and add yours under another id)" : "")}");
                    continue;
                }

                rules.Add((rule, f, r));
            }
        }

        foreach (var (rule, f, r) in rules)
        {
            foreach (var superseded in rule.Supersedes.Where(id => id == rule.Id || !(ids.Contains(id) || knownIds.Contains(id))))
            {
                error(f, r, "supersedes", $"supersedes '{superseded}', which is not another rule");
            }
        }

        return rules.ConvertAll(r => r.Rule);
    }

    /// <summary>How strictly a rule file is checked: built-in rules carry everything; custom rules only what a scan needs.</summary>
    private enum RuleChecks
    {
        /// <summary>Every field required; only the checks a scan depends on (start-up cost).</summary>
        BuiltIn,

        /// <summary>As <see cref="BuiltIn"/>, and every pattern compiled and sample expanded (the test suite).</summary>
        BuiltInFull,

        /// <summary>What a scan and a finding need required, every pattern compiled.</summary>
        Custom,
    }

    private static RuleDefinition? Validate(RuleModel model, string provider, string fileName, bool fullChecks, List<string> errors)
    {
        var id = model.Id ?? "(no id)";
        return Validate(model, provider, fileName, fullChecks ? RuleChecks.BuiltInFull : RuleChecks.BuiltIn, (_, message) => errors.Add($"{id} ({fileName}): {message}"));
    }

    /// <param name="error">Called with the field at fault (null for the whole rule) and the message.</param>
    private static RuleDefinition? Validate(RuleModel model, string provider, string fileName, RuleChecks checks, Action<string?, string> error)
    {
        var problems = 0;
        void Error(string? field, string message)
        {
            problems++;
            error(field, message);
        }

        var custom = checks == RuleChecks.Custom;
        var fullChecks = checks != RuleChecks.BuiltIn;
        if (model.Id is null || !RuleIdShape().IsMatch(model.Id))
        {
            Error(model.Id is null ? null : "id", "id must be kebab-case 'provider-token-kind'");
        }

        Require(model.Title, "title", Error);
        if (!custom)
        {
            Require(model.Matches, "matches", "matches (what the rule matches, in words)", Error);
        }

        if (model.Keywords is not { Count: > 0 } || model.Keywords.Any(k => string.IsNullOrWhiteSpace(k) || k.Length < 3))
        {
            Error(model.Keywords is null ? null : "keywords", "needs keywords (at least one, each at least 3 characters) for the prefilter");
        }

        if (string.IsNullOrEmpty(model.Pattern) || !model.Pattern.Contains("(?<secret>", StringComparison.Ordinal))
        {
            Error(model.Pattern is null ? null : "pattern", "pattern needs a named group 'secret'");
        }
        else if (fullChecks)
        {
            try
            {
                RuleDefinition.CreateLinearTimeRegex(model.Pattern);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                Error("pattern", $"pattern does not compile with NonBacktracking: {e.Message}");
            }
        }

        // Published examples are named by their SHA-256, so the repository never holds a token-shaped value.
        if ((model.Allow ?? []).Any(allowed => !AllowedHash().IsMatch(allowed)))
        {
            Error("allow", "allow entries are \"sha256:\" + the lowercase hex SHA-256 of the published example (printf %s VALUE | sha256sum), never the value itself");
        }

        if (model.LineReach is { } reach && (reach is < 1 or > MaxLineReach || model.SpansLines != true))
        {
            Error("lineReach", $"lineReach (1 to {MaxLineReach} lines) bounds a rule that spans lines; it needs \"spansLines\": true");
        }

        if (model.MinEntropy is < 0 or > 8)
        {
            Error("minEntropy", "minEntropy must be between 0 and 8 bits per character");
        }

        SecretValidator? validator = null;
        if (model.Validator is not null && SecretValidator.TryParse(model.Validator, out validator) is { } validatorError)
        {
            Error("validator", validatorError);
        }

        var hasTests = !string.IsNullOrEmpty(model.Sample) && model.Examples is { Count: > 0 } && model.Negatives is { Count: > 0 };
        var hasAnyTest = model.Sample is not null || model.Examples is not null || model.Negatives is not null;
        if (!hasTests && (!custom || hasAnyTest))
        {
            Error(model.Sample is null ? null : "sample", "needs a sample shape, examples and negatives (near misses)");
        }
        else if (hasTests && fullChecks)
        {
            if (SampleShape.Validate(model.Sample!, allowSecretPlaceholder: false) is { } sampleError)
            {
                Error("sample", $"sample shape: {sampleError}");
            }

            if (model.Examples!.Any(e => !e.Contains("<<secret>>", StringComparison.Ordinal) || SampleShape.Validate(e, true) is not null))
            {
                Error("examples", "every example must be a context line holding <<secret>>");
            }

            if (model.Negatives!.Any(n => SampleShape.Validate(n, false) is not null))
            {
                Error("negatives", "every negative must be a valid sample shape without <<secret>>");
            }
        }

        var remediation = ValidateRemediation(model.Remediation, custom, Error);
        if (problems > 0)
        {
            return null;
        }

        return new RuleDefinition(
            model.Id!, model.Title!, provider, fileName, model.Matches ?? model.Title!, model.Keywords!, model.Pattern!,
            model.MinEntropy, validator, (model.Allow ?? []).Select(allowed => allowed["sha256:".Length..]).ToHashSet(StringComparer.Ordinal), model.Sample ?? "",
            model.Examples ?? [], model.Negatives ?? [], remediation!, model.SpansLines ?? false,
            (model.Supersedes ?? []).ToHashSet(StringComparer.Ordinal), model.Fallback ?? false, model.LineReach);
    }

    private static Remediation? ValidateRemediation(RemediationModel? model, bool custom, Action<string?, string> error)
    {
        if (model is null)
        {
            error(null, "remediation is missing");
            return null;
        }

        var problems = 0;
        void Fail(string? field, string message)
        {
            problems++;
            error(field is null ? "remediation" : $"remediation.{field}", $"remediation.{message}");
        }

        if (model.EnvVar is null || !EnvVarShape().IsMatch(model.EnvVar))
        {
            Fail(model.EnvVar is null ? null : "envVar", "envVar must be an UPPER_SNAKE_CASE name");
        }

        Require(model.Summary, "summary", Fail);
        if (!custom)
        {
            Require(model.WhatItIs, "whatItIs", Fail);
        }

        if (model.Summary is { Length: > 160 })
        {
            Fail("summary", "summary must be one short sentence (160 characters at most)");
        }

        if (model.RevokeUrl is null || !model.RevokeUrl.StartsWith("https://", StringComparison.Ordinal))
        {
            Fail(model.RevokeUrl is null ? null : "revokeUrl", "revokeUrl must be an https URL (a rule without one does not load)");
        }

        var lists = new (List<string>? Values, string Name)[]
        {
            (model.UsedFor, "usedFor"), (model.HowCreated, "howCreated"), (model.Risks, "risks"), (model.Rotate, "rotate"),
            (model.CheckMisuse, "checkMisuse"), (model.Dependents, "dependents"), (model.BestPractices, "bestPractices"),
        };
        foreach (var (values, name) in lists)
        {
            // A custom rule may leave a list out; one it gives must hold text.
            if ((values is null && !custom) || (values is not null && (values.Count == 0 || values.Any(string.IsNullOrWhiteSpace))))
            {
                Fail(values is null ? null : name, $"{name} needs at least one non-empty entry");
            }
        }

        if (problems > 0)
        {
            return null;
        }

        return new Remediation(
            model.EnvVar!, model.Summary!, model.WhatItIs ?? model.Summary!, model.UsedFor ?? [], model.HowCreated ?? [], model.Risks ?? [],
            model.RevokeUrl!, model.DocsUrl, model.Rotate ?? [], model.CheckMisuse ?? [], model.Dependents ?? [], model.BestPractices ?? []);
    }

    private static void Require(string? value, string name, Action<string?, string> error) => Require(value, name, name, error);

    private static void Require(string? value, string field, string name, Action<string?, string> error)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            error(value is null ? null : field, $"{name} is required");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)+$")]
    private static partial Regex RuleIdShape();

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex AllowedHash();

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex EnvVarShape();
}
