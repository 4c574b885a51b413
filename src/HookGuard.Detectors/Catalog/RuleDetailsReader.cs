using System.Text.Json;

namespace HookGuard.Detectors.Catalog;

/// <summary>
/// Reads the details of built-in rules (remediation and test material) from one embedded provider file, for a finding or
/// a guide.
/// </summary>
/// <remarks>
/// Why not the serializer that parses rule files: its first use builds metadata for the whole model, which took about a
/// third of a blocked commit's own work in the Native AOT build (~2 ms, profiled). A document walk needs none. The built-in
/// files are checked in full by the test suite, and a test compares what this reads with the full parse for every rule,
/// so nothing is validated here.
/// </remarks>
internal static class RuleDetailsReader
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Each rule's details in the file, by rule id.</summary>
    /// <exception cref="JsonException">The file is not JSON (the build would already have failed).</exception>
    public static Dictionary<string, RuleDetails> Read(string json)
    {
        using var document = JsonDocument.Parse(json, Options);
        var details = new Dictionary<string, RuleDetails>(StringComparer.Ordinal);
        foreach (var rule in document.RootElement.GetProperty("rules").EnumerateArray())
        {
            var remediation = rule.GetProperty("remediation");
            var summary = Text(remediation, "summary");
            details[Text(rule, "id")] = new RuleDetails(
                Text(rule, "sample"),
                List(rule, "examples"),
                List(rule, "negatives"),
                new Remediation(
                    Text(remediation, "envVar"),
                    summary,
                    OptionalText(remediation, "whatItIs") ?? summary,
                    List(remediation, "usedFor"),
                    List(remediation, "howCreated"),
                    List(remediation, "risks"),
                    Text(remediation, "revokeUrl"),
                    OptionalText(remediation, "docsUrl"),
                    List(remediation, "rotate"),
                    List(remediation, "checkMisuse"),
                    List(remediation, "dependents"),
                    List(remediation, "bestPractices")));
        }

        return details;
    }

    private static string Text(JsonElement element, string name) => OptionalText(element, name) ?? "";

    private static string? OptionalText(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> List(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(item => item.GetString() ?? "").ToList()
            : [];
}
