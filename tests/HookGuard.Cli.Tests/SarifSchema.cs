using System.Text.Json;
using NJsonSchema;

namespace HookGuard.Cli.Tests;

/// <summary>
/// The SARIF 2.1.0 JSON schema and the checks every SARIF report must pass. The schema is Microsoft's copy of the
/// OASIS one, shipped in the SARIF SDK package (Sarif.Sdk, MIT) as Schemata/sarif-2.1.0.json and copied to Schemas/ by
/// the project file. Its <c>$schema</c> line names draft 2020-12, but it uses only draft-07 keywords
/// (<c>definitions</c>, <c>$ref</c>, <c>type</c>, <c>required</c>, …).
/// </summary>
internal static class SarifSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-schema-2.1.0.json")).GetAwaiter().GetResult());

    /// <summary>
    /// RFC 3986 relative reference with a path only (path-noscheme or path-absolute): NJsonSchema leaves the
    /// schema's <c>uri-reference</c> format unchecked, and a space, '#' or raw non-ASCII character would break it.
    /// </summary>
    private const string RelativePathReference =
        @"^/?(?:%[0-9A-Fa-f]{2}|[A-Za-z0-9\-._~!$&'()*+,;=@])*(?:/(?:%[0-9A-Fa-f]{2}|[A-Za-z0-9\-._~!$&'()*+,;=:@])*)*$";

    /// <summary>What the schema finds wrong with <paramref name="sarif"/>, one line per error; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(string sarif) =>
        Schema.Value.Validate(sarif).Select(e => e.ToString()).ToList();

    /// <summary>Asserts that <paramref name="sarif"/> is valid against the schema and that every artifact URI is a relative reference.</summary>
    public static void AssertValid(string sarif)
    {
        Assert.That(Errors(sarif), Is.Empty, sarif);
        using var document = JsonDocument.Parse(sarif);
        foreach (var result in document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
        {
            foreach (var location in result.GetProperty("locations").EnumerateArray())
            {
                var uri = location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString();
                Assert.That(uri, Does.Match(RelativePathReference));
            }
        }
    }
}
