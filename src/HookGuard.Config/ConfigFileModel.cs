using System.Text.Json;
using System.Text.Json.Serialization;
using HookGuard.Detectors.Catalog;

namespace HookGuard.Config;

// The JSON shape of .hookguard.json. Raw values only; ConfigLoader validates them, naming the line of each problem.
#pragma warning disable CA1002, CA2227 // A plain, settable shape for the serializer; nothing else builds or keeps one.

internal sealed class ConfigFileModel
{
    /// <summary>Lets editors find a JSON schema; not used by HookGuard.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    /// <summary>A number of bytes, or text as git config takes it ("10m").</summary>
    public JsonElement? MaxFileSize { get; set; }

    public string? Baseline { get; set; }

    public List<string>? DisableRules { get; set; }

    public List<string>? Exclude { get; set; }

    public AllowModel? Allow { get; set; }

    public List<RuleFileModel>? CustomRules { get; set; }
}

internal sealed class AllowModel
{
    public List<string>? Regexes { get; set; }

    public List<string>? Stopwords { get; set; }
}

#pragma warning restore CA1002, CA2227

// Source-generated so loading needs no reflection (Native AOT). Comments and trailing commas are allowed: people edit
// this file by hand. Unknown keys are errors, so a misspelt setting is reported instead of silently doing nothing.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ConfigFileModel))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
