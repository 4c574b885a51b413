using System.Text.Json.Serialization;

namespace HookGuard.Detectors.Catalog;

// The JSON shape of one provider file in Rules/, and of each entry of a config's customRules. Raw values only;
// RuleCatalog validates them and turns them into RuleDefinition. Kept separate so a bad file is reported, not half-loaded.
#pragma warning disable CA1002, CA2227 // A plain, settable shape for the serializer; nothing else builds or keeps one.

public sealed class RuleFileModel
{
    public string? Provider { get; set; }
    public List<RuleModel>? Rules { get; set; }
}

public sealed class RuleModel
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Matches { get; set; }
    public List<string>? Keywords { get; set; }
    public string? Pattern { get; set; }
    public double? MinEntropy { get; set; }
    public string? Validator { get; set; }
    public bool? SpansLines { get; set; }
    public int? LineReach { get; set; }
    public List<string>? Supersedes { get; set; }
    public bool? Fallback { get; set; }
    public List<string>? Allow { get; set; }
    public string? Sample { get; set; }
    public List<string>? Examples { get; set; }
    public List<string>? Negatives { get; set; }
    public RemediationModel? Remediation { get; set; }
}

public sealed class RemediationModel
{
    public string? EnvVar { get; set; }
    public string? Summary { get; set; }
    public string? WhatItIs { get; set; }
    public List<string>? UsedFor { get; set; }
    public List<string>? HowCreated { get; set; }
    public List<string>? Risks { get; set; }
    public string? RevokeUrl { get; set; }
    public string? DocsUrl { get; set; }
    public List<string>? Rotate { get; set; }
    public List<string>? CheckMisuse { get; set; }
    public List<string>? Dependents { get; set; }
    public List<string>? BestPractices { get; set; }
}

#pragma warning restore CA1002, CA2227

// Source-generated so loading needs no reflection (the tool is headed for Native AOT).
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(RuleFileModel))]
internal sealed partial class RuleFileJsonContext : JsonSerializerContext;
