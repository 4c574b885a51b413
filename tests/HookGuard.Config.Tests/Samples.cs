using HookGuard.Detectors;
using HookGuard.Detectors.Catalog;

namespace HookGuard.Config.Tests;

/// <summary>Token-shaped values, always built at test time from a sample shape: the repository never holds one.</summary>
internal static class Samples
{
    public static RuleCatalog BuiltIn => RuleCatalog.LoadEmbedded();

    public static string Token(string shape, int seed) => SampleShape.Generate(shape, new Random(seed));

    public static string Token(RuleDefinition rule, int seed = 0) => Token(rule.Sample, seed);

    /// <summary>Writes <paramref name="json"/> as the folder's <c>.hookguard.json</c> and loads it.</summary>
    public static HookGuardConfig LoadConfig(this TempFolder folder, string json) =>
        ConfigLoader.LoadFile(folder.Write(HookGuardConfig.FileName, json), BuiltIn);

    /// <summary>Writes <paramref name="json"/> as the folder's config and returns the message it is refused with, checked to be one line.</summary>
    public static string ConfigProblem(this TempFolder folder, string json)
    {
        var exception = Assert.Throws<HookGuardUsageException>(() => folder.LoadConfig(json));
        Assert.That(exception!.Message, Does.Not.Contain('\n').And.Not.Contain('\r'), "one line");
        return exception.Message;
    }
}
