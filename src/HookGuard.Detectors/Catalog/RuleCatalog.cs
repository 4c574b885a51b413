using System.Text.Json;
using System.Text.RegularExpressions;

namespace HookGuard.Detectors.Catalog;

/// <summary>The detector catalogue: every rule from the provider files embedded under Rules/.</summary>
public sealed partial class RuleCatalog
{
    private const string ResourcePrefix = "HookGuard.Rules.";
    private static readonly Lazy<RuleCatalog> Embedded = new(() => Parse(ReadEmbeddedFiles(), fullChecks: false));

    private readonly Dictionary<string, RuleDefinition> _byId;

    private RuleCatalog(IReadOnlyList<RuleDefinition> rules)
    {
        Rules = rules;
        _byId = rules.ToDictionary(rule => rule.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<RuleDefinition> Rules { get; }

    /// <summary>
    /// The built-in catalogue, with only the checks a scan depends on. Compiling every pattern and
    /// expanding every sample would cost every commit; the test suite runs those full checks
    /// (<c>fullChecks: true</c>), so a bad rule never reaches a user.
    /// </summary>
    public static RuleCatalog LoadEmbedded() => Embedded.Value;

    public RuleDefinition? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The embedded provider files, as (file name, JSON text).</summary>
    public static IReadOnlyList<(string FileName, string Json)> ReadEmbeddedFiles()
    {
        var assembly = typeof(RuleCatalog).Assembly;
        var files = new List<(string, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files.Add((name[ResourcePrefix.Length..], reader.ReadToEnd()));
        }

        return files;
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
            RuleFileModel? file;
            try
            {
                file = JsonSerializer.Deserialize(json, RuleFileJsonContext.Default.RuleFileModel);
            }
            catch (JsonException e)
            {
                errors.Add($"{fileName}: not valid rule JSON: {e.Message}");
                continue;
            }

            if (file is null || string.IsNullOrWhiteSpace(file.Provider) || file.Rules is not { Count: > 0 })
            {
                errors.Add($"{fileName}: needs a 'provider' and at least one rule");
                continue;
            }

            foreach (var model in file.Rules)
            {
                var rule = Validate(model, file.Provider, fileName, fullChecks, errors);
                if (rule is null)
                {
                    continue;
                }

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

    private static RuleDefinition? Validate(RuleModel model, string provider, string fileName, bool fullChecks, List<string> errors)
    {
        var id = model.Id ?? "(no id)";
        var before = errors.Count;
        void Error(string message) => errors.Add($"{id} ({fileName}): {message}");

        if (model.Id is null || !RuleIdShape().IsMatch(model.Id))
        {
            Error("id must be kebab-case 'provider-token-kind'");
        }

        Require(model.Title, "title", Error);
        Require(model.Matches, "matches (what the rule matches, in words)", Error);
        if (model.Keywords is not { Count: > 0 } || model.Keywords.Any(k => string.IsNullOrWhiteSpace(k) || k.Length < 3))
        {
            Error("needs keywords (at least one, each at least 3 characters) for the prefilter");
        }

        if (string.IsNullOrEmpty(model.Pattern) || !model.Pattern.Contains("(?<secret>", StringComparison.Ordinal))
        {
            Error("pattern needs a named group 'secret'");
        }
        else if (fullChecks)
        {
            try
            {
                RuleDefinition.CreateLinearTimeRegex(model.Pattern);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                Error($"pattern does not compile with NonBacktracking: {e.Message}");
            }
        }

        // Published examples are named by their SHA-256, so the repository never holds a token-shaped value.
        foreach (var allowed in model.Allow ?? [])
        {
            if (!AllowedHash().IsMatch(allowed))
            {
                Error("allow entries are \"sha256:\" + the lowercase hex SHA-256 of the published example (printf %s VALUE | sha256sum), never the value itself");
            }
        }

        if (model.MinEntropy is < 0 or > 8)
        {
            Error("minEntropy must be between 0 and 8 bits per character");
        }

        SecretValidator? validator = null;
        if (model.Validator is not null && SecretValidator.TryParse(model.Validator, out validator) is { } validatorError)
        {
            Error(validatorError);
        }

        if (string.IsNullOrEmpty(model.Sample) || model.Examples is not { Count: > 0 } || model.Negatives is not { Count: > 0 })
        {
            Error("needs a sample shape, examples and negatives (near misses)");
        }
        else if (fullChecks)
        {
            if (SampleShape.Validate(model.Sample, allowSecretPlaceholder: false) is { } sampleError)
            {
                Error($"sample shape: {sampleError}");
            }

            if (model.Examples.Any(e => !e.Contains("<<secret>>", StringComparison.Ordinal) || SampleShape.Validate(e, true) is not null))
            {
                Error("every example must be a context line holding <<secret>>");
            }

            if (model.Negatives.Any(n => SampleShape.Validate(n, false) is not null))
            {
                Error("every negative must be a valid sample shape without <<secret>>");
            }
        }

        var remediation = ValidateRemediation(model.Remediation, Error);
        if (errors.Count > before)
        {
            return null;
        }

        return new RuleDefinition(
            model.Id!, model.Title!, provider, fileName, model.Matches!, model.Keywords!, model.Pattern!,
            model.MinEntropy, validator, (model.Allow ?? []).Select(allowed => allowed["sha256:".Length..]).ToHashSet(StringComparer.Ordinal), model.Sample!,
            model.Examples!, model.Negatives!, remediation!, model.SpansLines ?? false,
            (model.Supersedes ?? []).ToHashSet(StringComparer.Ordinal), model.Fallback ?? false);
    }

    private static Remediation? ValidateRemediation(RemediationModel? model, Action<string> error)
    {
        if (model is null)
        {
            error("remediation is missing");
            return null;
        }

        var before = 0;
        void Fail(string message)
        {
            before++;
            error($"remediation.{message}");
        }

        if (model.EnvVar is null || !EnvVarShape().IsMatch(model.EnvVar))
        {
            Fail("envVar must be an UPPER_SNAKE_CASE name");
        }

        Require(model.Summary, "summary", Fail);
        Require(model.WhatItIs, "whatItIs", Fail);
        if (model.Summary is { Length: > 160 })
        {
            Fail("summary must be one short sentence (160 characters at most)");
        }

        if (model.RevokeUrl is null || !model.RevokeUrl.StartsWith("https://", StringComparison.Ordinal))
        {
            Fail("revokeUrl must be an https URL (a rule without one does not load)");
        }

        RequireList(model.UsedFor, "usedFor", Fail);
        RequireList(model.HowCreated, "howCreated", Fail);
        RequireList(model.Risks, "risks", Fail);
        RequireList(model.Rotate, "rotate", Fail);
        RequireList(model.CheckMisuse, "checkMisuse", Fail);
        RequireList(model.Dependents, "dependents", Fail);
        RequireList(model.BestPractices, "bestPractices", Fail);
        if (before > 0)
        {
            return null;
        }

        return new Remediation(
            model.EnvVar!, model.Summary!, model.WhatItIs!, model.UsedFor!, model.HowCreated!, model.Risks!,
            model.RevokeUrl!, model.DocsUrl, model.Rotate!, model.CheckMisuse!, model.Dependents!, model.BestPractices!);
    }

    private static void Require(string? value, string name, Action<string> error)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            error($"{name} is required");
        }
    }

    private static void RequireList(List<string>? values, string name, Action<string> error)
    {
        if (values is not { Count: > 0 } || values.Any(string.IsNullOrWhiteSpace))
        {
            error($"{name} needs at least one non-empty entry");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)+$")]
    private static partial Regex RuleIdShape();

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex AllowedHash();

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex EnvVarShape();
}
