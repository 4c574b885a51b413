using HookGuard.Detectors.Catalog;

namespace HookGuard.Detectors.Remediation;

/// <summary>
/// The keep-it-out-of-code snippet templates (embedded from Remediation/Snippets), shared by every
/// rule and filled with the rule's names.
/// </summary>
public static class SnippetLibrary
{
    private const string ResourcePrefix = "HookGuard.Snippets.";

    /// <summary>The secret sources, in the order the guide shows them.</summary>
    public static IReadOnlyList<(string Source, string Heading)> Sources { get; } =
    [
        ("env", "Environment variable"),
        ("aws", "AWS Secrets Manager"),
        ("vault", "HashiCorp Vault (KV version 2)"),
        ("conjur", "CyberArk Conjur"),
    ];

    /// <summary>The intro text of a source, filled for <paramref name="rule"/>.</summary>
    public static string Intro(string source, RuleDefinition rule) => Fill(Read($"{source}.intro.txt"), rule);

    /// <summary>The snippet of a source in a language, filled for <paramref name="rule"/>.</summary>
    public static string Snippet(string source, SnippetLanguage language, RuleDefinition rule) =>
        Fill(Read($"{source}.{language.Name()}.txt"), rule);

    /// <summary>The values that replace the template placeholders for a rule.</summary>
    public static IReadOnlyDictionary<string, string> Placeholders(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var envVar = rule.Remediation.EnvVar;
        var words = envVar.ToLowerInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries);
        var pascal = string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["{{TITLE}}"] = rule.Title,
            ["{{ENV_VAR}}"] = envVar,
            ["{{SECRET_ID}}"] = "my-app/" + string.Join('-', words),
            ["{{SECRET_KEY}}"] = string.Join('_', words),
            ["{{PASCAL}}"] = pascal,
            ["{{CAMEL}}"] = char.ToLowerInvariant(pascal[0]) + pascal[1..],
        };
    }

    private static string Fill(string template, RuleDefinition rule)
    {
        foreach (var (placeholder, value) in Placeholders(rule))
        {
            template = template.Replace(placeholder, value, StringComparison.Ordinal);
        }

        return template.TrimEnd('\n', '\r', ' ');
    }

    private static string Read(string name)
    {
        using var stream = typeof(SnippetLibrary).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"snippet template {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
