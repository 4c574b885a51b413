using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using HookGuard.Cli.Reports;
using HookGuard.Config;
using HookGuard.Detectors;
using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Remediation;
using McMaster.Extensions.CommandLineUtils;

namespace HookGuard.Cli.Commands;

/// <summary><c>hookguard rules</c> and <c>hookguard explain</c>: the catalogue and the full guides.</summary>
internal static class CatalogCommands
{
    public static void ConfigureRules(CommandLineApplication command, CliContext context)
    {
        command.Description = "List the detector catalogue.";
        var format = command.Option("--format <FORMAT>", "text (default), json, or markdown (the page docs/detectors.md).", CommandOptionType.SingleValue);
        var config = command.Option("--config <FILE>", "Include this config's custom rules and leave out its disabled ones (default: the nearest .hookguard.json).", CommandOptionType.SingleValue);
        command.OnExecute(() =>
        {
            var catalog = RuleCatalog.LoadEmbedded();
            if (format.Value() == "markdown")
            {
                // The published page of the built-in catalogue: no local config changes it.
                context.Out.Write(CatalogDocument.Render(catalog));
                return ExitCodes.Clean;
            }

            var rules = LoadConfig(context, config.Value()).Rules(catalog);

            if (CatalogFormat(format.Value()) == ReportFormat.Json)
            {
                var entries = rules.Select(r => new JsonRule(
                    r.Id, r.Title, r.Provider, r.Matches, r.Keywords, r.Validator?.ToString(), r.Remediation.RevokeUrl, r.Remediation.EnvVar)).ToList();
                context.Out.WriteLine(JsonSerializer.Serialize(entries, JsonRulesContext.Readable.ListJsonRule));
                return ExitCodes.Clean;
            }

            var width = rules.Max(r => r.Id.Length) + 2;
            foreach (var rule in rules)
            {
                context.Out.WriteLine($"{rule.Id.PadRight(width)}{rule.Title}");
            }

            context.Out.WriteLine();
            context.Out.WriteLine($"{TextReportWriter.Count(rules.Count, "rule")}. Full guide for one: hookguard explain RULE-ID");
            return ExitCodes.Clean;
        });
    }

    public static void ConfigureExplain(CommandLineApplication command, CliContext context)
    {
        command.Description = "Print the full remediation guide for a rule: what it is, the risk, how to revoke and rotate, and how to keep it out of code.";
        var ruleId = command.Argument("RULE-ID", "The rule, as shown in a finding or by `hookguard rules`.");
        var lang = command.Option("--lang <LANG>", $"Language of the code snippets: {string.Join(", ", SnippetLanguages.Names)} (default: csharp).", CommandOptionType.SingleValue);
        var config = command.Option("--config <FILE>", "The config whose custom rules may be explained (default: the nearest .hookguard.json).", CommandOptionType.SingleValue);
        command.OnExecute(() =>
        {
            if (string.IsNullOrEmpty(ruleId.Value))
            {
                throw new HookGuardUsageException("explain needs a RULE-ID", "`hookguard rules` lists them");
            }

            var language = SnippetLanguage.CSharp;
            if (lang.Value() is { } name && !SnippetLanguages.TryParse(name, out language))
            {
                throw new HookGuardUsageException($"unknown --lang '{name}'", $"use one of: {string.Join(", ", SnippetLanguages.Names)}");
            }

            var catalog = RuleCatalog.LoadEmbedded();
            var rule = LoadConfig(context, config.Value()).FindRule(catalog, ruleId.Value)
                ?? throw new HookGuardUsageException($"unknown rule '{ruleId.Value}'", Suggest(catalog, ruleId.Value));
            context.Out.Write(GuideRenderer.Render(rule, language));
            return ExitCodes.Clean;
        });
    }

    /// <summary>The config around the working directory (from the repository root up), or the one named; custom rules live there.</summary>
    private static HookGuardConfig LoadConfig(CliContext context, string? configFile) =>
        ConfigLoader.Load(configFile is null ? null : context.ResolvePath(configFile), GitScan.PolicyRoot(context), RuleCatalog.LoadEmbedded);

    /// <summary>The scan formats that can describe rules: SARIF holds a scan's results, and the catalogue is none.</summary>
    private static ReportFormat CatalogFormat(string? value) => value?.ToLowerInvariant() switch
    {
        null or "text" or "json" => ReportFormats.Parse(value),
        "sarif" => throw new HookGuardUsageException("--format sarif is for scan results, not the rule catalogue", "use --format text, json or markdown"),
        _ => throw new HookGuardUsageException($"unknown --format '{value}'", "use --format text, json or markdown"),
    };

    private static string Suggest(RuleCatalog catalog, string id)
    {
        var close = catalog.Rules.Select(r => r.Id).Where(r => r.Contains(id, StringComparison.OrdinalIgnoreCase) || id.Contains(r.Split('-')[0], StringComparison.OrdinalIgnoreCase)).Take(5).ToList();
        return close.Count > 0 ? $"did you mean: {string.Join(", ", close)}?" : "`hookguard rules` lists them";
    }
}

internal sealed record JsonRule(
    string Id, string Title, string Provider, string Matches, IReadOnlyList<string> Keywords, string? Validator, string RevokeUrl, string EnvVar);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(List<JsonRule>))]
internal sealed partial class JsonRulesContext : JsonSerializerContext
{
    public static JsonRulesContext Readable { get; } = new(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
